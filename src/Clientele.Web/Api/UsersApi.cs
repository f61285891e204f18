using System.Security.Claims;
using Clientele.Storage;
using Clientele.Storage.Access;
using Clientele.Web.Hosting;
using Clientele.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clientele.Web.Api;

/// <summary>The users who sign in to the dashboard: list, add, change role, reset password, remove. Admins only.</summary>
public static class UsersApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users").RequireAuthorization(Policies.Admin);
        users.MapGet("/", List).WithName("ListUsers").WithSummary("Every user with role and dates (never a password).");
        users.MapPost("/", Add).WithName("AddUser").ProducesProblem(400)
            .WithSummary("Adds a user. Without a password a one-time password is made and returned once; the user must change it at first sign-in.");
        users.MapPut("/{userName}", Change).WithName("ChangeUser").ProducesProblem(400).ProducesProblem(404)
            .WithSummary("Changes a user's role, and resets the password to a new one-time password when asked.");
        users.MapDelete("/{userName}", Remove).WithName("RemoveUser").ProducesProblem(400).ProducesProblem(404)
            .WithSummary("Removes a user; their sessions end at their next request. An admin cannot remove themself.");
    }

    /// <summary>Every user.</summary>
    public static IReadOnlyList<UserView> List(WorkspaceHost workspace) => [.. workspace.Read(UserTable.All).Select(UserView.From)];

    /// <summary>Adds a user.</summary>
    public static async Task<Created<AddedUser>> Add(NewUser request, ClaimsPrincipal caller, Accounts accounts, CancellationToken cancellationToken)
    {
        var role = Roles.Parse(request.Role ?? "");
        var oneTime = string.IsNullOrEmpty(request.Password);
        var password = oneTime ? Accounts.OneTimePassword() : request.Password!;
        var user = await accounts.AddAsync(request.UserName ?? "", role, password, caller.Identity?.Name, oneTime, cancellationToken);
        return TypedResults.Created($"/api/users/{Uri.EscapeDataString(user.UserName)}", new AddedUser(UserView.From(user), oneTime ? password : null));
    }

    /// <summary>Changes a user's role or resets the password.</summary>
    public static async Task<Ok<AddedUser>> Change(
        string userName, UserChange request, ClaimsPrincipal caller, Accounts accounts, AccessDirectory directory, CancellationToken cancellationToken)
    {
        var user = directory.User(userName) ?? throw new NotFoundException($"there is no user named '{userName}'.");
        string? oneTime = null;
        if (request.Role is { } roleName)
        {
            var role = Roles.Parse(roleName);
            if (IsSelf(caller, user) && role != Role.Admin) throw new WorkspaceException("you cannot take the admin role from yourself; ask another admin.");
            await accounts.SetRoleAsync(user.UserName, role, cancellationToken);
        }
        if (request.ResetPassword)
        {
            oneTime = Accounts.OneTimePassword();
            await accounts.SetPasswordAsync(user.UserName, oneTime, oneTime: true, cancellationToken);
        }
        return TypedResults.Ok(new AddedUser(UserView.From(directory.User(user.UserName)!), oneTime));
    }

    /// <summary>Removes a user.</summary>
    public static async Task<NoContent> Remove(string userName, ClaimsPrincipal caller, Accounts accounts, AccessDirectory directory, CancellationToken cancellationToken)
    {
        var user = directory.User(userName) ?? throw new NotFoundException($"there is no user named '{userName}'.");
        if (IsSelf(caller, user)) throw new WorkspaceException("you cannot remove yourself; ask another admin.");
        await accounts.RemoveAsync(user.UserName, cancellationToken);
        return TypedResults.NoContent();
    }

    private static bool IsSelf(ClaimsPrincipal caller, User user) =>
        string.Equals(caller.Identity?.Name, user.UserName, StringComparison.OrdinalIgnoreCase);
}

/// <summary>A user as the API shows them.</summary>
public sealed record UserView(string UserName, string Role, DateTime CreatedAt, string? CreatedBy, DateTime PasswordChangedAt, bool MustChangePassword)
{
    internal static UserView From(User user) =>
        new(user.UserName, user.Role.Name(), user.CreatedAt, user.CreatedBy, user.PasswordChangedAt, user.MustChangePassword);
}

/// <summary>A user to add.</summary>
/// <param name="UserName">1 to 64 visible characters (no control, zero-width or other invisible character), unique in any case.</param>
/// <param name="Role">admin, analyst or viewer.</param>
/// <param name="Password">12 to 256 characters, not a common password, not the user name; leave it out to get a one-time password.</param>
public sealed record NewUser(string? UserName, string? Role, string? Password);

/// <summary>A change to a user.</summary>
/// <param name="Role">The new role, or null to keep it.</param>
/// <param name="ResetPassword">Replace the password with a new one-time password (returned once).</param>
public sealed record UserChange(string? Role, bool ResetPassword);

/// <summary>A user just added or changed, with the one-time password when one was made (shown only this once).</summary>
public sealed record AddedUser(UserView User, string? OneTimePassword);
