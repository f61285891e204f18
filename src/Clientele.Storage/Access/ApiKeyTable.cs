using System.Data.Common;
using System.Security.Cryptography;
using System.Text;

namespace Clientele.Storage.Access;

/// <summary>
/// The API keys of a workspace. A key reads <c>clk_&lt;id&gt;.&lt;secret&gt;</c>; only the SHA-256 of the whole key is
/// stored (the secret has 256 random bits, so a fast hash is enough), and the key itself is shown once, when made. Making or
/// revoking a key writes <see cref="ChangeStamp.Access"/> in its transaction (a key's last use does not).
/// </summary>
public static class ApiKeyTable
{
    private const string Prefix = "clk_";

    /// <summary>Every key, newest first (never their secrets).</summary>
    public static IReadOnlyList<ApiKey> All(Workspace workspace)
    {
        using var command = workspace.Command("SELECT key_id, name, role, created_at, created_by, last_used_at FROM api_keys ORDER BY created_at DESC, key_id");
        using var reader = command.ExecuteReader();
        var keys = new List<ApiKey>();
        while (reader.Read()) keys.Add(Row(reader));
        return keys;
    }

    /// <summary>Makes a key; the returned text is the only time the key is seen.</summary>
    /// <exception cref="WorkspaceException">The name is empty or longer than 100 characters.</exception>
    public static (ApiKey Key, string Secret) Create(Workspace workspace, string name, Role role, DateTime createdAt, string? createdBy)
    {
        name = name.Trim();
        if (name.Length is 0 or > 100) throw new WorkspaceException("an API key's name has 1 to 100 characters.");
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = $"{Prefix}{id}.{Base64Url(RandomNumberGenerator.GetBytes(32))}";
        return ChangeStamp.Access.Change(workspace, () =>
        {
            using var command = workspace.Command(
                "INSERT INTO api_keys (key_id, name, role, key_sha256, created_at, created_by, last_used_at) VALUES ($id, $name, $role, $hash, $at, $by, NULL)",
                ("id", id), ("name", name), ("role", role.Name()), ("hash", Hash(secret)), ("at", createdAt), ("by", createdBy));
            command.ExecuteNonQuery();
            return (new ApiKey(id, name, role, createdAt, createdBy, null), secret);
        });
    }

    /// <summary>The key a request carried, when it is a valid key of this workspace.</summary>
    public static ApiKey? Verify(Workspace workspace, string presented)
    {
        presented = presented.Trim();
        var dot = presented.IndexOf('.', StringComparison.Ordinal);
        if (!presented.StartsWith(Prefix, StringComparison.Ordinal) || dot <= Prefix.Length) return null;
        var id = presented[Prefix.Length..dot];
        using var command = workspace.Command(
            "SELECT key_id, name, role, created_at, created_by, last_used_at, key_sha256 FROM api_keys WHERE key_id = $id", ("id", id));
        ApiKey? key;
        using (var reader = command.ExecuteReader())
        {
            if (!reader.Read()) return null;
            var stored = Convert.FromHexString(reader.GetString(6));
            if (!CryptographicOperations.FixedTimeEquals(stored, Convert.FromHexString(Hash(presented)))) return null;
            key = Row(reader);
        }
        return key;
    }

    /// <summary>Records that a request carried the key.</summary>
    public static void Touch(Workspace workspace, string keyId, DateTime usedAt)
    {
        using var touch = workspace.Command("UPDATE api_keys SET last_used_at = $at WHERE key_id = $id", ("at", usedAt), ("id", keyId));
        touch.ExecuteNonQuery();
    }

    /// <summary>Revokes a key.</summary>
    /// <returns>False when there was no such key.</returns>
    public static bool Revoke(Workspace workspace, string keyId)
    {
        return ChangeStamp.Access.Change(workspace, () =>
        {
            using var command = workspace.Command("DELETE FROM api_keys WHERE key_id = $id", ("id", keyId.Trim()));
            return command.ExecuteNonQuery() > 0;
        });
    }

    private static ApiKey Row(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), Roles.Parse(reader.GetString(2)), reader.GetDateTime(3),
            reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetDateTime(5));

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
