using DuckDB.NET.Data;
using static Clientele.Storage.Schema.WorkspaceSchema;

namespace Clientele.Storage.Summary;

/// <summary>
/// Where the summary and the columns of a part of the base read its customers' own rows: the workspace's tables
/// (<see cref="Workspace"/>), or temporary copies of the part's rows made once (<see cref="Copy"/>). A live update's summary
/// and columns are some thirty statements; each filtering the million customers and the order log for the same few ids
/// cost tens of milliseconds of scanning, and for a batch of customers scattered over the log a full scan each.
/// </summary>
/// <remarks>
/// Only statements that keep the part's own rows read these (every one joins the part's ids); what is read for other
/// customers — the referred customers' purchases, everyone's first purchases — reads what <see cref="Copy"/> put there
/// for it, or the workspace's tables.
/// </remarks>
/// <param name="Orders">The orders of the part's customers and of the customers they referred.</param>
/// <param name="Interactions">The interactions of the part's customers.</param>
/// <param name="Customers">The part's customers' rows.</param>
/// <param name="Contacts">The contacts of the part's customers.</param>
internal sealed record PartTables(string Orders, string Interactions, string Customers, string Contacts)
{
    /// <summary>The workspace's own tables.</summary>
    public static PartTables Workspace { get; } = new("orders", "interactions", "customers", "contacts");

    private static readonly string[] Temporary = ["part_ids", "part_orders", "part_interactions", "part_customers", "part_contacts"];

    /// <summary>The import's bookkeeping columns of a table whose rows are identified by content (orders, interactions).</summary>
    private static readonly string ContentBookkeeping = $"EXCLUDE ({RowHashColumn}, {RowOccurrenceColumn}, {ImportIdColumn})";

    /// <summary>The import's bookkeeping column of a keyed table.</summary>
    private static readonly string KeyedBookkeeping = $"EXCLUDE ({ImportIdColumn})";

    /// <summary>
    /// Copies the rows of <paramref name="ids"/> (each big table scanned once) into temporary tables; <see cref="Drop"/> them after.
    /// The import's bookkeeping columns are left out: no statement of the summary or the columns reads them, and a scan that
    /// keeps scattered customers' rows reads every column it copies over the whole table (for 1,000 customers' orders at a
    /// million customers, all fourteen columns took two to three times as long as the eleven kept).
    /// </summary>
    public static PartTables Copy(DuckDBConnection connection, IReadOnlyCollection<string> ids)
    {
        Execute(connection, "CREATE OR REPLACE TEMP TABLE part_ids AS SELECT DISTINCT unnest($1) AS customer_id", [.. ids]);
        Execute(connection, $"CREATE OR REPLACE TEMP TABLE part_customers AS SELECT * {KeyedBookkeeping} FROM customers WHERE customer_id IN (SELECT customer_id FROM part_ids)");
        Execute(connection, $"""
            CREATE OR REPLACE TEMP TABLE part_orders AS SELECT * {ContentBookkeeping} FROM orders WHERE customer_id IN (
                SELECT customer_id FROM part_ids UNION SELECT referred_id FROM referrals WHERE referrer_id IN (SELECT customer_id FROM part_ids))
            """);
        Execute(connection, $"CREATE OR REPLACE TEMP TABLE part_interactions AS SELECT * {ContentBookkeeping} FROM interactions WHERE customer_id IN (SELECT customer_id FROM part_ids)");
        Execute(connection, $"CREATE OR REPLACE TEMP TABLE part_contacts AS SELECT * {KeyedBookkeeping} FROM contacts WHERE customer_id IN (SELECT customer_id FROM part_ids)");
        return new("temp.part_orders", "temp.part_interactions", "temp.part_customers", "temp.part_contacts");
    }

    /// <summary>Drops the copies <see cref="Copy"/> made.</summary>
    public static void Drop(DuckDBConnection connection)
    {
        foreach (var table in Temporary) Execute(connection, $"DROP TABLE IF EXISTS temp.{table}");
    }

    private static void Execute(DuckDBConnection connection, string sql, List<string>? ids = null)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (ids is not null) command.Parameters.Add(new DuckDBParameter(ids));
        command.ExecuteNonQuery();
        Live.LiveTrace.Report(sql, started);
    }
}
