namespace Clientele.Storage.Access;

/// <summary>A key a machine sends in the <c>X-Api-Key</c> header instead of signing in.</summary>
/// <param name="KeyId">The key's public id (the part before the dot of the key).</param>
/// <param name="Name">What it is for, as its creator named it.</param>
/// <param name="Role">What a request carrying it may do.</param>
/// <param name="CreatedAt">When it was made (UTC).</param>
/// <param name="CreatedBy">The admin who made it.</param>
/// <param name="LastUsedAt">When a request last carried it (UTC), or null.</param>
public sealed record ApiKey(string KeyId, string Name, Role Role, DateTime CreatedAt, string? CreatedBy, DateTime? LastUsedAt);
