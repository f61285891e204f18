using System.Collections.Concurrent;
using System.Text;
using Clientele.Classification;

namespace Clientele.Storage.Snapshots;

/// <summary>
/// The customer listing of one snapshot held in memory as columns, so a filtered, sorted page of a million customers is
/// a walk of the sort column's precomputed order until the page is full (milliseconds) instead of a count and a sort in DuckDB.
/// <see cref="Customers"/> gives exactly what <see cref="SnapshotQuery.Customers"/> gives for the same snapshot.
/// Built with one query (<see cref="Load"/>: about 3 s and 180 MB managed at a million customers). Kept once computed: a
/// figure that is not a key figure, read the first time a listing is sorted by it; each sort column's order, computed on
/// first use (about 0.3 s and 8 MB at a million); the count of each combination of filters and search. Safe for
/// concurrent readers. It does not notice a new analysis: the caller keeps one per
/// <see cref="SnapshotInfo.CreatedAt"/>; live updates of the same analysis are patched in (<see cref="CatchUp"/>).
/// </summary>
public sealed partial class SnapshotListing
{
    private string[] _ids;
    private string?[] _names;
    private readonly ListingTexts _kind;
    private readonly ListingTexts[] _classes;
    private readonly ConcurrentDictionary<string, Lazy<ListingColumn>> _figures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<ListingOrder>> _orders = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    /// <summary>How many counts (per filters and search) are kept before they are all dropped.</summary>
    private const int CountCapacity = 4_096;

    /// <summary>Each row's place among the ids in DuckDB's order (unique).</summary>
    private int[] _idPlace;

    /// <summary>The rows in DuckDB's order of their ids (the inverse of <see cref="_idPlace"/>).</summary>
    private int[] _byId;

    private SnapshotListing(SnapshotInfo snapshot, string[] ids, string?[] names, ListingTexts kind, ListingColumn[] figures, ListingTexts[] classes)
    {
        Snapshot = snapshot;
        (_ids, _names, _kind, _classes) = (ids, names, kind, classes);
        for (var i = 0; i < figures.Length; i++)
        {
            var column = figures[i];
            _figures[SnapshotQuery.KeyFigures[i]] = new Lazy<ListingColumn>(column);
        }
        _byId = Enumerable.Range(0, ids.Length).ToArray();
        Array.Sort(_byId, (a, b) => ListingColumn.CompareUtf8(ids[a], ids[b]));
        _idPlace = new int[ids.Length];
        for (var p = 0; p < _byId.Length; p++) _idPlace[_byId[p]] = p;
    }

    /// <summary>The snapshot listed (its as-of date, when it was made, and its latest live update patched in).</summary>
    public SnapshotInfo Snapshot { get; private set; }

    /// <summary>How many customers the snapshot holds.</summary>
    public int Count => _ids.Length;

    /// <summary>Reads the listing of <paramref name="snapshot"/>: ids, names, kinds, the key figures and every dimension's class.</summary>
    public static SnapshotListing Load(Workspace workspace, SnapshotInfo snapshot)
    {
        using var command = workspace.Command(
            $"SELECT customer_id, name, kind, {string.Join(", ", SnapshotQuery.KeyFigures)}, {string.Join(", ", Dimensions.All)} " +
            "FROM snapshot_customers WHERE as_of = CAST($as_of AS DATE)", ("as_of", snapshot.AsOf.ToDateTime(TimeOnly.MinValue)));
        var capacity = (int)Math.Min(int.MaxValue - 64, Math.Max(16, snapshot.Customers));
        using var reader = command.ExecuteReader();
        var ids = new List<string>(capacity);
        var names = new List<string?>(capacity);
        var figures = SnapshotQuery.KeyFigures.Count;
        var columns = new ListingColumn[1 + figures + Dimensions.All.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            var type = reader.GetFieldType(2 + c);
            columns[c] = type == typeof(string) ? new ListingTexts(capacity) : new ListingNumbers(type, capacity);
        }
        var row = 0;
        while (reader.Read())
        {
            if (row == capacity) throw new WorkspaceException($"the snapshot as of {snapshot.AsOf:yyyy-MM-dd} changed while it was read; ask again.");
            ids.Add(reader.GetString(0));
            names.Add(reader.IsDBNull(1) ? null : reader.GetString(1));
            for (var c = 0; c < columns.Length; c++) columns[c].Add(reader, 2 + c, row);
            row++;
        }
        foreach (var column in columns) column.Complete(row);
        return new SnapshotListing(snapshot, [.. ids], [.. names], (ListingTexts)columns[0], columns[1..(1 + figures)],
            [.. columns[(1 + figures)..].Cast<ListingTexts>()]);
    }

    /// <summary>
    /// The customers that pass every filter and the search, sorted, from <paramref name="offset"/> on, at most
    /// <paramref name="top"/> of them (null: all): the same rows, order, figures and count as
    /// <see cref="SnapshotQuery.Customers"/> for this snapshot. <paramref name="workspace"/> is read only when the sort
    /// column is a figure not read yet.
    /// </summary>
    /// <exception cref="WorkspaceException">An unknown dimension, class of a closed set, or sort column (the same messages as <see cref="SnapshotQuery.Customers"/>).</exception>
    public CustomerListing Customers(
        Workspace workspace, IReadOnlyList<ClassFilter>? filters = null, CustomerSort? sort = null, int? top = null, int offset = 0, string? search = null)
    {
        // A live update is patched in under the write side: a reader sees the listing before it or after it, never between.
        _gate.EnterReadLock();
        try
        {
            return Read(workspace, filters, sort, top, offset, search);
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    private CustomerListing Read(Workspace workspace, IReadOnlyList<ClassFilter>? filters, CustomerSort? sort, int? top, int offset, string? search)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (top < 0) throw new ArgumentOutOfRangeException(nameof(top), top, "top must be 0 or more.");
        sort ??= CustomerSort.Default;
        var sortColumn = SnapshotQuery.SortColumn(sort.Column);
        var figureNames = SnapshotQuery.KeyFigures.ToList();
        var isFigure = SnapshotQuery.FigureNames.Contains(sortColumn) && sortColumn is not ("name" or "kind");
        if (isFigure && !figureNames.Contains(sortColumn)) figureNames.Add(sortColumn);
        var tests = Tests(filters ?? []);
        // Through UTF-8 as the query's parameter goes: a lone surrogate becomes U+FFFD, which no stored text holds.
        var needle = string.IsNullOrWhiteSpace(search) ? null : Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(search.Trim().ToLowerInvariant()));

        bool Matches(int row) =>
            Passes(row, tests) && (needle is null || _ids[row].Contains(needle, StringComparison.OrdinalIgnoreCase)
                                   || (_names[row] is { } name && name.Contains(needle, StringComparison.OrdinalIgnoreCase)));

        // The count is one sequential pass over byte codes, kept per filters and search (paging asks it on every page).
        var countKey = string.Join('\u001f', [needle ?? "", .. (filters ?? []).Select(Key).Order(StringComparer.Ordinal)]);
        if (!_counts.TryGetValue(countKey, out var matching))
        {
            matching = 0;
            if (tests.Length == 0 && needle is null) matching = _ids.Length;
            else
                for (var row = 0; row < _ids.Length; row++)
                    if (Matches(row)) matching++;
            if (_counts.Count >= CountCapacity) _counts.Clear();
            _counts[countKey] = matching;
        }

        // The page: walk the rows in the sort column's order until offset + top have matched.
        var order = Ordered(workspace, sortColumn, isFigure);
        var wanted = top is { } t ? Math.Min((long)offset + t, matching) : matching;
        var picked = new List<int>();
        var seen = 0L;
        bool Take(int row)
        {
            if (!Matches(row)) return true;
            if (seen++ >= offset) picked.Add(row);
            return seen < wanted;
        }
        if (wanted > offset)
        {
            if (!sort.Descending) Walk(order.Rows, 0, order.Rows.Length, Take);
            else
            {
                // Descending: groups of equal values from the largest, each in id order; NULLs last.
                var more = true;
                for (var g = order.Groups.Length - 1; g >= 0 && more; g--)
                    more = Walk(order.Rows, order.Groups[g], g + 1 < order.Groups.Length ? order.Groups[g + 1] : order.NullStart, Take);
                if (more) Walk(order.Rows, order.NullStart, order.Rows.Length, Take);
            }
        }

        var columns = figureNames.Select(f => Figure(workspace, f)).ToArray();
        var rows = new List<CustomerRow>();
        foreach (var row in picked)
        {
            var values = new object?[columns.Length];
            for (var i = 0; i < values.Length; i++) values[i] = columns[i].Value(row);
            var classes = new string?[_classes.Length];
            for (var i = 0; i < classes.Length; i++) classes[i] = _classes[i].Table[_classes[i].Code(row)];
            rows.Add(new CustomerRow(_ids[row], _names[row], _kind.Table[_kind.Code(row)], values, classes));
        }
        return new CustomerListing(Snapshot.AsOf, matching, figureNames, rows);
    }

    private bool Passes(int row, (ListingTexts Column, bool[] Accepts)[] tests)
    {
        foreach (var (column, accepts) in tests)
            if (!accepts[column.Code(row)]) return false;
        return true;
    }

    /// <summary>Per filter, whether each distinct value of its dimension passes (the rules of <see cref="SnapshotQuery.Customers"/>' SQL).</summary>
    private (ListingTexts, bool[])[] Tests(IReadOnlyList<ClassFilter> filters)
    {
        var tests = new List<(ListingTexts, bool[])>();
        foreach (var filter in filters)
        {
            var dimension = SnapshotQuery.Dimension(filter.Dimension);
            var classes = filter.Classes.Select(text => SnapshotQuery.Class(dimension, text)).ToList();
            var column = _classes[IndexOf(dimension)];
            var list = Dimensions.IsList(dimension);
            var accepts = new bool[column.Table.Count];
            accepts[0] = filter.Excludes; // no class: kept only by a filter that excludes classes
            for (var code = 1; code < accepts.Length; code++)
            {
                var value = column.Table[code]!;
                accepts[code] = filter.Excludes != classes.Any(c => dimension switch
                {
                    _ when list => value.Split(DimensionDeclaration.ListSeparator).Contains(c, StringComparer.Ordinal),
                    Dimensions.Segment => value == c || value.StartsWith(c + "/", StringComparison.Ordinal),
                    _ when DimensionClasses.IsClosed(dimension) => value == c,
                    _ => string.Equals(value.ToLowerInvariant(), c.ToLowerInvariant(), StringComparison.Ordinal),
                });
            }
            tests.Add((column, accepts));
        }
        return [.. tests];
    }

    private static int IndexOf(string dimension)
    {
        for (var i = 0; i < Dimensions.All.Count; i++)
            if (Dimensions.All[i] == dimension) return i;
        throw new ArgumentException($"not a dimension: {dimension}", nameof(dimension));
    }

    private static bool Walk(int[] rows, int from, int to, Func<int, bool> take)
    {
        for (var i = from; i < to; i++)
            if (!take(rows[i])) return false;
        return true;
    }

    private static string Key(ClassFilter filter)
    {
        var dimension = SnapshotQuery.Dimension(filter.Dimension);
        return dimension + (filter.Excludes ? "!=" : "=") + string.Join('\u001e', filter.Classes.Select(c => SnapshotQuery.Class(dimension, c)).Order(StringComparer.Ordinal));
    }

    /// <summary>The rows in ascending order of a checked sort column, ties by id, NULLs last; computed once per column.</summary>
    private ListingOrder Ordered(Workspace workspace, string column, bool isFigure) => Once(_orders, column, () =>
    {
        var places = Places(workspace, column, isFigure);
        var keys = new long[places.Length];
        for (var r = 0; r < keys.Length; r++) keys[r] = (long)(places[r] < 0 ? int.MaxValue : places[r]) << 32 | (uint)_idPlace[r];
        var rows = Enumerable.Range(0, keys.Length).ToArray();
        Array.Sort(keys, rows);
        var groups = new List<int>();
        var nullStart = rows.Length;
        for (var i = 0; i < rows.Length; i++)
        {
            if (places[rows[i]] < 0) { nullStart = i; break; }
            if (i == 0 || places[rows[i]] != places[rows[i - 1]]) groups.Add(i);
        }
        return new ListingOrder(rows, [.. groups], nullStart);
    });

    /// <summary>Rows sorted ascending (ties by id, NULLs last); where each group of equal values starts; where the NULLs start.</summary>
    private sealed record ListingOrder(int[] Rows, int[] Groups, int NullStart);

    /// <summary>Each row's place in ascending order of a checked sort column (-1: NULL).</summary>
    private int[] Places(Workspace workspace, string column, bool isFigure)
    {
        if (column == "customer_id") return _idPlace;
        if (column == "kind") return _kind.Places();
        if (column == "name")
        {
            var named = Enumerable.Range(0, _names.Length).Where(r => _names[r] is not null).ToArray();
            Array.Sort(named, (a, b) => ListingColumn.CompareUtf8(_names[a], _names[b]));
            var places = new int[_names.Length];
            Array.Fill(places, -1);
            for (var i = 0; i < named.Length; i++) places[named[i]] = i > 0 && _names[named[i - 1]] == _names[named[i]] ? places[named[i - 1]] : i;
            return places;
        }
        if (isFigure) return Figure(workspace, column).Places();
        var texts = _classes[IndexOf(column)];
        if (!DimensionClasses.Closed.TryGetValue(column, out var classes)) return texts.Places();
        // A closed dimension sorts by its classes' order; a value outside the set is NULL to the SQL's CASE.
        var byCode = texts.Table.Select(v => v is null ? -1 : IndexOfClass(classes, v)).ToArray();
        return texts.ByCode(byCode);
    }

    private static int IndexOfClass(IReadOnlyList<string> classes, string value)
    {
        for (var i = 0; i < classes.Count; i++)
            if (classes[i] == value) return i;
        return -1;
    }

    /// <summary>A figure column, read from the workspace the first time it is asked for.</summary>
    private ListingColumn Figure(Workspace workspace, string figure) => Once(_figures, figure, () =>
    {
        using var command = workspace.Command($"SELECT customer_id, {figure} FROM snapshot_customers WHERE as_of = CAST($as_of AS DATE)",
            ("as_of", Snapshot.AsOf.ToDateTime(TimeOnly.MinValue)));
        using var reader = command.ExecuteReader();
        var type = reader.GetFieldType(1);
        ListingColumn read = type == typeof(string) ? new ListingTexts(_ids.Length) : new ListingNumbers(type, _ids.Length);
        // The rows may come in another order than at load: place each by its id.
        var rowOf = new Dictionary<string, int>(_ids.Length, StringComparer.Ordinal);
        for (var r = 0; r < _ids.Length; r++) rowOf[_ids[r]] = r;
        while (reader.Read())
        {
            if (!rowOf.TryGetValue(reader.GetString(0), out var row))
                throw new WorkspaceException($"the snapshot as of {Snapshot.AsOf:yyyy-MM-dd} changed while it was read; ask again.");
            read.Add(reader, 1, row);
        }
        read.Complete(_ids.Length);
        return read;
    });

    /// <summary>The value of <paramref name="key"/>, made once even when asked by several requests at a time; a failure is not kept (the next request tries again).</summary>
    private static T Once<T>(ConcurrentDictionary<string, Lazy<T>> made, string key, Func<T> make)
    {
        var lazy = made.GetOrAdd(key, _ => new Lazy<T>(make, LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            made.TryRemove(new KeyValuePair<string, Lazy<T>>(key, lazy));
            throw;
        }
    }
}
