using System.Collections.Concurrent;
using System.Data.Common;
using Clientele.Classification;

namespace Clientele.Storage.Snapshots;

/// <summary>
/// Reads the reasons of one snapshot. A dimension that stores its reason as text gives its column; one that renders its reason
/// when read (<see cref="DimensionDeclaration.Reason"/>) gives it from the row's class and figures, the analysis's context and
/// options, and, for an overridden class, the override the analysis applied (<c>snapshot_overrides</c>) — the words its
/// <c>Apply</c> would have written. A row stored before its dimension rendered reasons keeps the text it was stored with
/// (<see cref="SnapshotSchema.StoredReasonsColumn"/>).
/// </summary>
/// <remarks>
/// A query selects <see cref="Select(string, string)"/> for each reason it reads and passes the reader, at the first of those columns, to
/// <see cref="Read"/>. One instance serves one query on one thread (it reuses one row of figures).
/// </remarks>
public sealed class SnapshotReasons
{
    private static readonly ConcurrentDictionary<(string Path, DateOnly AsOf, DateTime CreatedAt), ReasonContext> Contexts = new();

    private readonly Workspace _workspace;
    private readonly DateOnly _day;
    private readonly ReasonRow _row = new();
    private ReasonContext? _context;
    private Dictionary<(string Customer, string Dimension), (string? Computed, List<Override> Overrides)>? _overrides;
    private WorkspaceException? _missing;

    private SnapshotReasons(Workspace workspace, DateOnly day) => (_workspace, _day) = (workspace, day);

    /// <summary>The reasons of the snapshot as of <paramref name="day"/> (which must exist).</summary>
    public static SnapshotReasons Of(Workspace workspace, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var reasons = new SnapshotReasons(workspace, day);
        // PostgreSQL runs one command at a time on a connection, and Read runs inside the caller's open reader: what it reads
        // is read now. (A PostgreSQL workspace has no rows stored before reasons were rendered, so the context is always there.)
        return workspace.IsPostgres ? reasons.Load() : reasons;
    }

    /// <summary>
    /// Loads now what <see cref="Read"/> would query on its first row (the analysis's context and the overrides), so that neither
    /// this reader nor its <see cref="Fork"/>s run a query of their own: an export's <c>COPY</c> calls them from inside its
    /// statement, on DuckDB's threads. A snapshot without a classification context loads none; a row that needs it then throws
    /// what <see cref="Read"/> would have.
    /// </summary>
    public SnapshotReasons Load()
    {
        try { _context ??= ContextOf(_workspace, _day); }
        catch (WorkspaceException missing) { _missing = missing; }
        _overrides ??= OverridesOf(_workspace, _day);
        return this;
    }

    /// <summary>A reader for another thread sharing what this one has loaded (<see cref="Load"/>).</summary>
    public SnapshotReasons Fork() => new(_workspace, _day) { _context = _context, _overrides = _overrides, _missing = _missing };

    /// <summary>
    /// The stored figures of a row a rendered reason reads (<see cref="ReasonRow"/>), in the order <see cref="Read"/> reads them,
    /// after the customer id, the class, whether the row kept its text and that text; then the dimension's declared figures.
    /// </summary>
    private static readonly string[] RowColumns = ["t IS NOT NULL", "value", "past_net_value", "future_net_value", "p_alive", "p_alive_previous"];

    /// <summary>The columns before <see cref="RowColumns"/>: the customer id, the class, whether the row kept its text, the text.</summary>
    private const int Leading = 4;

    /// <summary>The columns of <c>snapshot_customers</c> (aliased <paramref name="table"/>) that <see cref="Read"/> reads for a dimension's reason.</summary>
    public static string Select(string dimension, string table) => Select(DuckDb.DuckDbDialect.Instance, dimension, table);

    /// <summary>The columns of <c>snapshot_customers</c> (aliased <paramref name="table"/>) that <see cref="Read"/> reads for a dimension's reason, in the workspace's SQL.</summary>
    internal static string Select(Workspace workspace, string dimension, string table) => Select(workspace.Dialect, dimension, table);

    private static string Select(SqlDialect dialect, string dimension, string table)
    {
        if (Dimensions.Declaration(dimension)?.Reason is not { } reason) return $"{table}.{SnapshotSchema.ReasonColumn(dimension)}";
        IEnumerable<string> columns =
        [
            // A row stored before the dimension rendered its reason has the dimension's key (its value null where the text was).
            $"{table}.customer_id", $"{table}.{dimension}", dialect.JsonHasKey($"{table}.{SnapshotSchema.StoredReasonsColumn}", dimension),
            dialect.JsonText($"{table}.{SnapshotSchema.StoredReasonsColumn}", dimension),
            .. RowColumns.Select(c => $"{table}.{c}"),
            .. reason.Figures.Select(f => f.IsText ? $"{table}.{f.Name}" : $"CAST({table}.{f.Name} AS DOUBLE PRECISION)"),
        ];
        return string.Join(", ", columns);
    }

    /// <summary>How many columns <see cref="Select(string, string)"/> gives for the dimension.</summary>
    public static int Width(string dimension) =>
        Dimensions.Declaration(dimension)?.Reason is { } reason ? Leading + RowColumns.Length + reason.Figures.Count : 1;

    /// <summary>The reason on <paramref name="dimension"/> of the reader's current row, whose columns from <paramref name="at"/> are <see cref="Select(string, string)"/>'s.</summary>
    public string? Read(DbDataReader reader, int at, string dimension)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (Dimensions.Declaration(dimension)?.Reason is not { } reason) return Text(reader, at);
        if (reader.GetBoolean(at + 2)) return Text(reader, at + 3);
        var row = _row;
        var figures = at + Leading;
        row.HasBought = reader.GetBoolean(figures);
        row.Value = Number(reader, figures + 1);
        row.PastNetValue = Number(reader, figures + 2);
        row.FutureNetValue = Number(reader, figures + 3);
        row.ProbabilityAlive = Number(reader, figures + 4);
        row.ProbabilityAlivePrevious = Number(reader, figures + 5);
        if (row.Figures.Length != reason.Figures.Count) (row.Figures, row.Texts) = (new double[reason.Figures.Count], new string?[reason.Figures.Count]);
        for (var k = 0; k < reason.Figures.Count; k++)
        {
            var column = figures + RowColumns.Length + k;
            if (reason.Figures[k].IsText) (row.Figures[k], row.Texts[k]) = (double.NaN, Text(reader, column));
            else (row.Figures[k], row.Texts[k]) = (Number(reader, column), null);
        }
        var @class = Text(reader, at + 1);
        var context = _context ??= _missing is null ? ContextOf(_workspace, _day) : throw _missing;
        _overrides ??= OverridesOf(_workspace, _day);
        if (_overrides.Count > 0 && _overrides.TryGetValue((reader.GetString(at), dimension), out var overridden))
            return Override.ExplainAll(overridden.Overrides, overridden.Computed, reason.Render(overridden.Computed, row, context));
        return reason.Render(@class, row, context);
    }

    /// <summary>
    /// The classes per product line of the customer <paramref name="customerId"/> (null for every customer of the snapshot), each
    /// with its reason: rendered from the row's figures, the lines the customer is a customer of and whether it has bought at
    /// all (<see cref="ProductLines.Reason"/>); a row stored before keeps its text. By customer, then line, in the lines' order.
    /// </summary>
    public IEnumerable<(string CustomerId, ProductLineClass Line)> ProductLines(string? customerId = null)
    {
        var storedReason = SnapshotSchema.ProductLineStoredReason;
        var sql = $"SELECT l.customer_id, l.product_line, l.class, l.orders, l.interest, l.{storedReason}, s.t IS NOT NULL FROM snapshot_product_lines l " +
            "LEFT JOIN snapshot_customers s ON s.as_of = l.as_of AND s.customer_id = l.customer_id " +
            $"WHERE l.as_of = CAST($as_of AS DATE){(customerId is null ? "" : " AND l.customer_id = $id")} " +
            $"ORDER BY {_workspace.Dialect.OrdinalText("l.customer_id")}, {_workspace.Dialect.OrdinalText("l.product_line")}";
        var day = _day.ToDateTime(TimeOnly.MinValue);
        // Read before the rows are (PostgreSQL runs one command at a time on a connection); unreadable, they fail only a row that needs them.
        WorkspaceException? unreadable = null;
        try { _options ??= SnapshotQuery.OptionsOf(_workspace, _day); }
        catch (WorkspaceException e) { unreadable = e; }
        using var command = customerId is null ? _workspace.Command(sql, ("as_of", day)) : _workspace.Command(sql, ("as_of", day), ("id", customerId));
        using var reader = command.ExecuteReader();
        // One customer's rows at a time: a line's reason names the lines the customer is a customer of, in the lines' order.
        var rows = new List<(string Line, string Class, int Orders, int Interest, string? Stored, bool Rendered)>();
        string? customer = null;
        var hasBought = false;
        while (true)
        {
            var more = reader.Read();
            if (customer is not null && (!more || reader.GetString(0) != customer))
            {
                var bought = rows.Where(r => r.Rendered && r.Class == Classification.ProductLines.Customer).Select(r => r.Line).ToList();
                foreach (var row in rows)
                {
                    var reason = row.Rendered
                        ? Classification.ProductLines.Reason(row.Line, row.Orders, row.Interest, bought, hasBought, (_options ?? throw unreadable!).ProductLines)
                        : row.Stored;
                    yield return (customer, new ProductLineClass(row.Line, row.Class, reason));
                }
                rows.Clear();
            }
            if (!more) yield break;
            customer = reader.GetString(0);
            hasBought = !reader.IsDBNull(6) && reader.GetBoolean(6);
            // A row stored before its reason was rendered has no figures, and keeps its text.
            var rendered = !reader.IsDBNull(3);
            rows.Add((reader.GetString(1), reader.GetString(2), rendered ? reader.GetInt32(3) : 0, rendered && !reader.IsDBNull(4) ? reader.GetInt32(4) : 0,
                Text(reader, 5), rendered));
        }
    }

    private ClassificationOptions? _options;

    private static ReasonContext ContextOf(Workspace workspace, DateOnly day)
    {
        DateTime createdAt;
        using (var command = workspace.Command("SELECT created_at FROM snapshots WHERE as_of = $as_of", ("as_of", day.ToDateTime(TimeOnly.MinValue))))
        {
            createdAt = command.ExecuteScalar() is DateTime at ? at : throw new WorkspaceException($"there is no analysis as of {day:yyyy-MM-dd}.");
        }
        return Contexts.GetOrAdd((workspace.Path, day, createdAt), _ =>
        {
            var (_, context) = SnapshotQuery.Context(workspace, day);
            var options = SnapshotQuery.OptionsOf(workspace, day);
            var classification = context.Classification ?? throw new WorkspaceException(
                $"the analysis as of {day:yyyy-MM-dd} holds rows without reason text and no classification context to render them from; analyze again.");
            return new ReasonContext(classification, options, context.Scoring.UsesMargin, options.Scoring.TrendDays);
        });
    }

    private static Dictionary<(string, string), (string?, List<Override>)> OverridesOf(Workspace workspace, DateOnly day)
    {
        using var command = workspace.Command(
            "SELECT customer_id, dimension, class, reason, set_by, set_at, computed_class FROM snapshot_overrides WHERE as_of = $as_of ORDER BY customer_id, dimension, position",
            ("as_of", day.ToDateTime(TimeOnly.MinValue)));
        using var reader = command.ExecuteReader();
        var overrides = new Dictionary<(string, string), (string?, List<Override>)>();
        while (reader.Read())
        {
            var key = (reader.GetString(0), reader.GetString(1));
            if (!overrides.TryGetValue(key, out var entry)) overrides[key] = entry = (Text(reader, 6), []);
            entry.Item2.Add(new Override(key.Item1, key.Item2, reader.GetString(2), reader.GetString(3), Text(reader, 4),
                reader.IsDBNull(5) ? null : reader.GetDateTime(5)));
        }
        return overrides;
    }

    private static string? Text(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    private static double Number(DbDataReader reader, int i) => reader.IsDBNull(i) ? double.NaN : reader.GetDouble(i);
}
