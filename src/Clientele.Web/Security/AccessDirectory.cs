using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Clientele.Storage.Access;
using Clientele.Web.Hosting;

namespace Clientele.Web.Security;

/// <summary>
/// The users and API keys as every request sees them, cached in memory. Every change to them goes through this server
/// (it holds the workspace open, so no other process can write it), and each change clears the cache, so a removed user
/// or a revoked key loses access at its next request. A key's last use is written at most once a minute.
/// </summary>
public sealed class AccessDirectory(WorkspaceHost workspace, TimeProvider time)
{
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);
    private volatile Dictionary<string, User>? _users;
    private readonly ConcurrentDictionary<string, ApiKey> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTime> _touched = new(StringComparer.Ordinal);

    /// <summary>The user of that name, or null.</summary>
    public User? User(string userName)
    {
        var users = _users ??= workspace.Read(UserTable.All).ToDictionary(u => u.UserName, StringComparer.OrdinalIgnoreCase);
        return users.GetValueOrDefault(UserNames.Normalize(userName));
    }

    /// <summary>The key when <paramref name="presented"/> is a valid key.</summary>
    public ApiKey? Key(string presented)
    {
        var digest = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(presented.Trim())));
        if (!_keys.TryGetValue(digest, out var key))
        {
            key = workspace.Read(w => ApiKeyTable.Verify(w, presented));
            if (key is null) return null;
            _keys[digest] = key;
        }
        var now = time.GetUtcNow().UtcDateTime;
        if (!_touched.TryGetValue(key.KeyId, out var last) || now - last >= TouchEvery)
        {
            _touched[key.KeyId] = now;
            _ = workspace.WriteAsync(w => { ApiKeyTable.Touch(w, key.KeyId, now); return 0; });
        }
        return key;
    }

    /// <summary>Forgets the cached users (after any change to them).</summary>
    public void UsersChanged() => _users = null;

    /// <summary>Forgets the cached keys (after a key was made or revoked).</summary>
    public void KeysChanged() => _keys.Clear();
}
