using Clientele.Storage;
using Clientele.Storage.Snapshots;

namespace Clientele.Web.Api;

/// <summary>
/// The in-memory listings (<see cref="SnapshotListing"/>) of the snapshots being read, so a page of a million customers
/// is answered in milliseconds rather than by a count and a sort in DuckDB. A listing is built the first time its
/// snapshot is asked for (seconds at a million customers; concurrent requests for it wait for the one build) and kept
/// while its analysis is the same: each request compares the snapshot's creation time, so a new analysis of the same date
/// is listed afresh, and the time of its latest live update, so customers re-classified live since are patched in
/// (<see cref="SnapshotListing.CatchUp"/>: their rows alone are read, milliseconds). Rows removed in place (an erasure,
/// through any server or the CLI) write <see cref="ChangeStamp.SnapshotRows"/>, read with the snapshots on each request:
/// when it moved, every kept listing is dropped. So the snapshots in the database, not this process's own changes, decide,
/// and every server of one PostgreSQL database lists the same customers. At most <see cref="Capacity"/> listings are kept,
/// the most recently used.
/// </summary>
public sealed class ListingIndex
{
    /// <summary>How many snapshots' listings are kept (each about 200 MB at a million customers).</summary>
    public const int Capacity = 2;

    private readonly Lock _lock = new();
    /// <summary>Most recently used first.</summary>
    private readonly List<(SnapshotInfo Snapshot, Lazy<SnapshotListing> Listing)> _listings = [];
    /// <summary>The <see cref="ChangeStamp.SnapshotRows"/> the kept listings were read under.</summary>
    private string? _removals;

    /// <summary>The listing of <see cref="SnapshotQuery.Customers"/> (same rows, order and count), from the snapshot's index.</summary>
    /// <exception cref="WorkspaceException">No snapshot, none as of <paramref name="asOf"/>; an unknown dimension, class or sort column.</exception>
    public CustomerListing Customers(
        Workspace workspace, DateOnly? asOf, IReadOnlyList<ClassFilter> filters, CustomerSort? sort, int top, int offset, string? search)
    {
        // The stamp first: a removal committed between the two reads only makes the next request read again.
        var removals = ChangeStamp.SnapshotRows.Read(workspace);
        var snapshots = SnapshotQuery.List(workspace);
        if (snapshots.Count == 0) throw new WorkspaceException(SnapshotQuery.NoAnalysis + ".");
        var snapshot = asOf is { } day ? snapshots.FirstOrDefault(s => s.AsOf == day) : snapshots[^1];
        // Resolve says which dates there are.
        if (snapshot is null) SnapshotQuery.Resolve(workspace, asOf);
        return Listing(workspace, snapshot!, snapshots, removals).Customers(workspace, filters, sort, top, offset, search);
    }

    private SnapshotListing Listing(Workspace workspace, SnapshotInfo snapshot, IReadOnlyList<SnapshotInfo> snapshots, string? removals)
    {
        Lazy<SnapshotListing> listing;
        lock (_lock)
        {
            if (removals != _removals)
            {
                _listings.Clear();
                _removals = removals;
            }
            // A replaced or deleted snapshot's listing is of no more use; one of the same analysis is caught up below.
            _listings.RemoveAll(l => !snapshots.Any(s => SameAnalysis(s, l.Snapshot)));
            var i = _listings.FindIndex(l => SameAnalysis(l.Snapshot, snapshot));
            listing = i >= 0 ? _listings[i].Listing : new Lazy<SnapshotListing>(() => SnapshotListing.Load(workspace, snapshot));
            if (i >= 0) _listings.RemoveAt(i);
            _listings.Insert(0, (snapshot, listing));
            if (_listings.Count > Capacity) _listings.RemoveRange(Capacity, _listings.Count - Capacity);
        }
        try
        {
            var value = listing.Value;
            if (snapshot.LiveAt is { } liveAt && (value.Snapshot.LiveAt is not { } listed || liveAt > listed)) value.CatchUp(workspace, snapshot);
            return value;
        }
        catch
        {
            // A failed build or catch-up is not kept: the next request builds it again.
            lock (_lock) _listings.RemoveAll(l => l.Listing == listing);
            throw;
        }
    }

    private static bool SameAnalysis(SnapshotInfo a, SnapshotInfo b) => a.AsOf == b.AsOf && a.CreatedAt == b.CreatedAt;
}
