using System.Collections.Concurrent;
using Clientele.Storage.Access;

namespace Clientele.Web.Security;

/// <summary>
/// Slows password guessing without letting anyone lock a user out from elsewhere. Failures are counted, within
/// <see cref="Window"/>, per (address, user name), per user name and per address:
/// <list type="bullet">
/// <item>an address that failed <see cref="MaxFailures"/> times for a user name may not try that name again until the
/// window has passed since its first failure: that user is under attack from that address;</item>
/// <item>when a user name has <see cref="MaxFailuresElsewhere"/> failures from all addresses (a spread-out attack on it),
/// or an address has as many for all names (one address trying many names), the pairs involved get only
/// <see cref="MaxFailuresUnderAttack"/> failures before they wait;</item>
/// <item>an address with fewer failures than that for a name is always let through to the password check, so the right
/// password from anyone else's address, or from an office whose neighbours mistyped, always signs in.</item>
/// </list>
/// A successful sign-in clears its own pair's count. Addresses are the clients' (forwarded ones behind a trusted proxy).
/// </summary>
public sealed class SignInThrottle(TimeProvider time)
{
    /// <summary>Failures an address is allowed for one user name in a window.</summary>
    public const int MaxFailures = 5;

    /// <summary>Failures for one user name from all addresses (or from one address for all names) that mark an attack.</summary>
    public const int MaxFailuresElsewhere = 20;

    /// <summary>Failures an address is allowed for one user name while that name, or that address, is under attack.</summary>
    public const int MaxFailuresUnderAttack = 2;

    /// <summary>The window failures are counted in.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    /// <summary>How long the address must wait before trying the user name again, or null when it may try now.</summary>
    public TimeSpan? RetryAfter(string userName, string? address)
    {
        var now = time.GetUtcNow();
        var (pair, user, from) = Keys(userName, address);
        if (Current(pair, now) is not { } failures) return null;
        var underAttack = (Current(user, now)?.Count ?? 0) >= MaxFailuresElsewhere || (Current(from, now)?.Count ?? 0) >= MaxFailuresElsewhere;
        var limit = underAttack ? MaxFailuresUnderAttack : MaxFailures;
        return failures.Count >= limit ? failures.Since + Window - now : null;
    }

    /// <summary>Counts a failed attempt.</summary>
    public void Failed(string userName, string? address)
    {
        var now = time.GetUtcNow();
        var (pair, user, from) = Keys(userName, address);
        foreach (var key in new[] { pair, user, from })
        {
            var failures = _failures.GetOrAdd(key, _ => new Failures { Since = now });
            lock (failures)
            {
                if (now - failures.Since >= Window) (failures.Since, failures.Count) = (now, 0);
                failures.Count++;
            }
        }
        if (_failures.Count > 100_000) Forget(now);
    }

    /// <summary>Forgets the address's failures for the user name after a successful sign-in.</summary>
    public void Succeeded(string userName, string? address) => _failures.TryRemove(Keys(userName, address).Pair, out _);

    private (int Count, DateTimeOffset Since)? Current(string key, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var failures)) return null;
        lock (failures) return now - failures.Since >= Window ? null : (failures.Count, failures.Since);
    }

    /// <summary>Drops windows that have passed, so guessing with random names cannot fill the memory.</summary>
    private void Forget(DateTimeOffset now)
    {
        foreach (var (key, failures) in _failures)
        {
            bool old;
            lock (failures) old = now - failures.Since >= Window;
            if (old) _failures.TryRemove(key, out _);
        }
    }

    private static (string Pair, string User, string Address) Keys(string userName, string? address)
    {
        var name = UserNames.Normalize(userName).ToUpperInvariant();
        var from = string.IsNullOrEmpty(address) ? "unknown" : address;
        return ($"pair:{from} {name}", $"user:{name}", $"address:{from}");
    }

    private sealed class Failures
    {
        public DateTimeOffset Since;
        public int Count;
    }
}
