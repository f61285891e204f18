using System.Security.Claims;
using Clientele.Storage;
using Clientele.Storage.Access;
using Clientele.Web.Hosting;
using Clientele.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clientele.Web.Api;

/// <summary>API keys for machines, each scoped to a role: list, make, revoke. Admins only.</summary>
public static class ApiKeysApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/keys").WithTags("API keys").RequireAuthorization(Policies.Admin);
        keys.MapGet("/", List).WithName("ListApiKeys").WithSummary("Every key: id, name, role, when made and last used (never the key).");
        keys.MapPost("/", Create).WithName("CreateApiKey").ProducesProblem(400)
            .WithSummary("Makes a key for a role. The key is in the answer only: store it, it cannot be shown again.");
        keys.MapDelete("/{keyId}", Revoke).WithName("RevokeApiKey").ProducesProblem(404)
            .WithSummary("Revokes a key; requests carrying it are refused from then on.");
    }

    /// <summary>Every key.</summary>
    public static IReadOnlyList<ApiKey> List(WorkspaceHost workspace) => workspace.Read(ApiKeyTable.All);

    /// <summary>Makes a key.</summary>
    public static async Task<Created<CreatedApiKey>> Create(
        NewApiKey request, ClaimsPrincipal caller, WorkspaceHost workspace, AccessDirectory directory, TimeProvider time, CancellationToken cancellationToken)
    {
        var role = Roles.Parse(request.Role ?? "");
        var (key, secret) = await workspace.WriteAsync(w => ApiKeyTable.Create(w, request.Name ?? "", role, time.GetUtcNow().UtcDateTime, caller.Identity?.Name), cancellationToken);
        directory.KeysChanged();
        return TypedResults.Created($"/api/keys/{key.KeyId}", new CreatedApiKey(key, secret));
    }

    /// <summary>Revokes a key.</summary>
    public static async Task<NoContent> Revoke(string keyId, WorkspaceHost workspace, AccessDirectory directory, CancellationToken cancellationToken)
    {
        var revoked = await workspace.WriteAsync(w => ApiKeyTable.Revoke(w, keyId), cancellationToken);
        directory.KeysChanged();
        return revoked ? TypedResults.NoContent() : throw new NotFoundException($"there is no API key '{keyId}'.");
    }
}

/// <summary>A key to make.</summary>
/// <param name="Name">What it is for (1 to 100 characters).</param>
/// <param name="Role">admin, analyst or viewer.</param>
public sealed record NewApiKey(string? Name, string? Role);

/// <summary>A key just made, with its secret (shown only this once).</summary>
public sealed record CreatedApiKey(ApiKey Key, string Secret);
