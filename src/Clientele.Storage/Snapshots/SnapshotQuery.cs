using System.Data.Common;
using System.Globalization;
using System.Text;
using Clientele.Classification;

namespace Clientele.Storage.Snapshots;

/// <summary>
/// Reads the analyses <c>clientele analyze</c> stored: the snapshots, a filtered and sorted customer listing, one
/// customer's profile and history, the classes of a dimension, the movement between two snapshots, and an export.
/// Every read is one or a few SQL statements over the snapshot tables; user values travel as parameters, and
/// column and dimension names are checked against <see cref="SnapshotSchema"/> and <see cref="Dimensions.All"/> before
/// they reach the SQL.
/// </summary>
public static partial class SnapshotQuery
{
    /// <summary>The figures a listing shows besides name, kind and the classes.</summary>
    public static readonly IReadOnlyList<string> KeyFigures = ["orders", "revenue", "p_alive", "expected_revenue", "clv", "value"];

    /// <summary>What the read commands say when there is nothing to read.</summary>
    public const string NoAnalysis = "no analysis yet: run `clientele analyze`";

    /// <summary>Every snapshot, oldest first.</summary>
    public static IReadOnlyList<SnapshotInfo> List(Workspace workspace)
    {
        using var command = workspace.Command("SELECT as_of, created_at, customers, model, live_at FROM snapshots ORDER BY as_of");
        using var reader = command.ExecuteReader();
        var snapshots = new List<SnapshotInfo>();
        while (reader.Read())
            snapshots.Add(new SnapshotInfo(Day(reader, 0), reader.GetDateTime(1), reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : DateTime.SpecifyKind(reader.GetDateTime(4), DateTimeKind.Utc)));
        return snapshots;
    }

    /// <summary>The as-of date of the latest snapshot, or null when there is none.</summary>
    public static DateOnly? Latest(Workspace workspace)
    {
        using var command = workspace.Command("SELECT max(as_of) FROM snapshots");
        return command.ExecuteScalar() switch
        {
            DateOnly day => day,
            DateTime time => DateOnly.FromDateTime(time),
            _ => null,
        };
    }

    /// <summary>The snapshot to read: <paramref name="asOf"/> when it exists, else the latest.</summary>
    /// <exception cref="WorkspaceException">There is no snapshot, or none as of that date (the message lists the dates there are).</exception>
    public static DateOnly Resolve(Workspace workspace, DateOnly? asOf)
    {
        var snapshots = List(workspace);
        if (snapshots.Count == 0) throw new WorkspaceException(NoAnalysis + ".");
        if (asOf is not { } day) return snapshots[^1].AsOf;
        if (snapshots.Any(s => s.AsOf == day)) return day;
        var dates = snapshots.TakeLast(10).Select(s => s.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        throw new WorkspaceException(
            $"no analysis as of {day:yyyy-MM-dd}; the workspace has analyses as of {string.Join(", ", dates)}{(snapshots.Count > 10 ? " (the latest 10)" : "")}. " +
            "Run `clientele analyze --as-of DATE` to add one.");
    }

    /// <summary>
    /// The customers of a snapshot (default: the latest) that pass every filter, sorted (default: value, largest first;
    /// then by id), from <paramref name="offset"/> on, at most <paramref name="top"/> of them (null: all). A
    /// <paramref name="search"/> text keeps the customers whose id or name contains it, ignoring case.
    /// <paramref name="knownMatching"/> is the number of matches when the caller already knows it (it counted the same
    /// filters on the same snapshot before, e.g. for the previous page), which saves the count.
    /// </summary>
    /// <exception cref="WorkspaceException">No snapshot; an unknown dimension, class of a closed set, or sort column (the message lists the valid ones).</exception>
    public static CustomerListing Customers(
        Workspace workspace, DateOnly? asOf = null, IReadOnlyList<ClassFilter>? filters = null, CustomerSort? sort = null, int? top = null, int offset = 0, string? search = null,
        long? knownMatching = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (top < 0) throw new ArgumentOutOfRangeException(nameof(top), top, "top must be 0 or more.");
        sort ??= CustomerSort.Default;
        var sortColumn = SortColumn(sort.Column);
        var day = Resolve(workspace, asOf);
        var figures = KeyFigures.ToList();
        if (FigureNames.Contains(sortColumn) && sortColumn is not ("name" or "kind") && !figures.Contains(sortColumn)) figures.Add(sortColumn);

        var parameters = new List<(string Name, object? Value)> { ("as_of", DayValue(day)) };
        var where = new StringBuilder("as_of = CAST($as_of AS DATE)");
        foreach (var filter in filters ?? [])
        {
            var dimension = Dimension(filter.Dimension);
            var alternatives = new List<string>();
            foreach (var text in filter.Classes)
            {
                var name = $"f{parameters.Count}";
                parameters.Add((name, Class(dimension, text)));
                alternatives.Add(dimension switch
                {
                    // The list's items between separators: no item holds the separator, so a match is a whole item.
                    _ when Dimensions.IsList(dimension) =>
                        $"strpos('{DimensionDeclaration.ListSeparator}' || {dimension} || '{DimensionDeclaration.ListSeparator}', '{DimensionDeclaration.ListSeparator}' || ${name} || '{DimensionDeclaration.ListSeparator}') > 0",
                    Dimensions.Segment => $"({dimension} = ${name} OR starts_with({dimension}, ${name} || '/'))",
                    _ when DimensionClasses.IsClosed(dimension) => $"{dimension} = ${name}",
                    _ => $"lower({dimension}) = lower(${name})",
                });
            }
            if (filter.Excludes) where.Append($" AND ({dimension} IS NULL OR NOT (").AppendJoin(" OR ", alternatives).Append("))");
            else where.Append(" AND (").AppendJoin(" OR ", alternatives).Append(')');
        }
        if (!string.IsNullOrWhiteSpace(search))
        {
            // strpos() rather than LIKE, so '%' and '_' in the text are matched as themselves.
            parameters.Add(("search", search.Trim().ToLowerInvariant()));
            where.Append(" AND (strpos(lower(customer_id), $search) > 0 OR strpos(lower(coalesce(name, '')), $search) > 0)");
        }

        // Separate statements: a count, then a top-N sort (a window count over the matches would make DuckDB keep every row).
        long matching;
        if (knownMatching is { } known) matching = known;
        else
        {
            using var count = workspace.Command($"SELECT count(*) FROM snapshot_customers WHERE {where}", [.. parameters]);
            matching = Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        var columns = $"customer_id, name, kind, {string.Join(", ", figures)}, {string.Join(", ", Dimensions.All)}";
        var orderBy = $"{OrderBy(workspace, sortColumn, sort.Descending)}, {workspace.Dialect.OrdinalText("customer_id")}";
        DbCommand command;
        if (top is null || offset < DeepOffset)
        {
            if (top is not null) parameters.Add(("top", (long)top.Value));
            if (offset > 0) parameters.Add(("offset", (long)offset));
            command = workspace.Command($"SELECT {columns} FROM snapshot_customers WHERE {where} ORDER BY {orderBy}" +
                                        $"{(top is not null ? " LIMIT $top" : "")}{(offset > 0 ? " OFFSET $offset" : "")}", [.. parameters]);
        }
        else
        {
            // A deep page: first the ids in order, sorting only the sort column (the top-N sort would otherwise carry
            // every wide column of thousands of rows: 0.7 s at offset 10,000 of a million), then the page's rows.
            var ids = PageIds(workspace, where.ToString(), parameters, orderBy, top.Value, offset);
            var page = new List<(string Name, object? Value)>(ids.Count + 1) { ("as_of", DayValue(day)) };
            var names = new List<string>(ids.Count);
            for (var i = 0; i < ids.Count; i++)
            {
                names.Add($"$id{i}");
                page.Add(($"id{i}", ids[i]));
            }
            command = workspace.Command(ids.Count == 0
                ? $"SELECT {columns} FROM snapshot_customers WHERE false"
                : $"SELECT {columns} FROM snapshot_customers WHERE as_of = CAST($as_of AS DATE) AND customer_id IN ({string.Join(", ", names)}) ORDER BY {orderBy}", [.. page]);
        }
        var rows = new List<CustomerRow>();
        using (command)
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var values = new object?[figures.Count];
                for (var i = 0; i < values.Length; i++) values[i] = Value(reader, 3 + i);
                var classes = new string?[Dimensions.All.Count];
                for (var i = 0; i < classes.Length; i++) classes[i] = Text(reader, 3 + figures.Count + i);
                rows.Add(new CustomerRow(reader.GetString(0), Text(reader, 1), Text(reader, 2), values, classes));
            }
        }
        return new CustomerListing(day, matching, figures, rows);
    }

    /// <summary>From this offset on a page is read in two steps (its ids, then its rows); before it one top-N sort is faster.</summary>
    private const int DeepOffset = 2_000;

    private static List<string> PageIds(Workspace workspace, string where, List<(string Name, object? Value)> parameters, string orderBy, int top, int offset)
    {
        using var command = workspace.Command($"SELECT customer_id FROM snapshot_customers WHERE {where} ORDER BY {orderBy} LIMIT $top OFFSET $offset",
            [.. parameters, ("top", (long)top), ("offset", (long)offset)]);
        using var reader = command.ExecuteReader();
        var ids = new List<string>(top);
        while (reader.Read()) ids.Add(reader.GetString(0));
        return ids;
    }

    /// <summary>The names of the figure and score columns.</summary>
    public static IReadOnlyList<string> FigureNames { get; } = [.. SnapshotSchema.FigureColumns.Select(c => c.Name)];

    /// <summary>The columns a listing can be sorted by: customer_id, every figure and score, every dimension.</summary>
    public static IReadOnlyList<string> SortColumns { get; } = ["customer_id", .. FigureNames, .. Dimensions.All];

    /// <summary>The dimension of that name ('-' for '_', any case).</summary>
    /// <exception cref="WorkspaceException">No such dimension; the message lists them.</exception>
    public static string Dimension(string name) =>
        Dimensions.Find(name) ?? throw new WorkspaceException($"unknown dimension '{name}': choose one of {string.Join(", ", Dimensions.All)}.");

    /// <summary>The class as the dimension spells it; any text for an open dimension.</summary>
    /// <exception cref="WorkspaceException">A closed dimension has no such class; the message lists its classes.</exception>
    public static string Class(string dimension, string text) =>
        DimensionClasses.Find(dimension, text)
        ?? throw new WorkspaceException(DimensionClasses.Closed.TryGetValue(dimension, out var classes)
            ? $"unknown class '{text}' of {dimension}: choose one of {string.Join(", ", classes)}."
            : $"an empty class of {dimension}.");

    /// <summary>The sort column of that name (any case), checked.</summary>
    internal static string SortColumn(string name)
    {
        var column = SortColumns.FirstOrDefault(c => string.Equals(c, name.Trim(), StringComparison.OrdinalIgnoreCase)) ?? Dimensions.Find(name);
        return column ?? throw new WorkspaceException($"cannot sort by '{name}': choose one of {string.Join(", ", SortColumns)}.");
    }

    /// <summary>The ORDER BY term of a checked column: closed dimensions by their classes' order, text by code point, nulls last.</summary>
    private static string OrderBy(Workspace workspace, string column, bool descending)
    {
        var term = DimensionClasses.Closed.TryGetValue(column, out var classes) ? Rank(column, classes)
            : IsText(column) ? workspace.Dialect.OrdinalText(column)
            : column;
        return $"{term} {(descending ? "DESC" : "ASC")} NULLS LAST";
    }

    /// <summary>A CASE giving each class of a closed dimension its position (the classes are constants of <see cref="DimensionClasses"/>).</summary>
    private static string Rank(string column, IReadOnlyList<string> classes)
    {
        var sql = new StringBuilder($"CASE {column}");
        for (var i = 0; i < classes.Count; i++) sql.Append(CultureInfo.InvariantCulture, $" WHEN {Schema.WorkspaceSchema.Literal(classes[i])} THEN {i}");
        return sql.Append(" END").ToString();
    }

    /// <summary>Whether a checked sort column holds text: the id, a text figure, an open dimension.</summary>
    private static bool IsText(string column) =>
        column == "customer_id" || Dimensions.All.Contains(column) || SnapshotSchema.FigureColumns.Any(f => f.Name == column && f.Type == "VARCHAR");


    /// <summary>A day as a parameter's value for <c>CAST($name AS DATE)</c>, which both engines read.</summary>
    private static DateTime DayValue(DateOnly day) => day.ToDateTime(TimeOnly.MinValue);

    private static DateOnly Day(DbDataReader reader, int i) => reader.GetValue(i) switch
    {
        DateOnly day => day,
        DateTime time => DateOnly.FromDateTime(time),
        var other => throw new InvalidCastException($"expected a date, got {other.GetType().Name}"),
    };

    private static string? Text(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    private static double? Number(DbDataReader reader, int i) =>
        reader.IsDBNull(i) ? null : Convert.ToDouble(reader.GetValue(i), CultureInfo.InvariantCulture) is var d && double.IsFinite(d) ? d : null;

    /// <summary>A figure as double, int, bool or string; NaN and infinities (no score) as null.</summary>
    private static object? Value(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetValue(i) switch
    {
        double d => double.IsFinite(d) ? d : null,
        float s => float.IsFinite(s) ? (double)s : null,
        var other => other,
    };
}
