using Clientele.Classification;

namespace Clientele.Storage.Snapshots;

/// <summary>Live updates patched into a kept listing: only the rows they rewrote are read, and each kept order is mended.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification =
    "The gate is not disposed: a dropped listing may still be read by requests that took it, and the lock holds nothing the collector does not free.")]
public sealed partial class SnapshotListing
{
    /// <summary>Readers hold the read side for a whole <see cref="Customers"/>; <see cref="CatchUp"/> holds the write side while it patches.</summary>
    private readonly ReaderWriterLockSlim _gate = new(LockRecursionPolicy.NoRecursion);

    /// <summary>One catch-up at a time (the second finds the listing caught up already).</summary>
    private readonly Lock _catchingUp = new();

    /// <summary>Each id's row, made on the first catch-up.</summary>
    private Dictionary<string, int>? _rowOf;

    /// <summary>
    /// Brings the listing up to <paramref name="snapshot"/>, the same analysis (as-of date and creation time) after later
    /// live updates: reads the rows they rewrote (<c>live_at</c> after this listing's <see cref="SnapshotInfo.LiveAt"/>;
    /// <c>LiveUpdate</c> stamps them with the snapshot's own <c>live_at</c>, which only grows) and puts their ids, names,
    /// figures and classes in place, customers new since the analysis added. Every order and figure already computed is
    /// mended rather than computed again, the counts are dropped. Readers wait for the patch (milliseconds) and see the
    /// listing either before or after it. Afterwards <see cref="Customers"/> gives what a listing loaded anew gives.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="snapshot"/> is another analysis (load its own listing).</exception>
    public void CatchUp(Workspace workspace, SnapshotInfo snapshot)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.AsOf != Snapshot.AsOf || snapshot.CreatedAt != Snapshot.CreatedAt)
            throw new ArgumentException($"the listing is of the analysis of {Snapshot.AsOf:yyyy-MM-dd} made {Snapshot.CreatedAt:O}, not of {snapshot.AsOf:yyyy-MM-dd} made {snapshot.CreatedAt:O}.", nameof(snapshot));
        lock (_catchingUp)
        {
            if (!IsLater(snapshot.LiveAt, Snapshot.LiveAt)) return;
            // Figures read so far besides the key figures are patched too; one read after this list is read after the live
            // update (the snapshot given was), so it holds the new values already.
            var extra = _figures.Where(f => f.Value.IsValueCreated && !SnapshotQuery.KeyFigures.Contains(f.Key)).Select(f => f.Key).Order(StringComparer.Ordinal).ToList();
            var rows = Rewritten(workspace, Snapshot.LiveAt, extra);
            _gate.EnterWriteLock();
            try
            {
                Patch(rows, extra);
                Snapshot = snapshot;
            }
            finally
            {
                _gate.ExitWriteLock();
            }
        }
    }

    private static bool IsLater(DateTime? a, DateTime? b) => a is { } x && (b is not { } y || x > y);

    /// <summary>The rows live updates rewrote after <paramref name="since"/> (every live row when null): id, name, kind, key figures, classes, extra figures.</summary>
    private List<object?[]> Rewritten(Workspace workspace, DateTime? since, List<string> extra)
    {
        var columns = string.Join(", ", ["customer_id", "name", "kind", .. SnapshotQuery.KeyFigures, .. Dimensions.All, .. extra]);
        using var command = workspace.Command($"SELECT {columns} FROM snapshot_customers WHERE as_of = CAST($as_of AS DATE) AND " +
                                              (since is null ? "live_at IS NOT NULL" : "live_at > $since"),
            since is { } time ? [("as_of", Snapshot.AsOf.ToDateTime(TimeOnly.MinValue)), ("since", time)] : [("as_of", Snapshot.AsOf.ToDateTime(TimeOnly.MinValue))]);
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var c = 0; c < row.Length; c++) row[c] = reader.IsDBNull(c) ? null : reader.GetValue(c);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Puts the rewritten rows in place (under the write side).</summary>
    private void Patch(List<object?[]> rewritten, List<string> extra)
    {
        if (rewritten.Count == 0) return;
        if (_rowOf is null)
        {
            _rowOf = new Dictionary<string, int>(_ids.Length, StringComparer.Ordinal);
            for (var r = 0; r < _ids.Length; r++) _rowOf[_ids[r]] = r;
        }
        var before = _ids.Length;
        var moved = new List<int>(rewritten.Count);
        var added = new List<int>();
        foreach (var values in rewritten)
        {
            var id = (string)values[0]!;
            if (!_rowOf.TryGetValue(id, out var row))
            {
                row = before + added.Count;
                _rowOf[id] = row;
                added.Add(row);
            }
            moved.Add(row);
        }
        var total = before + added.Count;
        if (added.Count > 0)
        {
            Array.Resize(ref _ids, total);
            Array.Resize(ref _names, total);
        }
        var figures = SnapshotQuery.KeyFigures.Concat(extra).Select(f => _figures[f].Value).ToArray();
        var keyCount = SnapshotQuery.KeyFigures.Count;
        for (var i = 0; i < rewritten.Count; i++)
        {
            var (values, row) = (rewritten[i], moved[i]);
            _ids[row] = (string)values[0]!;
            _names[row] = (string?)values[1];
            _kind.Set(row, values[2], total);
            for (var f = 0; f < keyCount; f++) figures[f].Set(row, values[3 + f], total);
            for (var d = 0; d < _classes.Length; d++) _classes[d].Set(row, values[3 + keyCount + d], total);
            for (var f = keyCount; f < figures.Length; f++) figures[f].Set(row, values[3 + _classes.Length + f], total);
        }
        _kind.Compact();
        foreach (var column in _classes) column.Compact();
        foreach (var column in figures.OfType<ListingTexts>()) column.Compact();
        if (added.Count > 0) PlaceNewIds(added);

        var isMoved = new bool[total];
        foreach (var row in moved) isMoved[row] = true;
        var rows = isMoved.Select((m, r) => (m, r)).Where(x => x.m).Select(x => x.r).ToArray();
        foreach (var (column, lazy) in _orders.ToArray())
        {
            if (!lazy.IsValueCreated) continue;
            var mended = Mended(lazy.Value, isMoved, rows, RowOrder(column), total);
            _orders[column] = new Lazy<ListingOrder>(mended);
        }
        _counts.Clear();
    }

    /// <summary>Customers new since the analysis: their places among the ids, and every row's place after them.</summary>
    private void PlaceNewIds(List<int> added)
    {
        var ids = _ids;
        var sorted = added.ToArray();
        Array.Sort(sorted, (a, b) => ListingColumn.CompareUtf8(ids[a], ids[b]));
        var byId = Merge(_byId, sorted, Comparer<int>.Create((a, b) => ListingColumn.CompareUtf8(ids[a], ids[b])));
        _byId = byId;
        _idPlace = new int[ids.Length];
        for (var p = 0; p < byId.Length; p++) _idPlace[byId[p]] = p;
    }

    /// <summary>
    /// The rows of <paramref name="sorted"/> with <paramref name="added"/> (sorted by the same <paramref name="comparer"/>) put in
    /// their places, each found by binary search after the one before: a few rows placed among a million without sorting them all.
    /// </summary>
    private static int[] Merge(int[] sorted, int[] added, IComparer<int> comparer)
    {
        var rows = new int[sorted.Length + added.Length];
        int w = 0, from = 0;
        foreach (var row in added)
        {
            var at = Array.BinarySearch(sorted, from, sorted.Length - from, row, comparer);
            if (at < 0) at = ~at;
            Array.Copy(sorted, from, rows, w, at - from);
            w += at - from;
            from = at;
            rows[w++] = row;
        }
        Array.Copy(sorted, from, rows, w, sorted.Length - from);
        return rows;
    }

    /// <summary>
    /// A kept order with the moved rows taken out and put back where their new values place them (ties by id, NULLs
    /// last), and its groups of equal values found again: what <see cref="Ordered"/> computes anew, without sorting every row.
    /// </summary>
    private ListingOrder Mended(ListingOrder order, bool[] isMoved, int[] moved, (Func<int, bool> IsNull, Comparison<int> Compare) by, int total)
    {
        var idPlace = _idPlace;
        int Full(int a, int b)
        {
            var (na, nb) = (by.IsNull(a), by.IsNull(b));
            if (na != nb) return na ? 1 : -1;
            if (!na && by.Compare(a, b) is var c && c != 0) return c;
            return idPlace[a].CompareTo(idPlace[b]);
        }
        var kept = new int[total - moved.Length];
        var k = 0;
        foreach (var row in order.Rows)
            if (!isMoved[row]) kept[k++] = row;
        var placed = (int[])moved.Clone();
        Array.Sort(placed, Full);
        var rows = Merge(kept, placed, Comparer<int>.Create(Full));

        var groups = new List<int>();
        var nullStart = rows.Length;
        for (var i = 0; i < rows.Length; i++)
        {
            if (by.IsNull(rows[i])) { nullStart = i; break; }
            if (i == 0 || by.Compare(rows[i - 1], rows[i]) != 0) groups.Add(i);
        }
        return new ListingOrder(rows, [.. groups], nullStart);
    }

    /// <summary>How rows compare by a checked sort column, in the order of <see cref="Places"/>: whether a row is NULL, and the order of the others.</summary>
    private (Func<int, bool> IsNull, Comparison<int> Compare) RowOrder(string column)
    {
        if (column == "customer_id")
        {
            var idPlace = _idPlace;
            return (_ => false, (a, b) => idPlace[a].CompareTo(idPlace[b]));
        }
        if (column == "kind") return (_kind.IsNull, _kind.Comparer());
        if (column == "name")
        {
            var names = _names;
            return (r => names[r] is null, (a, b) => ListingColumn.CompareUtf8(names[a], names[b]));
        }
        if (SnapshotQuery.FigureNames.Contains(column))
        {
            var figure = _figures[column].Value;
            return (figure.IsNull, figure.Comparer());
        }
        var texts = _classes[IndexOf(column)];
        if (!DimensionClasses.Closed.TryGetValue(column, out var classes)) return (texts.IsNull, texts.Comparer());
        // A closed dimension sorts by its classes' order; a value outside the set is NULL to the SQL's CASE.
        var byCode = texts.Table.Select(v => v is null ? -1 : IndexOfClass(classes, v)).ToArray();
        return (r => byCode[texts.Code(r)] < 0, texts.ByCodeComparer(byCode));
    }
}
