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
}
