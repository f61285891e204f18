using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Clientele.Storage;
using Clientele.Storage.Access;
using Clientele.Web.Hosting;

namespace Clientele.Web.Security;

/// <summary>
/// The users and API keys as every request sees them, kept in memory. Every change to them, by this server or by any other
/// process of the workspace (a second server on the same PostgreSQL database, <c>clientele users reset-password</c>), writes
/// <see cref="ChangeStamp.Access"/>; each request reads that stamp first and drops what is kept when it moved, so a removed
/// user, a changed password or role, or a revoked key loses access at its next request on every server. A key's last use
/// is written at most once a minute.
/// </summary>
public sealed class AccessDirectory(WorkspaceHost workspace, TimeProvider time)
{
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    /// <summary>What is kept, and the stamp it was read under.</summary>
    private sealed record Kept(string? Stamp, Dictionary<string, User>? Users, ConcurrentDictionary<string, ApiKey> Keys);

    private Kept _kept = new("not read yet", null, new(StringComparer.Ordinal));
    private readonly ConcurrentDictionary<string, DateTime> _touched = new(StringComparer.Ordinal);

    /// <summary>The user of that name, or null.</summary>
    public User? User(string userName) => workspace.Read(w =>
    {
        var kept = Current(w);
        var users = kept.Users;
        if (users is null)
        {
            users = UserTable.All(w).ToDictionary(u => u.UserName, StringComparer.OrdinalIgnoreCase);
            // Kept only if no change came in meanwhile; else the next request reads again.
            Interlocked.CompareExchange(ref _kept, kept with { Users = users }, kept);
        }
        return users.GetValueOrDefault(UserNames.Normalize(userName));
    });

    /// <summary>The key when <paramref name="presented"/> is a valid key.</summary>
    public ApiKey? Key(string presented)
    {
        var digest = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(presented.Trim())));
        var key = workspace.Read(w =>
        {
            var keys = Current(w).Keys;
            if (keys.TryGetValue(digest, out var known)) return known;
            var found = ApiKeyTable.Verify(w, presented);
            if (found is not null) keys[digest] = found;
            return found;
        });
        if (key is null) return null;
        var now = time.GetUtcNow().UtcDateTime;
        if (!_touched.TryGetValue(key.KeyId, out var last) || now - last >= TouchEvery)
        {
            _touched[key.KeyId] = now;
            _ = workspace.WriteAsync(w => { ApiKeyTable.Touch(w, key.KeyId, now); return 0; });
        }
        return key;
    }

    /// <summary>Forgets the cached users (after any change to them; the stamp would tell the next request anyway).</summary>
    public void UsersChanged() => Volatile.Write(ref _kept, new Kept("forgotten", null, new(StringComparer.Ordinal)));

    /// <summary>Forgets the cached keys (after a key was made or revoked; the stamp would tell the next request anyway).</summary>
    public void KeysChanged() => UsersChanged();

    /// <summary>What is kept, emptied first when the stamp in the workspace is not the one it was read under.</summary>
    private Kept Current(Workspace w)
    {
        var stamp = ChangeStamp.Access.Read(w);
        var kept = Volatile.Read(ref _kept);
        if (kept.Stamp == stamp) return kept;
        var fresh = new Kept(stamp, null, new(StringComparer.Ordinal));
        return Interlocked.CompareExchange(ref _kept, fresh, kept) == kept ? fresh : Volatile.Read(ref _kept) is { } now && now.Stamp == stamp ? now : fresh;
    }
}
