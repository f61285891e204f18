using Clientele.Storage;
using Clientele.Storage.Access;
using Clientele.Web.Security;
using Microsoft.AspNetCore.Identity;

namespace Clientele.Cli.Tests.Commands;

public sealed class UsersCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    private void AddUser(string name, Role role, string password)
    {
        using var workspace = Workspace.OpenOrCreate(_cli.Workspace, out _);
        UserTable.Add(workspace, name, role, Accounts.Hash(password), DateTime.UtcNow, null, mustChangePassword: false);
    }

    private User Find(string name)
    {
        using var workspace = Workspace.Open(_cli.Workspace);
        return UserTable.Find(workspace, name)!;
    }

    [Fact]
    public void Reset_password_prints_a_one_time_password_that_replaces_the_old_one_and_must_be_changed()
    {
        AddUser("admin", Role.Admin, "a-lost-long-passphrase");
        var (code, output, error) = _cli.Run("users", "reset-password", "ADMIN");
        Assert.True(code == 0, error);
        var password = System.Text.RegularExpressions.Regex.Match(output, "one-time password ([A-Za-z0-9]{16})").Groups[1].Value;
        Assert.NotEmpty(password);
        var user = Find("admin");
        Assert.True(user.MustChangePassword);
        var hasher = new PasswordHasher<User>();
        Assert.NotEqual(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(user, user.PasswordHash, password));
        Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(user, user.PasswordHash, "a-lost-long-passphrase"));
    }

    [Fact]
    public void Reset_password_of_an_unknown_user_is_a_clear_error_naming_the_users()
    {
        AddUser("admin", Role.Admin, "a-lost-long-passphrase");
        AddUser("carla", Role.Viewer, "carla-long-passphrase");
        var (code, _, error) = _cli.Run("users", "reset-password", "nobody");
        Assert.Equal(CliApp.UserError, code);
        Assert.Contains("there is no user named 'nobody'; the users are: admin, carla.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Reset_password_without_a_workspace_is_a_clear_error()
    {
        var (code, _, error) = _cli.Run("users", "reset-password", "admin");
        Assert.Equal(CliApp.UserError, code);
        Assert.StartsWith("error:", error, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
