using Clientele.Tables;
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
/// <param name="Orders">The orders of the part's customers.</param>
/// <param name="Interactions">The interactions of the part's customers.</param>
/// <param name="Customers">The part's customers' rows.</param>
/// <param name="Contacts">The contacts of the part's customers.</param>
/// <param name="Days">The purchase days (<see cref="CustomerDays"/>) of the part's customers.</param>
/// <param name="ReferredDays">
/// Purchase days (customer_id, day) of the customers the part's customers referred, enough to tell whether each had bought by a
/// day: every day (<see cref="CustomerDays"/>), or the first alone.
/// </param>
internal sealed record PartTables(string Orders, string Interactions, string Customers, string Contacts, string Days, string ReferredDays)
{
    /// <summary>The workspace's own tables.</summary>
    public static PartTables Workspace { get; } = new("orders", "interactions", "customers", "contacts", CustomerDays.Table, CustomerDays.Table);

    private static readonly string[] Temporary = ["part_ids", "part_orders", "part_interactions", "part_customers", "part_contacts", "part_days", "part_referred_days"];

    /// <summary>A table's canonical columns: the import's bookkeeping columns (row hash, occurrence, import id) left out.</summary>
    private static string Canonical(CanonicalTable table) => string.Join(", ", table.Columns.Select(c => Quote(c.Name)));

    /// <summary>
    /// Copies the rows of <paramref name="ids"/> (each big table scanned once) into temporary tables; <see cref="Drop"/> them after.
    /// The import's bookkeeping columns are left out: no statement of the summary or the columns reads them, and a scan that
    /// keeps scattered customers' rows reads every column it copies over the whole table (for 1,000 customers' orders at a
    /// million customers, all fourteen columns took two to three times as long as the eleven kept).
    /// </summary>
    public static PartTables Copy(Workspace workspace, IReadOnlyCollection<string> ids)
    {
        Execute(workspace, "part_ids", "SELECT DISTINCT unnest($ids) AS customer_id", [.. ids]);
        Execute(workspace, "part_customers", $"SELECT {Canonical(CanonicalTables.Customers)} FROM customers WHERE customer_id IN (SELECT customer_id FROM part_ids)");
        Execute(workspace, "part_orders", $"SELECT {Canonical(CanonicalTables.Orders)} FROM orders WHERE customer_id IN (SELECT customer_id FROM part_ids)");
        // The purchase days of the same customers, grouped from their orders just copied: the table of every customer's days
        // is kept equal to that grouping, and reading it filtered by scattered ids scanned all its rows (0.9 s for 10,000
        // customers at a million).
        Execute(workspace, "part_days", CustomerDays.Of("part_orders"));
        // Of the customers they referred, only whether each had bought by a day is read (a referral that bought): the first day
        // of a completed order, from three columns of their orders. Copying all their orders made the slowest updates (a
        // referrer of a hundred customers, re-classified when one of them buys, read a hundred customers' row groups of
        // every column: 0.25-0.5 s at a million customers). The customers they referred are read first, by the referrers' ids,
        // and their orders by theirs: each a comparison a sharded workspace makes on every shard (as one statement, the
        // referrals' subquery sent the shards' orders to the coordinator).
        var referred = workspace.Texts($"SELECT DISTINCT referred_id FROM referrals WHERE {workspace.Dialect.AmongIds("referrer_id", "ids")} AND referred_id IS NOT NULL",
            ("ids", ids.ToList()));
        Execute(workspace, "part_referred_days", CustomerDays.FirstDays(referred.Count == 0 ? "false" : workspace.Dialect.AmongIds("customer_id", "ids")), referred);
        Execute(workspace, "part_interactions", $"SELECT {Canonical(CanonicalTables.Interactions)} FROM interactions WHERE customer_id IN (SELECT customer_id FROM part_ids)");
        Execute(workspace, "part_contacts", $"SELECT {Canonical(CanonicalTables.Contacts)} FROM contacts WHERE customer_id IN (SELECT customer_id FROM part_ids)");
        // Named without a schema: a temporary table is found before a table of the database on both engines.
        return new("part_orders", "part_interactions", "part_customers", "part_contacts", "part_days", "part_referred_days");
    }

    /// <summary>Drops the copies <see cref="Copy"/> made.</summary>
    public static void Drop(Workspace workspace)
    {
        foreach (var table in Temporary)
        {
            using var command = workspace.Command(workspace.Dialect.DropTempTable(table));
            command.ExecuteNonQuery();
        }
    }

    private static void Execute(Workspace workspace, string table, string query, List<string>? ids = null)
    {
        foreach (var sql in workspace.Dialect.ReplaceTempTable(table, query))
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            using var command = ids is null || !sql.Contains("$ids", StringComparison.Ordinal) ? workspace.Command(sql) : workspace.Command(sql, ("ids", ids));
            command.ExecuteNonQuery();
            Live.LiveTrace.Report(sql, started);
        }
    }
}
