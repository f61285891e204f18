namespace Clientele.Storage.Access;

/// <summary>A person who signs in to the dashboard.</summary>
/// <param name="UserName">The name they sign in with (unique, any case kept, compared case-insensitively).</param>
/// <param name="Role">What they may do.</param>
/// <param name="PasswordHash">The password as a standard password hasher wrote it (never the password).</param>
/// <param name="CreatedAt">When the user was added (UTC).</param>
/// <param name="CreatedBy">Who added them, or null for the first admin the server made.</param>
/// <param name="PasswordChangedAt">When the password was last set (UTC).</param>
/// <param name="MustChangePassword">The password was given to them (a one-time password); they are asked to choose their own.</param>
public sealed record User(
    string UserName, Role Role, string PasswordHash, DateTime CreatedAt, string? CreatedBy, DateTime PasswordChangedAt, bool MustChangePassword);
