using System.Data.Common;
using static Clientele.Storage.Schema.WorkspaceSchema;

namespace Clientele.Storage.Summary;

/// <summary>
/// The purchase days of every customer, kept in the table <c>customer_days</c>: one row per customer and day of completed
/// orders with that day's spend, order lines and margin, each summed exactly (<see cref="CustomerSummaryQuery.Exact"/>, so a day's
/// figures are the sums the summary would take of its orders, whatever order rows are added in). Every path that changes the
/// orders keeps it true inside its own transaction: an import or event batch adds its orders' days (<see cref="Add"/>), an undo
/// counts the days of the customers whose orders it removed again (<see cref="Recount"/>), an erasure deletes the customer's (<see cref="Erase"/>).
/// </summary>
/// <remarks>
/// Why a table: the summary's per-customer figures (first and last purchase day, purchase days, orders, revenue, first day's
/// spend, margin) are then one <c>GROUP BY customer_id</c> over it, the form a distributed engine runs whole on each shard; from the
/// orders they were two levels (by customer and day, then by customer), and a sharded workspace shipped the first level's rows
/// back to the coordinator (docs/scale-out.md). The as-of date is a filter on <c>day</c>: a day's orders are all before the day
/// after it or none are.
/// </remarks>
internal static class CustomerDays
{
    /// <summary>The table's name.</summary>
    public const string Table = "customer_days";

    /// <summary>The table, as <see cref="Schema.WorkspaceSchema"/> declares it (spend and margin in the type of <see cref="CustomerSummaryQuery.Exact"/>).</summary>
    public const string Declaration = """
        CREATE TABLE customer_days (
            customer_id VARCHAR NOT NULL, day DATE NOT NULL, spend DECIMAL(38, 9) NOT NULL, lines BIGINT NOT NULL, margin DECIMAL(38, 9))
        """;

    /// <summary>
    /// The days of the completed orders of <paramref name="orders"/> (the order log, or a copy of some customers' orders) that
    /// also meet <paramref name="where"/> (a condition on the orders, or empty), grouped as the table holds them.
    /// </summary>
    private static string Grouped(string where, string orders = "orders") => $"""
        SELECT customer_id, CAST(ordered_at AS DATE) AS day, sum({CustomerSummaryQuery.Exact("amount")}) AS spend, count(*) AS lines,
               sum({CustomerSummaryQuery.Exact("margin")}) AS margin
        FROM {orders} WHERE {Purchase}{(where.Length > 0 ? " AND " + where : "")}
        GROUP BY customer_id, CAST(ordered_at AS DATE)
        """;

    /// <summary>The orders the table counts: the completed ones.</summary>
    private const string Purchase = "status = 'completed'";

    /// <summary>
    /// Each customer's first day of the table (customer_id, day), for the orders that meet <paramref name="where"/>: whether a
    /// customer had bought by a day, read from three columns of the orders rather than every day's sums.
    /// </summary>
    public static string FirstDays(string where) => $"""
        SELECT customer_id, CAST(min(ordered_at) AS DATE) AS day FROM orders WHERE {Purchase} AND {where}
        GROUP BY customer_id
        """;

    /// <summary>
    /// The rows this table holds for the customers whose every order is in <paramref name="orders"/> (a copy of their orders,
    /// <see cref="PartTables.Copy"/>): the table is kept equal to the days of the order log, so grouping the copy gives them
    /// without reading the table's rows of every customer.
    /// </summary>
    public static string Of(string orders) => Grouped("", orders);

    /// <summary>The statement that fills the empty table from every order (a new table of an upgraded workspace).</summary>
    public static string Fill { get; } = $"INSERT INTO {Table} {Grouped("")}";

    /// <summary>Counts every customer's days again from the orders (for orders written other than by an import: a copy of a workspace's tables).</summary>
    public static void Rebuild(Workspace workspace)
    {
        Execute(workspace.Db, $"DELETE FROM {Table}");
        Execute(workspace.Db, Fill);
    }

    private const string Added = "clientele_days_added";

    /// <summary>
    /// Adds the days of the orders an import stored (<paramref name="importId"/>; every one of them new, since an import adds
    /// orders and never changes one): a day the customer had already gets the import's sums added to its own.
    /// </summary>
    /// <remarks>
    /// <paramref name="inKeyOrder"/>: insert the days in the order of customer and day: on a shard, whose table has a unique index on them
    /// (<see cref="Postgres.ShardedSchema"/>). A million days went in there in 8 s so, against 35 s in the hash aggregate's
    /// order (PostgreSQL 15: the index's pages are then written one after another, and the grouping is a sort on the orders'
    /// customer index rather than a hash table that spills).
    /// </remarks>
    public static void Add(DbConnection connection, SqlDialect dialect, int importId, bool inKeyOrder = false)
    {
        var mine = $"{ImportIdColumn} = {importId}";
        var order = inKeyOrder ? " ORDER BY customer_id, day" : "";
        Lock(connection, dialect);
        // A first load (no day stored yet) is inserted at once: nothing to add to.
        if (Long(connection, $"SELECT count(*) FROM (SELECT 1 FROM {Table} LIMIT 1) AS stored") == 0)
        {
            Execute(connection, $"INSERT INTO {Table} {Grouped(mine)}{order}");
            return;
        }
        foreach (var statement in dialect.ReplaceTempTable(Added, Grouped(mine))) Execute(connection, statement);
        if (Long(connection, $"SELECT count(*) FROM {Added}") > 0)
        {
            const string Merged = "clientele_days_merged";
            // A sum of sums is the sum: exact decimals; a margin of null (no order of the day had one) stays null only if every part is.
            foreach (var statement in dialect.ReplaceTempTable(Merged, $"""
                SELECT customer_id, day, sum(spend) AS spend, sum(lines) AS lines, sum(margin) AS margin FROM (
                    SELECT * FROM {Added}
                    UNION ALL
                    SELECT d.customer_id, d.day, d.spend, d.lines, d.margin FROM {Table} d JOIN {Added} a ON a.customer_id = d.customer_id AND a.day = d.day
                ) AS parts
                GROUP BY customer_id, day
                """))
            {
                Execute(connection, statement);
            }
            Execute(connection, $"DELETE FROM {Table} USING {Added} a WHERE {Table}.customer_id = a.customer_id AND {Table}.day = a.day");
            Execute(connection, $"INSERT INTO {Table} (customer_id, day, spend, lines, margin) SELECT customer_id, day, spend, lines, margin FROM {Merged}{order}");
            Execute(connection, $"DROP TABLE {Merged}");
        }
        Execute(connection, $"DROP TABLE {Added}");
    }

    /// <summary>
    /// Counts the days of the customers <paramref name="customers"/> lists again from the orders they have now (after some of their
    /// orders were removed): their rows are deleted and made anew. <paramref name="customers"/> is a query of one column, <c>customer_id</c>.
    /// </summary>
    public static void Recount(Workspace workspace, string customers, params (string Name, object? Value)[] parameters)
    {
        Lock(workspace.Db, workspace.Dialect);
        using (var delete = workspace.Command($"DELETE FROM {Table} WHERE customer_id IN ({customers})", parameters))
            delete.ExecuteNonQuery();
        using var insert = workspace.Command($"INSERT INTO {Table} {Grouped($"customer_id IN ({customers})")}", parameters);
        insert.ExecuteNonQuery();
    }

    /// <summary>Deletes an erased customer's days (its orders went in the same transaction).</summary>
    public static void Erase(Workspace workspace, string customerId)
    {
        Lock(workspace.Db, workspace.Dialect);
        using var command = workspace.Command($"DELETE FROM {Table} WHERE customer_id = $id", ("id", customerId));
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Makes the transaction the table's only writer until it ends (readers go on): two imports or event batches at once (two
    /// servers of one PostgreSQL database) would otherwise each add to the days as they were before the other committed, and
    /// one's orders would be lost from the sums (<see cref="SqlDialect.SoleWriter"/>).
    /// </summary>
    public static void Lock(DbConnection connection, SqlDialect dialect)
    {
        if (dialect.SoleWriter(Table) is { } statement) Execute(connection, statement);
    }

    private static void Execute(DbConnection connection, string sql)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
        Live.LiveTrace.Report(sql, started);
    }

    private static long Long(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
