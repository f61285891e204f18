using System.Security.Claims;
using Clientele.Storage.Access;

namespace Clientele.Web.Security;

/// <summary>
/// The three authorization policies, one per role. A principal carries a role claim for its own role and every role
/// below it (an admin is also an analyst and a viewer), so each policy is a plain role check.
/// </summary>
public static class Policies
{
    /// <summary>Anyone signed in or carrying an API key.</summary>
    public const string Viewer = "viewer";

    /// <summary>Analysts and admins: import, analyze, override.</summary>
    public const string Analyst = "analyst";

    /// <summary>Admins: users, API keys, settings.</summary>
    public const string Admin = "admin";

    /// <summary>The claim saying how the request was authenticated: "password" or "api-key".</summary>
    public const string MethodClaim = "clientele:auth";

    /// <summary>The claim marking a one-time password that has not been replaced yet.</summary>
    public const string MustChangePasswordClaim = "clientele:must-change-password";

    /// <summary>The identity of a user or key with that role.</summary>
    public static ClaimsPrincipal Principal(string name, Role role, string method, string authenticationType, bool mustChangePassword = false)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name), new(MethodClaim, method) };
        foreach (var implied in Enum.GetValues<Role>().Where(r => r <= role)) claims.Add(new Claim(ClaimTypes.Role, implied.Name()));
        if (mustChangePassword) claims.Add(new Claim(MustChangePasswordClaim, "true"));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The highest role a principal holds, or null when it holds none.</summary>
    public static Role? RoleOf(ClaimsPrincipal user) =>
        Enum.GetValues<Role>().Reverse().Cast<Role?>().FirstOrDefault(r => user.IsInRole(r!.Value.Name()));
}
