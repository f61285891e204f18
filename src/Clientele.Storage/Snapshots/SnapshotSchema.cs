using System.Text;
using Clientele.Classification;

namespace Clientele.Storage.Snapshots;

/// <summary>
/// The snapshot tables: one analysis per as-of date. <c>snapshot_customers</c> is wide (one row per customer
/// and as-of date: summary figures, scores, then a class and a reason column per dimension) so a filtered,
/// sorted listing is one scan; the other tables hold what is not one value per customer.
/// </summary>
public static class SnapshotSchema
{
    /// <summary>
    /// The figure and score columns of <c>snapshot_customers</c>, after as_of and customer_id: each with its SQL type, its
    /// meaning, and where <see cref="SnapshotWriter"/> takes its value in an analysis. The table, the writer (by name), the
    /// listings, profiles and exports all derive from this list.
    /// </summary>
    public static readonly IReadOnlyList<SnapshotFigure> FigureColumns =
    [
        SnapshotFigure.Text("name", "display name", (r, i) => r.Columns.Name[i]),
        SnapshotFigure.Text("kind", "person or organization", (r, i) => r.Columns.Kind[i]),
        SnapshotFigure.Number("frequency", "x: repeat purchase days (summary)", (r, i) => r.Columns.Summary.Frequency[i]),
        SnapshotFigure.Number("recency", "t_x, in the snapshot's time unit", (r, i) => r.Columns.Summary.Recency[i]),
        SnapshotFigure.Number("t", "T, in the snapshot's time unit (null for non-buyers)", (r, i) => r.Columns.Summary.T[i]),
        SnapshotFigure.Number("monetary_value", "mean spend of the repeat purchase days", (r, i) => r.Columns.Summary.MonetaryValue[i]),
        SnapshotFigure.Integer("orders", "completed orders", (r, i) => r.Columns.Summary.Orders[i]),
        SnapshotFigure.Number("revenue", "revenue of completed orders", (r, i) => r.Columns.Summary.Revenue[i]),
        SnapshotFigure.Number("revenue_last_year", "revenue of the last 365 days", (r, i) => r.Columns.RevenueLastYear[i]),
        SnapshotFigure.Number("margin", "margin of completed orders", (r, i) => r.Columns.Summary.Margin[i]),
        SnapshotFigure.Number("service_cost", "cost to serve (interaction costs)", (r, i) => r.Columns.Summary.ServiceCost[i]),
        SnapshotFigure.Number("p_alive", "P(alive)", (r, i) => r.Scoring.Scores.ProbabilityAlive[i]),
        SnapshotFigure.Number("p_alive_previous", "P(alive) a trend lag earlier", (r, i) => r.Scoring.Scores.ProbabilityAlivePrevious[i]),
        SnapshotFigure.Number("expected_purchases", "expected purchase days in the horizon", (r, i) => r.Scoring.Scores.ExpectedPurchases[i]),
        SnapshotFigure.Number("expected_revenue", "expected revenue in the horizon", (r, i) => r.Scoring.Scores.ExpectedRevenue[i]),
        SnapshotFigure.Number("clv", "discounted lifetime revenue", (r, i) => r.Scoring.Scores.LifetimeValue[i]),
        SnapshotFigure.Number("past_net_value", "margin (or revenue) to date minus cost to serve", (r, i) => r.Scoring.Scores.PastNetValue[i]),
        SnapshotFigure.Number("future_net_value", "predicted margin (or revenue) minus cost to serve", (r, i) => r.Scoring.Scores.FutureNetValue[i]),
        SnapshotFigure.Number("value", "past + future net value", (r, i) => r.Scoring.Scores.Value(i)),
        SnapshotFigure.Number("share_of_wallet", "our share of the customer's category spend", (r, i) => r.Strategy.ShareOfWallet[i]),
        SnapshotFigure.Boolean("share_estimated", "whether the wallet was estimated from comparable customers",
            (r, i) => double.IsFinite(r.Strategy.ShareOfWallet[i]) ? r.Strategy.ShareEstimated[i] : null),
        SnapshotFigure.Number("close_probability", "a prospect's probability to close", (r, i) => r.Prospects.CloseProbability[i]),
        SnapshotFigure.Integer("supply_depth", "0 direct, 1 our customer's customer, ...", (r, i) => r.SupplyChain.Depth[i] >= 0 ? r.SupplyChain.Depth[i] : null),
        SnapshotFigure.Number("group_value", "own value plus every subsidiary's", (r, i) => r.Hierarchy.Subsidiaries[i] > 0 ? r.Hierarchy.GroupValue[i] : null),
        SnapshotFigure.Integer("subsidiaries", "subsidiaries below the account", (r, i) => r.Hierarchy.Subsidiaries[i]),
        SnapshotFigure.Number("referral_value", "value of the customers it referred", (r, i) => r.Influence.ReferralValue[i]),
        SnapshotFigure.Number("influence_value", "value of the purchases it drew", (r, i) => r.Influence.InfluenceValue[i]),
        SnapshotFigure.Number("full_value", "value + referral value + influence value", (r, i) => r.Influence.FullValue[i]),
        SnapshotFigure.Text("cross_sell", "product lines to offer, best first",
            (r, i) => r.ProductLines.CrossSellCount[i] > 0 ? string.Join(", ", r.ProductLines.CrossSellLines(i)) : null),
        SnapshotFigure.Text("overridden", "dimensions set by an override", (r, i) => r.OverriddenDimensions(i)),
    ];

    /// <summary>The figure columns that are amounts of money, in the workspace's currency (<see cref="MoneySetting"/>).</summary>
    public static readonly IReadOnlySet<string> MoneyColumns = new HashSet<string>(StringComparer.Ordinal)
    {
        "monetary_value", "revenue", "revenue_last_year", "margin", "service_cost", "expected_revenue", "clv", "past_net_value",
        "future_net_value", "value", "group_value", "referral_value", "influence_value", "full_value",
    };

    /// <summary>
    /// The columns of <c>snapshot_customers</c> a live update sets (<see cref="Live.LiveUpdate"/>), null where the row is the
    /// analysis's own: the day the row's figures are as of, when it was updated, and the import (or event batch) that caused it.
    /// </summary>
    public static readonly IReadOnlyList<(string Name, string Type, string Meaning)> LiveColumns =
    [
        ("live_as_of", "DATE", "updated live: the day its figures are as of (the customer's latest order or interaction; for a referrer, also its latest referral made or bought; at least the analysis's as-of date)"),
        ("live_at", "TIMESTAMP", "updated live: when (UTC)"),
        ("live_import", "INTEGER", "updated live: the import or event batch that caused it"),
    ];

    /// <summary>The reason column of a dimension whose reason is stored as text (<see cref="StoresReason"/>).</summary>
    public static string ReasonColumn(string dimension) => dimension + "_reason";

    /// <summary>
    /// Whether a dimension's reason is stored as text in its <see cref="ReasonColumn"/>; false for one whose reason is rendered
    /// when read from its class, the figures and the analysis's context (<see cref="DimensionDeclaration.Reason"/>, <see cref="SnapshotReasons"/>).
    /// </summary>
    public static bool StoresReason(string dimension) => Dimensions.Declaration(dimension)?.RendersReason != true;

    /// <summary>The dimensions whose reasons are stored as text (<see cref="StoresReason"/>).</summary>
    public static IReadOnlyList<string> StoredReasonDimensions { get; } = [.. Dimensions.All.Where(StoresReason)];

    /// <summary>
    /// The figures the dimensions whose reasons are rendered store for them (<see cref="ReasonDeclaration.Figures"/>), as
    /// columns of <c>snapshot_customers</c> after <see cref="FigureColumns"/>: a number null where NaN, a text null where none.
    /// A figure <see cref="ReasonFigure.Shared"/> with <see cref="FigureColumns"/> is stored there, once.
    /// </summary>
    public static readonly IReadOnlyList<SnapshotFigure> ReasonFigureColumns =
    [
        .. from declaration in Dimensions.Declared
           where declaration.Reason is not null
           from figure in declaration.Reason!.Figures
           where !figure.Shared
           select figure.Text is { } text
               ? SnapshotFigure.Text(figure.Name, figure.Meaning, (r, i) => text(r, i))
               : SnapshotFigure.Number(figure.Name, figure.Meaning, (r, i) => figure.Value(r, i)),
    ];

    /// <summary>
    /// The reasons a snapshot stored as text before its dimension's reason was rendered when read: a JSON object from dimension to
    /// reason, null for a row written since (<see cref="RenderedReasonsUpgrade"/> moved the older rows' text here).
    /// </summary>
    public const string StoredReasonsColumn = "stored_reasons";

    /// <summary>
    /// The columns of <c>snapshot_product_lines</c> after its as_of, customer_id, product_line and class: the figures a line's
    /// reason is rendered from (<see cref="ProductLines.Reason"/>, read by <see cref="SnapshotReasons.ProductLines"/>), and the
    /// reason text of a row stored before (<see cref="ProductLineStoredReason"/>; null for a row written since).
    /// </summary>
    public static readonly IReadOnlyList<(string Name, string Type, string Meaning)> ProductLineColumns =
    [
        (ProductLineStoredReason, "VARCHAR", "the reason as stored before product lines' reasons were rendered when read (null for a row written since)"),
        ("orders", "INTEGER", "completed orders of the line (null for a row stored before)"),
        ("interest", "INTEGER", "interactions about the line: inquiries, quotes, trials, ... (null for a row stored before)"),
    ];

    /// <summary>The column of <c>snapshot_product_lines</c> that holds the reason text of a row stored before it was rendered when read.</summary>
    public const string ProductLineStoredReason = "stored_reason";

    /// <summary>Every column of <c>snapshot_customers</c> an analysis writes, in order, with its SQL type (the live columns are after them).</summary>
    public static IReadOnlyList<(string Name, string Type)> WrittenColumns { get; } =
    [
        ("as_of", "DATE"), ("customer_id", "VARCHAR"),
        .. FigureColumns.Select(f => (f.Name, f.Type)),
        .. Dimensions.All.SelectMany(d => StoresReason(d) ? new[] { (d, "VARCHAR"), (ReasonColumn(d), "VARCHAR") } : [(d, "VARCHAR")]),
        .. ReasonFigureColumns.Select(f => (f.Name, f.Type)),
        (StoredReasonsColumn, "VARCHAR"),
    ];

    /// <summary>
    /// The overrides an analysis applied, with the class each replaced (<c>computed_class</c>, the first of a customer's
    /// overrides on a dimension; null where the dimension did not apply): a rendered reason of an overridden class states them.
    /// </summary>
    internal const string OverridesTable = """
        CREATE TABLE IF NOT EXISTS snapshot_overrides (
            as_of DATE NOT NULL, customer_id VARCHAR NOT NULL, dimension VARCHAR NOT NULL, position INTEGER NOT NULL,
            class VARCHAR NOT NULL, reason VARCHAR NOT NULL, set_by VARCHAR, set_at TIMESTAMP, computed_class VARCHAR)
        """;

    internal static readonly string[] Tables =
    [
        """
        CREATE TABLE snapshots (
            as_of DATE NOT NULL, created_at TIMESTAMP NOT NULL, time_unit VARCHAR NOT NULL, horizon_days DOUBLE NOT NULL,
            customers BIGINT NOT NULL, model VARCHAR, scoring_method VARCHAR NOT NULL, options VARCHAR NOT NULL, report VARCHAR NOT NULL,
            live_at TIMESTAMP)
        """,
        CustomersTable(),
        ClassChangesTable,
        OverridesTable,
        ProductLinesTable("snapshot_product_lines"),
        """
        CREATE TABLE snapshot_buying_roles (
            as_of DATE NOT NULL, customer_id VARCHAR NOT NULL, contact_id VARCHAR NOT NULL, contact_name VARCHAR, title VARCHAR,
            role VARCHAR NOT NULL, weight DOUBLE NOT NULL, inferred BOOLEAN NOT NULL)
        """,
        """
        CREATE TABLE snapshot_segments (
            as_of DATE NOT NULL, path VARCHAR NOT NULL, parent VARCHAR, level INTEGER NOT NULL, name VARCHAR NOT NULL,
            parties BIGINT NOT NULL, actual_customers BIGINT NOT NULL, active_customers BIGINT NOT NULL, value DOUBLE NOT NULL,
            expected_revenue DOUBLE NOT NULL, new_customers_growth DOUBLE, value_growth DOUBLE,
            target_customers DOUBLE, target_value DOUBLE, target_due_at DATE, target_only BOOLEAN NOT NULL)
        """,
        SnapshotFirstPurchases.Table,
    ];

    private static string ProductLinesTable(string name) =>
        $"CREATE TABLE {name} (as_of DATE NOT NULL, customer_id VARCHAR NOT NULL, product_line VARCHAR NOT NULL, class VARCHAR NOT NULL{string.Concat(ProductLineColumns.Select(c => $", {c.Name} {c.Type}"))})";

    private static string CustomersTable(string table = "snapshot_customers")
    {
        var sql = new StringBuilder($"CREATE TABLE {table} (as_of DATE NOT NULL, customer_id VARCHAR NOT NULL");
        foreach (var (name, type) in WrittenColumns.Skip(2)) sql.Append($", {name} {type}");
        foreach (var (name, type, _) in LiveColumns) sql.Append($", {name} {type}");
        return sql.Append(')').ToString();
    }

    /// <summary>Every class a live update changed since the analysis it updates: which customer, dimension, from what to what, when and by which import.</summary>
    internal const string ClassChangesTable = """
        CREATE TABLE IF NOT EXISTS class_changes (
            as_of DATE NOT NULL, customer_id VARCHAR NOT NULL, dimension VARCHAR NOT NULL, from_class VARCHAR, to_class VARCHAR,
            changed_at TIMESTAMP NOT NULL, import_id INTEGER, live_as_of DATE NOT NULL)
        """;

    /// <summary>
    /// The statements that bring a version-6 workspace's snapshot tables to version 7 (live updates). They change nothing
    /// where the tables are already current: an older workspace's upgrade to version 3 made them as this build does.
    /// </summary>
    internal static IEnumerable<string> LiveUpgrade() =>
        LiveColumns.Select(c => $"ALTER TABLE snapshot_customers ADD COLUMN IF NOT EXISTS {c.Name} {c.Type}")
            .Append("ALTER TABLE snapshots ADD COLUMN IF NOT EXISTS live_at TIMESTAMP").Append(ClassChangesTable);

    /// <summary>
    /// The statement that brings a version-7 workspace to version 8: the population's first purchases an analysis stores
    /// (<see cref="SnapshotFirstPurchases"/>). An analysis stored before has none, and a live update reads the order log for it.
    /// </summary>
    internal static IEnumerable<string> FirstPurchasesUpgrade() => [SnapshotFirstPurchases.Table];

    /// <summary>
    /// The statements that bring a version-8 workspace to version 9, a version-9 one to version 10 and a version-11 one to
    /// version 12, where more dimensions render their reasons when read and store figures instead of text: the figure columns
    /// the table lacks and <see cref="OverridesTable"/> are added, and each such dimension's reason column, where the table still
    /// has one, is moved into <see cref="StoredReasonsColumn"/> (merged into what an earlier step moved there, so an older
    /// snapshot reads as it was stored) and dropped; <c>snapshot_product_lines.reason</c>, where the table still has it, becomes
    /// <see cref="ProductLineStoredReason"/> beside null figures (<see cref="ProductLineColumns"/>). Generic by the columns there
    /// are: a dimension converted later needs no step of its own, only a new version that runs this again.
    /// <paramref name="columns"/> and <paramref name="productLineColumns"/> are the two tables' columns as they are.
    /// </summary>
    internal static IEnumerable<string> RenderedReasonsUpgrade(IReadOnlyList<string> columns, IReadOnlyList<string> productLineColumns, SqlDialect dialect)
    {
        yield return OverridesTable;
        if (productLineColumns.Contains("reason"))
        {
            // A product line's reason text stays with its row, read as stored (its figures are null); made again, as below.
            // Made as declared (its NOT NULLs too), then filled: SQL both engines run.
            yield return ProductLinesTable("snapshot_product_lines_upgraded");
            yield return $"INSERT INTO snapshot_product_lines_upgraded (as_of, customer_id, product_line, class, {ProductLineStoredReason}) " +
                "SELECT as_of, customer_id, product_line, class, reason FROM snapshot_product_lines";
            yield return "DROP TABLE snapshot_product_lines";
            yield return "ALTER TABLE snapshot_product_lines_upgraded RENAME TO snapshot_product_lines";
        }

        var moved = Dimensions.All.Where(d => !StoresReason(d) && columns.Contains(ReasonColumn(d))).ToList();
        if (moved.Count == 0)
        {
            yield return $"ALTER TABLE snapshot_customers ADD COLUMN IF NOT EXISTS {StoredReasonsColumn} VARCHAR";
            foreach (var figure in ReasonFigureColumns) yield return $"ALTER TABLE snapshot_customers ADD COLUMN IF NOT EXISTS {figure.Name} {figure.Type}";
            yield break;
        }
        // DuckDB does not alter a table a transaction has updated: the table is made again as declared (the figures it lacked
        // null), with the text moved, and replaces the old one.
        // Each moved column becomes a key of the row's JSON, its value null where the column was: a key present means "read as stored".
        var text = dialect.JsonObject(moved.Select(d => ($"'{d}'", ReasonColumn(d))));
        // A row an earlier step moved text for keeps it, the keys moved now appended (json_merge_patch would drop a key whose
        // value is null, and with it the row's "read as stored"); a row written since has none (null), and gains the text moved now.
        var stored = columns.Contains(StoredReasonsColumn)
            ? $"CASE WHEN {StoredReasonsColumn} IS NULL OR {StoredReasonsColumn} = '{{}}' THEN {text}::VARCHAR " +
              $"ELSE left({StoredReasonsColumn}, length({StoredReasonsColumn}) - 1) || ',' || substr({text}::VARCHAR, 2) END"
            : $"{text}::VARCHAR";
        // The kept columns by name (SQL both engines run: no DuckDB `* EXCLUDE`).
        var excluded = moved.Select(ReasonColumn).Append(StoredReasonsColumn).ToHashSet(StringComparer.Ordinal);
        var kept = string.Join(", ", columns.Where(c => !excluded.Contains(c)));
        yield return CustomersTable("snapshot_customers_upgraded");
        yield return $"INSERT INTO snapshot_customers_upgraded ({kept}, {StoredReasonsColumn}) SELECT {kept}, {stored} FROM snapshot_customers";
        yield return "DROP TABLE snapshot_customers";
        yield return "ALTER TABLE snapshot_customers_upgraded RENAME TO snapshot_customers";
    }
}
