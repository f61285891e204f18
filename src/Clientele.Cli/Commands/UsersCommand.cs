using System.CommandLine;
using Clientele.Storage;
using Clientele.Storage.Access;
using Clientele.Web.Security;

namespace Clientele.Cli.Commands;

/// <summary>
/// <c>clientele users reset-password NAME</c>: recovers access to the dashboard when a password (even the only admin's
/// one-time password) is lost. It writes the workspace, so it runs while no <c>clientele serve</c> holds it; an admin can
/// also reset a password from the dashboard's Users page or <c>PUT /api/users/{name}</c>.
/// </summary>
internal static class UsersCommand
{
    public static Command Create(CliContext context, Option<string?> workspaceOption)
    {
        var name = new Argument<string>("name") { Description = "The user's name (any case)." };
        var reset = new Command("reset-password",
            "Replace a user's password with a one-time password, printed once; they choose their own at the next sign-in. " +
            "Stop `clientele serve` first (the workspace is open in one process at a time).") { name };
        reset.SetAction(parsed =>
        {
            var userName = parsed.GetValue(name)!;
            using var workspace = Workspace.Open(CliApp.WorkspacePath(context, parsed.GetValue(workspaceOption)));
            var user = UserTable.Find(workspace, userName)
                       ?? throw new WorkspaceException($"there is no user named '{userName}'; the users are: {string.Join(", ", UserTable.All(workspace).Select(u => u.UserName))}.");
            var password = Accounts.ResetPassword(workspace, user.UserName, context.Time.GetUtcNow().UtcDateTime)!;
            context.Out.WriteLine($"The password of '{user.UserName}' ({user.Role.Name()}) is now the one-time password {password}");
            context.Out.WriteLine("Sign in with it and choose a new password; it is shown only now. Sessions signed in before end at their next request.");
            return 0;
        });
        return new Command("users", "Manage the dashboard's users from the command line (while no server runs).") { reset };
    }
}
