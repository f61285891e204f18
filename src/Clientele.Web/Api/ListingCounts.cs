using System.Collections.Concurrent;
using Clientele.Storage;
using Clientele.Storage.Snapshots;

namespace Clientele.Web.Api;

/// <summary>
/// How many customers match a listing's filters, remembered per snapshot: paging through a filtered list of a million
/// customers asks the same count on every page. A snapshot's key includes when it was made, so a new analysis of the
/// same date (which replaces the snapshot) is counted afresh. At most <see cref="Capacity"/> counts are kept.
/// </summary>
public sealed class ListingCounts
{
    /// <summary>How many counts are kept before the oldest half is dropped.</summary>
    public const int Capacity = 2_000;

    private readonly ConcurrentDictionary<string, (long Count, long Used)> _counts = new(StringComparer.Ordinal);
    private long _clock;

    /// <summary>The listing of <see cref="SnapshotQuery.Customers"/>, with its count taken from memory when known.</summary>
    public CustomerListing Customers(
        Workspace workspace, DateOnly? asOf, IReadOnlyList<ClassFilter> filters, CustomerSort? sort, int top, int offset, string? search)
    {
        var snapshots = SnapshotQuery.List(workspace);
        var day = SnapshotQuery.Resolve(workspace, asOf);
        var made = snapshots.First(s => s.AsOf == day).CreatedAt;
        var key = string.Join('\u001f', [day.ToString("O"), made.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture),
            search?.Trim().ToLowerInvariant() ?? "", .. filters.Select(f => f.ToString().ToLowerInvariant()).Order(StringComparer.Ordinal)]);
        long? known = _counts.TryGetValue(key, out var entry) ? entry.Count : null;
        var listing = SnapshotQuery.Customers(workspace, day, filters, sort, top, offset, search, known);
        _counts[key] = (listing.Matching, Interlocked.Increment(ref _clock));
        if (_counts.Count > Capacity) Trim();
        return listing;
    }

    private void Trim()
    {
        foreach (var old in _counts.OrderBy(p => p.Value.Used).Take(Capacity / 2).Select(p => p.Key).ToList()) _counts.TryRemove(old, out _);
    }
}
