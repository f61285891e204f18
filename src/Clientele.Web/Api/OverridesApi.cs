using System.Security.Claims;
using Clientele.Classification;
using Clientele.Storage;
using Clientele.Storage.Snapshots;
using Clientele.Web.Hosting;
using Clientele.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clientele.Web.Api;

/// <summary>
/// Manual classes that win over the computed ones from the next analysis on (a BZC kept on purpose, a prestige customer
/// chased for image): list, set, remove. Setting and removing need the analyst role.
/// </summary>
public static class OverridesApi
{
    /// <summary>What every change says: nothing is reclassified until the next analysis.</summary>
    public const string AppliesAtNextAnalysis = "It applies at the next analysis; the current classes stay as they are until then.";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/overrides", List).WithTags("Overrides").WithName("ListOverrides")
            .WithSummary("Every override (of one customer with ?customer=ID), by customer and dimension, with who set it, when and why.");
        var one = api.MapGroup("/customers/{customerId}/overrides").WithTags("Overrides").RequireAuthorization(Policies.Analyst);
        one.MapPut("/{dimension}", Set).WithName("SetOverride").ProducesProblem(400).ProducesProblem(404)
            .WithSummary("Sets (or replaces) the customer's class in a dimension, with the reason; the caller is recorded as its author. " +
                "It applies at the next analysis.");
        one.MapDelete("/{dimension}", Remove).WithName("RemoveOverride").ProducesProblem(400).ProducesProblem(404)
            .WithSummary("Removes the customer's override in a dimension; the next analysis computes the class again.");
    }

    /// <summary>Every override, or one customer's.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="customer">Only this customer's overrides.</param>
    public static IReadOnlyList<Override> List(WorkspaceHost workspace, string? customer = null) =>
        [.. workspace.Read(OverrideTable.All).Where(o => customer is null || o.CustomerId == customer)];

    /// <summary>Sets an override.</summary>
    public static async Task<Ok<OverrideChange>> Set(
        string customerId, string dimension, OverrideRequest request, ClaimsPrincipal caller, WorkspaceHost workspace, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var name = SnapshotQuery.Dimension(dimension);
        if (string.IsNullOrWhiteSpace(request.Class))
        {
            throw new WorkspaceException(DimensionClasses.Closed.TryGetValue(name, out var classes)
                ? $"class is empty: choose one of {string.Join(", ", classes)}."
                : $"class is empty: name the class of {name} to use.");
        }
        SnapshotQuery.Class(name, request.Class);
        if (string.IsNullOrWhiteSpace(request.Reason))
            throw new WorkspaceException("reason is empty: say why this customer gets this class (it is shown with the class).");
        var (stored, earlier) = await workspace.WriteAsync(w =>
        {
            var earlier = OverrideTable.Find(w, customerId, name);
            return (OverrideTable.Set(w, customerId, name, request.Class, request.Reason, caller.Identity?.Name, time.GetUtcNow().UtcDateTime), earlier);
        }, cancellationToken);
        return TypedResults.Ok(new OverrideChange(stored, earlier, AppliesAtNextAnalysis));
    }

    /// <summary>Removes an override.</summary>
    public static async Task<Ok<OverrideChange>> Remove(string customerId, string dimension, WorkspaceHost workspace, CancellationToken cancellationToken)
    {
        var name = SnapshotQuery.Dimension(dimension);
        var removed = await workspace.WriteAsync(w =>
        {
            var earlier = OverrideTable.Find(w, customerId, name);
            if (earlier is not null) OverrideTable.Remove(w, customerId, name);
            return earlier;
        }, cancellationToken);
        return removed is null
            ? throw new NotFoundException($"customer '{customerId}' has no override of {name}; GET /api/overrides lists them.")
            : TypedResults.Ok(new OverrideChange(null, removed, "The next analysis computes the class again; the current classes stay as they are until then."));
    }
}

/// <summary>An override to set.</summary>
/// <param name="Class">The class to use: one of the dimension's classes where the set is closed (GET /api/dimensions), any text otherwise.</param>
/// <param name="Reason">Why (shown with the class, e.g. "brings traffic to the shop").</param>
public sealed record OverrideRequest(string? Class, string? Reason);

/// <summary>An override set or removed.</summary>
/// <param name="Override">The override now in force, or null when it was removed.</param>
/// <param name="Replaced">The override it replaced or the one removed, or null.</param>
/// <param name="Note">When it takes effect.</param>
public sealed record OverrideChange(Override? Override, Override? Replaced, string Note);
