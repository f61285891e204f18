using System.Globalization;
using System.Text;
using Clientele.Storage.Import;

namespace Clientele.Storage.Tests.Postgres;

/// <summary>
/// A workspace in one PostgreSQL database reads a few customers' rows, and an event batch's rows by id, import and content, through
/// indexes (docs/postgres.md, Indexes): PostgreSQL has no zone maps, and without them each such read scanned the whole table (at a
/// million customers one order applied live took some 30 s).
/// </summary>
public sealed class PostgresIndexTests(SharedPostgres postgres)
{
    [Fact]
    public void A_new_workspace_reads_one_customer_s_rows_and_an_event_s_rows_through_indexes()
    {
        var url = postgres.Server.NewDatabaseUrl();
        using var workspace = Workspace.Create(url);
        // With sequential scans priced out, a read that no index serves is still planned as one (a Seq Scan).
        (string Read, string Index)[] reads =
        [
            ("customers WHERE customer_id = 'C1'", "customers_unique"),
            ("orders WHERE customer_id = 'C1'", "orders_customer"),
            ("orders WHERE order_id = 'O1'", "orders_order_id"),
            ("orders WHERE import_id = 7", "orders_import_id"),
            ("orders WHERE row_hash = 12345", "orders_row_hash"),
            ("interactions WHERE customer_id = 'C1'", "interactions_customer"),
            ("interactions WHERE interaction_id = 'I1'", "interactions_interaction_id"),
            ("interactions WHERE import_id = 7", "interactions_import_id"),
            ("customer_days WHERE customer_id = 'C1' AND day = DATE '2025-01-01'", "customer_days_unique"),
            ("contacts WHERE customer_id = 'C1'", "contacts_customer"),
            ("snapshot_customers WHERE as_of = DATE '2025-01-01' AND customer_id = 'C1'", "snapshot_customers_unique"),
            ("snapshot_product_lines WHERE as_of = DATE '2025-01-01' AND customer_id = 'C1'", "snapshot_product_lines_customer"),
            ("snapshot_buying_roles WHERE as_of = DATE '2025-01-01' AND customer_id = 'C1'", "snapshot_buying_roles_customer"),
        ];
        using (var off = workspace.Db.CreateCommand())
        {
            off.CommandText = "SET enable_seqscan = off";
            off.ExecuteNonQuery();
        }
        foreach (var (read, index) in reads)
        {
            using var command = workspace.Db.CreateCommand();
            command.CommandText = $"EXPLAIN (COSTS OFF) SELECT * FROM {read}";
            var plan = new List<string>();
            using (var reader = command.ExecuteReader())
                while (reader.Read()) plan.Add(reader.GetString(0));
            // "Index Scan using NAME on TABLE", "Index Only Scan using NAME ...", or "Bitmap Index Scan on NAME".
            Assert.True(plan.Any(line => System.Text.RegularExpressions.Regex.IsMatch(line, $@"Index (Only )?Scan (using|on) {index}(\s|$)")),
                $"{read}:\n{string.Join("\n", plan)}");
        }
    }

    [Fact]
    public void A_first_load_builds_the_indexes_once_after_its_rows_a_failed_one_leaves_them_and_a_later_one_keeps_them()
    {
        var url = postgres.Server.NewDatabaseUrl();
        using var workspace = Workspace.Create(url);
        using var files = new TempWorkspace(create: false);
        // One an administrator added comes back too, as it was.
        workspace.Execute("CREATE INDEX orders_by_amount ON orders (amount)");
        var made = Indexes(workspace);
        Assert.Equal(5, made.Count);

        // A first load that fails after its rows went in (a bad date on the last line, its chunks loaded before it): nothing moved.
        var bad = new StringBuilder("order_id,customer_id,ordered_at,amount\n");
        for (var i = 0; i < 300; i++) bad.Append(CultureInfo.InvariantCulture, $"O{i},C{i % 40},2024-01-{1 + i % 28:00},{i}\n");
        Assert.Throws<ImportFailedException>(() => Import(workspace, files.File("bad.csv", bad + "O300,C1,someday,5\n")));
        Assert.Equal(made, Indexes(workspace));

        Import(workspace, files.File("first.csv", bad.ToString()));
        var rebuilt = Indexes(workspace);
        Assert.Equal(made.Values.Select(i => i.Definition), rebuilt.Values.Select(i => i.Definition));
        Assert.All(made.Keys, name => Assert.NotEqual(made[name].Oid, rebuilt[name].Oid));
        // The indexes made after the load hold its rows.
        workspace.Execute("SET enable_seqscan = off");
        Assert.Equal(1, workspace.Scalar<long>("SELECT count(*) FROM orders WHERE order_id = 'O17'"));
        Assert.Equal(8, workspace.Scalar<long>("SELECT count(*) FROM orders WHERE customer_id = 'C17'"));
        workspace.Execute("RESET enable_seqscan");

        // The table has rows now: the next load keeps its indexes up to date as it goes.
        Import(workspace, files.File("next.csv", "order_id,customer_id,ordered_at,amount\nO900,C1,2024-03-01,9\n"));
        Assert.Equal(rebuilt, Indexes(workspace));
    }

    private static ImportResult Import(Workspace workspace, string path) =>
        new Importer(workspace) { RowsPerChunk = 100 }.Import("orders", path, new ImportOptions());

    /// <summary>The orders' indexes by name: each one's relation (a new one when it was made again) and definition.</summary>
    private static Dictionary<string, (long Oid, string Definition)> Indexes(Workspace workspace)
    {
        using var command = workspace.Db.CreateCommand();
        command.CommandText = "SELECT indexrelid::regclass::text, indexrelid::bigint, pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = 'orders'::regclass ORDER BY 1";
        var indexes = new Dictionary<string, (long, string)>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read()) indexes[reader.GetString(0)] = (reader.GetInt64(1), reader.GetString(2));
        return indexes;
    }
}
