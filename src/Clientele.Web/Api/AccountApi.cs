using Clientele.Storage.Access;
using Clientele.Web.Security;
using Microsoft.AspNetCore.Antiforgery;

namespace Clientele.Web.Api;

/// <summary><c>GET /api/me</c>: who is calling, with which role, and the anti-forgery token for changes made with the cookie.</summary>
public static class AccountApi
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/me", Me).WithTags("Account").WithName("Me")
            .WithSummary("Who is calling: the user or key, its role, and the anti-forgery token a cookie-authenticated change must send in X-CSRF-TOKEN.");

    /// <summary>The caller.</summary>
    public static Caller Me(HttpContext context, IAntiforgery antiforgery)
    {
        var byCookie = context.User.FindFirst(Policies.MethodClaim)?.Value == "password";
        return new Caller(
            context.User.Identity?.Name ?? "", Policies.RoleOf(context.User)?.Name() ?? "", byCookie ? "password" : "api-key",
            byCookie ? antiforgery.GetAndStoreTokens(context).RequestToken : null);
    }
}

/// <summary>Who is calling.</summary>
/// <param name="Name">The user name, or "key:NAME" for an API key.</param>
/// <param name="Role">admin, analyst or viewer.</param>
/// <param name="Method">"password" (signed in) or "api-key".</param>
/// <param name="CsrfToken">For a signed-in caller, the token to send in X-CSRF-TOKEN with changes; null for an API key.</param>
public sealed record Caller(string Name, string Role, string Method, string? CsrfToken);
