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
        AssertReadsThroughIndexes(workspace);
    }

    [Fact]
    public void A_workspace_made_without_the_indexes_gets_them_when_opened_and_keeps_its_rows()
    {
        var url = postgres.Server.NewDatabaseUrl();
        using (var made = Workspace.Create(url))
        {
            made.Execute("INSERT INTO customers (customer_id) VALUES ('C1'), ('C2')");
            // As a build before the indexes made it: schema 13, no index but the keys its tables declare.
            foreach (var index in Made)
                made.Execute($"DROP INDEX {index}");
            made.Execute("UPDATE clientele_meta SET value = '13' WHERE key = 'schema_version'");
            Assert.Equal(0, made.Scalar<long>($"SELECT count(*) FROM pg_indexes WHERE indexname IN ('{string.Join("', '", Made)}')"));
        }
        using var opened = Workspace.Open(url);
        Assert.Equal(14, opened.SchemaVersion);
        Assert.Equal(Made.Length, opened.Scalar<long>($"SELECT count(*) FROM pg_indexes WHERE indexname IN ('{string.Join("', '", Made)}')"));
        AssertReadsThroughIndexes(opened);
        Assert.Equal(2, opened.Scalar<long>("SELECT count(*) FROM customers"));
    }

    /// <summary>The indexes a workspace on PostgreSQL gets besides the keys its tables declare (docs/postgres.md#indexes).</summary>
    private static readonly string[] Made =
    [
        "customers_unique", "customers_import_id", "orders_customer", "orders_order_id", "orders_import_id", "orders_row_hash", "customer_days_unique",
        "interactions_customer", "interactions_interaction_id", "interactions_import_id", "interactions_row_hash", "contacts_customer",
        "referrals_unique", "supply_links_unique", "truth_customers_unique", "snapshot_customers_unique", "snapshot_product_lines_customer",
        "snapshot_buying_roles_customer",
    ];

    /// <summary>Each read of a few customers' rows, or of an event's by id, import or content, is planned through its index.</summary>
    private static void AssertReadsThroughIndexes(Workspace workspace)
    {
        // With sequential scans priced out, a read that no index serves is still planned as one (a Seq Scan).
        (string Read, string Index)[] reads =
        [
            ("customers WHERE customer_id = 'C1'", "customers_unique"),
            ("customers WHERE import_id = 7", "customers_import_id"),
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
}
