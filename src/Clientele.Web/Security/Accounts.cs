using System.Security.Cryptography;
using Clientele.Storage;
using Clientele.Storage.Access;
using Clientele.Web.Hosting;
using Microsoft.AspNetCore.Identity;

namespace Clientele.Web.Security;

/// <summary>
/// The users of the server: checking a password, adding users, changing passwords, and the first admin. Passwords are
/// hashed with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2 with HMAC-SHA512, salted, 100,000
/// iterations); only the hash reaches the workspace.
/// </summary>
public sealed class Accounts(WorkspaceHost workspace, AccessDirectory directory, TimeProvider time)
{
    /// <summary>The name of the admin the server makes when the workspace has no user.</summary>
    public const string FirstAdminName = "admin";

    /// <summary>The shortest password accepted (<see cref="PasswordPolicy.MinimumLength"/>).</summary>
    public const int MinimumPasswordLength = PasswordPolicy.MinimumLength;

    private static readonly PasswordHasher<User> Hasher = new();

    /// <summary>The user when the password is theirs; null otherwise (an unknown name costs as much as a wrong password).</summary>
    public User? Verify(string userName, string password)
    {
        var user = directory.User(userName);
        if (user is null)
        {
            Hasher.VerifyHashedPassword(Dummy, DummyHash, password);
            return null;
        }
        return Hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed ? null : user;
    }

    /// <summary>Adds a user with a password of their own (or a one-time password an admin hands over).</summary>
    /// <exception cref="WorkspaceException">The name is not valid or taken, or the password is refused by <see cref="PasswordPolicy"/>.</exception>
    public Task<User> AddAsync(string userName, Role role, string password, string? createdBy, bool oneTime, CancellationToken cancellationToken = default)
    {
        userName = UserNames.Check(userName);
        if (!oneTime) PasswordPolicy.Check(password, userName);
        var hash = Hash(password);
        return Change(w => UserTable.Add(w, userName, role, hash, time.GetUtcNow().UtcDateTime, createdBy, oneTime), cancellationToken);
    }

    /// <summary>Sets a user's password.</summary>
    /// <returns>False when there is no such user.</returns>
    /// <exception cref="WorkspaceException">The password is refused by <see cref="PasswordPolicy"/>.</exception>
    public Task<bool> SetPasswordAsync(string userName, string password, bool oneTime, CancellationToken cancellationToken = default)
    {
        if (!oneTime) PasswordPolicy.Check(password, userName);
        var hash = Hash(password);
        return Change(w => UserTable.SetPassword(w, userName, hash, time.GetUtcNow().UtcDateTime, oneTime), cancellationToken);
    }

    /// <summary>Gives a user another role.</summary>
    /// <returns>False when there is no such user.</returns>
    public Task<bool> SetRoleAsync(string userName, Role role, CancellationToken cancellationToken = default) =>
        Change(w => UserTable.SetRole(w, userName, role), cancellationToken);

    /// <summary>Removes a user.</summary>
    /// <returns>False when there was no such user.</returns>
    public Task<bool> RemoveAsync(string userName, CancellationToken cancellationToken = default) =>
        Change(w => UserTable.Remove(w, userName), cancellationToken);

    private async Task<T> Change<T>(Func<Workspace, T> change, CancellationToken cancellationToken)
    {
        try
        {
            return await workspace.WriteAsync(change, cancellationToken);
        }
        finally
        {
            directory.UsersChanged();
        }
    }

    /// <summary>
    /// Makes the first admin when the workspace has no user: with <see cref="ServerSettings.AdminPassword"/> when set,
    /// else with a generated one-time password, which is announced once and must be changed at first sign-in.
    /// </summary>
    public async Task EnsureAdminAsync(ServerSettings settings)
    {
        if (workspace.Read(UserTable.Count) > 0) return;
        if (settings.AdminPassword is { Length: > 0 } given)
        {
            if (PasswordPolicy.Refusal(given, FirstAdminName) is { } reason)
                throw new WorkspaceException($"{ServerSettings.AdminPasswordVariable} is refused: {reason}");
            await AddAsync(FirstAdminName, Role.Admin, given, null, oneTime: false);
            settings.Announce($"Created the user '{FirstAdminName}' (admin) with the password from {ServerSettings.AdminPasswordVariable}.");
            return;
        }
        var password = OneTimePassword();
        await AddAsync(FirstAdminName, Role.Admin, password, null, oneTime: true);
        settings.Announce($"Created the user '{FirstAdminName}' (admin) with the one-time password {password}");
        settings.Announce("Sign in with it and choose your own password; it is shown only now.");
    }

    /// <summary>A random password of 16 letters and digits (about 95 bits), without look-alike characters.</summary>
    public static string OneTimePassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return string.Create(16, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        });
    }

    /// <summary>The stored form of a password: ASP.NET Core Identity's hash (salted, so never the same twice).</summary>
    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    /// <summary>
    /// Replaces a user's password with a new one-time password, to be changed at the next sign-in, straight in the
    /// workspace (<c>clientele users reset-password</c>, while no server holds it; the server goes through
    /// <see cref="SetPasswordAsync"/>).
    /// </summary>
    /// <returns>The one-time password, or null when there is no such user.</returns>
    public static string? ResetPassword(Workspace workspace, string userName, DateTime now)
    {
        var password = OneTimePassword();
        return UserTable.SetPassword(workspace, userName, Hash(password), now, mustChange: true) ? password : null;
    }

    private static readonly User Dummy = new("", Role.Viewer, "", DateTime.UnixEpoch, null, DateTime.UnixEpoch, false);
    private static readonly string DummyHash = Hasher.HashPassword(Dummy, OneTimePassword());
}
