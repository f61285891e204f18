using System.Collections.Concurrent;

namespace Clientele.Web.Security;

/// <summary>
/// Slows guessing: after <see cref="MaxFailures"/> failed sign-ins for one user name, or <see cref="MaxFailuresPerAddress"/>
/// from one address (an office behind one address has several people), within <see cref="Window"/>, further attempts
/// for it are refused until the window has passed since the first failure.
/// A successful sign-in clears the user name's count (not the address's).
/// </summary>
public sealed class SignInThrottle(TimeProvider time)
{
    /// <summary>Failures allowed per user name or address in a window.</summary>
    public const int MaxFailures = 5;

    /// <summary>Failures allowed from one address in a window.</summary>
    public const int MaxFailuresPerAddress = 20;

    /// <summary>The window failures are counted in.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long the caller must wait before trying again, or null when it may try now.</summary>
    public TimeSpan? RetryAfter(string userName, string? address)
    {
        var now = time.GetUtcNow();
        TimeSpan? wait = null;
        foreach (var (key, limit) in Keys(userName, address))
        {
            if (!_failures.TryGetValue(key, out var failures)) continue;
            lock (failures)
            {
                if (now - failures.Since >= Window) continue;
                if (failures.Count >= limit)
                {
                    var left = failures.Since + Window - now;
                    if (wait is null || left > wait) wait = left;
                }
            }
        }
        return wait;
    }

    /// <summary>Counts a failed attempt.</summary>
    public void Failed(string userName, string? address)
    {
        var now = time.GetUtcNow();
        foreach (var (key, _) in Keys(userName, address))
        {
            var failures = _failures.GetOrAdd(key, _ => new Failures { Since = now });
            lock (failures)
            {
                if (now - failures.Since >= Window) (failures.Since, failures.Count) = (now, 0);
                failures.Count++;
            }
        }
    }

    /// <summary>Forgets the user name's failures after a successful sign-in.</summary>
    public void Succeeded(string userName) => _failures.TryRemove("user:" + userName.Trim(), out _);

    private static IEnumerable<(string Key, int Limit)> Keys(string userName, string? address)
    {
        yield return ("user:" + userName.Trim(), MaxFailures);
        if (!string.IsNullOrEmpty(address)) yield return ("address:" + address, MaxFailuresPerAddress);
    }

    private sealed class Failures
    {
        public DateTimeOffset Since;
        public int Count;
    }
}
