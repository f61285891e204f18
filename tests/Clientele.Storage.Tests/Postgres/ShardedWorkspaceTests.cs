using System.Text.RegularExpressions;
using Clientele.Simulation;
using Clientele.Storage.Analysis;
using Clientele.Storage.Postgres;
using Clientele.Storage.Snapshots;
using Clientele.Storage.Summary;
using Clientele.Storage.Tests.Contract;
using Clientele.Tables;
using Npgsql;

namespace Clientele.Storage.Tests.Postgres;

/// <summary>
/// Three throwaway PostgreSQL servers on loopback for <see cref="ShardedWorkspaceTests"/>: a coordinator and two shards,
/// started when a test first asks (none when PostgreSQL is absent: the test is skipped, saying so) and stopped at the end.
/// </summary>
public sealed class ShardServers : IDisposable
{
    private readonly Lazy<PostgresServer[]> _servers = new(() => [PostgresServer.Start(), PostgresServer.Start(), PostgresServer.Start()], LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The coordinator's server.</summary>
    public PostgresServer Coordinator => Servers[0];

    /// <summary>The two shards' servers.</summary>
    public IReadOnlyList<PostgresServer> Shards => Servers[1..];

    private PostgresServer[] Servers
    {
        get
        {
            PostgresServer.Require();
            return _servers.Value;
        }
    }

    public void Dispose()
    {
        if (!_servers.IsValueCreated) return;
        foreach (var server in _servers.Value) server.Dispose();
    }
}

/// <summary>
/// A workspace sharded with PostgreSQL's own sharding (<see cref="ShardedWorkspace"/>): a coordinator and two shards, each a
/// server of its own on loopback. The demo company imported and analyzed there gets the classes and scores it gets in one
/// PostgreSQL database and in a DuckDB file; its rows are on the shards, and the per-customer aggregates run there.
/// </summary>
public sealed partial class ShardedWorkspaceTests(ShardServers servers, SharedPostgres postgres) : IClassFixture<ShardServers>
{
    private static readonly SimulationOptions Demo = new() { Customers = 600, Seed = 7 };

    [Fact]
    public void The_demo_company_imported_and_analyzed_on_two_shards_gets_the_classes_and_scores_of_one_database_and_of_DuckDB()
    {
        using var reference = new TempWorkspace();
        StorageContractTests.ImportDemo(reference.Workspace!, reference.Folder, Demo);
        var single = postgres.Server.NewDatabaseUrl();
        try
        {
            using var one = Workspace.Create(single);
            StorageContractTests.ImportDemo(one, reference.Folder, Demo);
            using var sharded = NewShardedWorkspace(out var shards);
            var simulation = StorageContractTests.ImportDemo(sharded, reference.Folder, Demo);

            // Every customer-keyed row is on a shard (the purchase days kept at import too), and each shard holds some: the
            // coordinator's count is the shards' sum.
            foreach (var table in ShardedSchema.Tables.Select(t => t.Table).Where(t => CanonicalTables.Find(t) is not null || t == CustomerDays.Table))
            {
                var perShard = shards.Select(s => Count(s, table)).ToList();
                Assert.Equal(reference.Workspace!.Scalar<long>($"SELECT count(*) FROM {table}"), sharded.Scalar<long>($"SELECT count(*) FROM {table}"));
                Assert.Equal(sharded.Scalar<long>($"SELECT count(*) FROM {table}"), perShard.Sum());
                if (table is "customers" or "orders" or CustomerDays.Table) Assert.All(perShard, n => Assert.True(n > 0, $"{table}: a shard holds no rows ({string.Join(", ", perShard)})"));
            }
            // Importing the same file again adds nothing: the importer finds the present rows on every shard.
            var orders = simulation.Files.First(f => f.Table == "orders");
            var again = new Clientele.Storage.Import.Importer(sharded).Import(CanonicalTables.Orders, orders.Path, new Clientele.Storage.Import.ImportOptions(), cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(0, again.RowsAdded);
            Assert.True(again.RowsAlreadyPresent > 1000, $"{again.RowsAlreadyPresent} orders found present");

            // Each shard notes the statements that write its snapshot rows: the analysis's own COPY on the shard, not the
            // coordinator's INSERTs through postgres_fdw.
            foreach (var shard in shards) Execute(shard, WrittenBy("snapshot_customers") + WrittenBy("snapshot_product_lines"));

            var request = new AnalysisRequest { AsOf = Demo.End.AddDays(-30), CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
            StorageContractTests.AssertSameAnalysis(reference.Workspace!, sharded, request);
            StorageContractTests.AssertSameAnalysis(one, sharded, request);
            // Classified and stored in parts, each part's rows routed to the shards: the snapshot of one pass.
            StorageContractTests.AssertSameAnalysis(one, sharded, request with { CreatedAt = new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc) }, actualPartSize: 150);
            // The snapshot's customers and their product lines are on the shards as well, each row in the shard its bound names,
            // written there by a COPY of the analysis's own (three analyses: a COPY per table, shard and part).
            for (var i = 0; i < shards.Count; i++)
            {
                foreach (var table in new[] { "snapshot_customers", "snapshot_product_lines" })
                {
                    Assert.True(Count(shards[i], table) > 0, $"{table} has no row on shard {i}");
                    Assert.Equal(0, sharded.Scalar<long>(
                        $"SELECT count(*) FROM (SELECT customer_id FROM {table}_shard_{i} OFFSET 0) AS s WHERE NOT satisfies_hash_partition('{table}'::regclass, 2, {i}, customer_id)"));
                    var writes = (string)Execute(shards[i], $"SELECT string_agg(statement, ' | ') FROM written_by WHERE written = '{table}'")!;
                    Assert.True(Regex.Count(writes, Regex.Escape($"COPY \"{table}\" (")) >= 3 && !writes.Contains("INSERT", StringComparison.OrdinalIgnoreCase), writes);
                }
            }
            Assert.Equal(sharded.Scalar<long>("SELECT count(*) FROM snapshot_customers"), shards.Sum(s => Count(s, "snapshot_customers")));
        }
        finally
        {
            postgres.Server.DropDatabase(single);
        }
    }

    [Fact]
    public void Events_applied_live_an_erasure_and_an_undo_on_two_shards_change_what_they_change_in_a_DuckDB_file()
    {
        using var reference = new TempWorkspace();
        StorageContractTests.ImportDemo(reference.Workspace!, reference.Folder, Demo);
        using var sharded = NewShardedWorkspace(out var shards);
        StorageContractTests.ImportDemo(sharded, reference.Folder, Demo);
        StorageContractTests.AssertSameAnalysis(reference.Workspace!, sharded, new AnalysisRequest { CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) });
        var lost = reference.Workspace!.Scalar<string>("SELECT customer_id FROM snapshot_customers WHERE churn_status = 'lost' AND orders >= 2 ORDER BY customer_id LIMIT 1")!;
        var referrer = reference.Workspace!.Scalar<string>("SELECT customer_id FROM snapshot_customers WHERE orders >= 1 ORDER BY customer_id DESC LIMIT 1")!;
        // A subsidiary's order: its parents' group values move through the shards' rows too.
        var subsidiary = reference.Workspace!.Scalar<string>("SELECT customer_id FROM customers WHERE parent_id IS NOT NULL ORDER BY customer_id LIMIT 1")!;
        // A party down a supply chain that buys: those it sells on to move up the chain on the shards' rows too.
        var reseller = reference.Workspace!.Scalar<string>("SELECT customer_id FROM snapshot_customers WHERE supply_chain = 'indirect' AND supply_chain_sells_on > 0 AND orders = 0 ORDER BY customer_id LIMIT 1")!;
        var day = Demo.End.AddDays(3);
        var batch = $$"""
            {
              "orders": [
                { "order_id": "L-1", "customer_id": "{{lost}}", "ordered_at": "{{day:yyyy-MM-dd}}", "amount": 250 },
                { "order_id": "L-2", "customer_id": "NEW-1", "ordered_at": "{{day:yyyy-MM-dd}}", "amount": 75 },
                { "order_id": "L-3", "customer_id": "{{subsidiary}}", "ordered_at": "{{day:yyyy-MM-dd}}", "amount": 3100, "margin": 900 },
                { "order_id": "L-4", "customer_id": "{{reseller}}", "ordered_at": "{{day:yyyy-MM-dd}}", "amount": 520 }
              ],
              "referrals": [ { "referrer_id": "{{referrer}}", "referred_id": "NEW-1", "occurred_at": "{{day:yyyy-MM-dd}}" } ]
            }
            """;
        var at = new DateTime(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc);
        var (want, import) = StorageContractTests.StoreLive(reference.Workspace!, batch, at);
        var (got, _) = StorageContractTests.StoreLive(sharded, batch, at);
        Assert.Contains(got.Changes, c => c.CustomerId == lost && c.To == "active");
        Assert.Equal(want.Changes, got.Changes);
        Assert.True(got.ParentsMoved >= 1, $"{got.ParentsMoved} parents moved");
        Assert.Equal(want.ParentsMoved, got.ParentsMoved);
        Assert.True(got.ChainMoved > 0, "nobody moved up the chain below the reseller");
        Assert.Equal(want.ChainMoved, got.ChainMoved);
        StorageContractTests.AssertSameLiveRows(reference.Workspace!, sharded);
        StorageContractTests.AssertCustomersCounted(sharded);

        foreach (var w in new[] { reference.Workspace!, sharded })
        {
            Clientele.Storage.Removal.CustomerErasure.Apply(w, lost, "dpo", at.AddHours(1));
            Clientele.Storage.Removal.ImportUndo.Apply(w, (int)import, "ana", at.AddHours(2));
        }
        StorageContractTests.AssertSameLiveRows(reference.Workspace!, sharded);
        StorageContractTests.AssertCustomersCounted(sharded);
        Assert.Equal(SnapshotQuery.List(reference.Workspace!)[^1].Customers, SnapshotQuery.List(sharded)[^1].Customers);
        Assert.Equal(0, shards.Sum(s => (long)Execute(s, $"SELECT count(*) FROM orders WHERE customer_id IN ('{lost}', 'NEW-1')")!));
        Assert.Equal(reference.Workspace!.Scalar<long>("SELECT count(*) FROM orders"), sharded.Scalar<long>("SELECT count(*) FROM orders"));
    }

    [Fact]
    public void The_summary_s_per_customer_aggregates_run_on_the_shards_at_once()
    {
        using var data = new TempWorkspace(create: false);
        using var sharded = NewShardedWorkspace(out var shards);
        StorageContractTests.ImportDemo(sharded, data.Folder, Demo with { Customers = 100 });
        // What each shard's autovacuum does soon after a load: the statistics the coordinator's plans ask the shards for.
        foreach (var shard in shards) Execute(shard, "ANALYZE");
        var day = CustomerSummaryQuery.LastOrderDay(sharded)!.Value;
        var sql = CustomerSummaryQuery.Sql(sharded.Dialect, CanonicalTables.InteractionKinds);
        using var command = sharded.Command("EXPLAIN (VERBOSE) " + sql,
            ("as_of", day.ToDateTime(TimeOnly.MinValue)), ("next_day", day.AddDays(1).ToDateTime(TimeOnly.MinValue)), ("unit", 1.0));
        var plan = new List<string>();
        using (var reader = command.ExecuteReader())
            while (reader.Read()) plan.Add(reader.GetString(0));
        var text = string.Join('\n', plan);
        // Each shard answers its part of every per-customer GROUP BY over the orders' tables, both shards at once: each aggregate
        // is an Async Foreign Scan whose remote SQL groups by the customer, once per shard — the purchases over the purchase days
        // kept at import (first and last day, days, orders, revenue, first day's spend, margin) and the returns' counts and amounts.
        AssertPushedDown(plan, "SELECT customer_id, min(day), max(day), count(*)", "FROM public.customer_days", text);
        AssertPushedDown(plan, "SELECT customer_id, count(*), sum(", "FROM public.orders", text);
        AssertPushedDown(plan, "SELECT customer_id, count(*) FILTER (WHERE", "FROM public.interactions", text);
        // The coordinator's sessions on the shards, which run those aggregates, get the work memory of the workspace's own
        // sessions rather than PostgreSQL's 4 MB default (docs/postgres.md).
        using (var options = sharded.Command("SELECT string_agg(array_to_string(srvoptions, ' '), ' | ') FROM pg_foreign_server"))
        {
            var servers = (string)options.ExecuteScalar()!;
            Assert.Equal(shards.Count, servers.Split(" | ").Count(o => o.Contains($"options=-c work_mem={PostgresDatabase.WorkMemoryMegabytes}MB", StringComparison.Ordinal)));
        }
        // And the whole summary on the shards is the summary of the same rows in one database.
        using var one = new TempWorkspace();
        StorageContractTests.ImportDemo(one.Workspace!, data.Folder, Demo with { Customers = 100 });
        var expected = CustomerSummaryQuery.Run(one.Workspace!, day);
        var actual = CustomerSummaryQuery.Run(sharded, day);
        Assert.Equal(expected.CustomerId, actual.CustomerId);
        Assert.Equal(expected.Frequency, actual.Frequency);
        Assert.Equal(expected.Revenue, actual.Revenue);
    }

    [Fact]
    public void A_workspace_cannot_be_distributed_on_a_database_without_Citus_and_nothing_is_made()
    {
        var url = servers.Coordinator.NewDatabaseUrl();
        using (var connection = new NpgsqlConnection(servers.Coordinator.ConnectionString()))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = $"CREATE DATABASE \"{new Uri(url).AbsolutePath.TrimStart('/')}\"";
            create.ExecuteNonQuery();
        }
        var error = Assert.Throws<WorkspaceException>(() => ShardedWorkspace.CreateOnCitus(url));
        Assert.Contains("has no Citus extension", error.Message, StringComparison.Ordinal);
        Assert.Contains("CREATE EXTENSION citus", error.Message, StringComparison.Ordinal);
        Assert.False(Workspace.Exists(url));
    }

    [Fact]
    public void A_shard_that_holds_a_workspace_s_tables_is_refused_before_anything_is_made()
    {
        using var first = NewShardedWorkspace(out var shards);
        var coordinator = servers.Coordinator.NewDatabaseUrl();
        var error = Assert.Throws<WorkspaceException>(() => ShardedWorkspace.Create(coordinator, [servers.Shards[0].NewDatabaseUrl(), shards[1]]));
        Assert.Contains("holds tables of a workspace already", error.Message, StringComparison.Ordinal);
        Assert.False(Workspace.Exists(coordinator));
    }

    [Fact]
    public void A_refused_file_leaves_no_row_on_any_shard_and_a_sharded_workspace_of_an_older_schema_is_not_half_upgraded()
    {
        using var files = new TempWorkspace(create: false);
        var url = servers.Coordinator.NewDatabaseUrl();
        var shards = servers.Shards.Select(s => s.NewDatabaseUrl()).ToList();
        using (var sharded = ShardedWorkspace.Create(url, shards))
        {
            var orders = Path.Combine(files.Folder, "orders.csv");
            File.WriteAllText(orders, "order_id,customer_id,ordered_at,amount\n" +
                                      string.Concat(Enumerable.Range(1, 50).Select(i => $"O{i},C{i},2025-01-02,{i}\n")) + "O51,C51,2025-13-40,1\n");
            Assert.Throws<Clientele.Storage.Import.ImportFailedException>(() =>
                new Clientele.Storage.Import.Importer(sharded).Import(CanonicalTables.Orders, orders, new Clientele.Storage.Import.ImportOptions(),
                    cancellationToken: TestContext.Current.CancellationToken));
            Assert.All(shards, s => Assert.Equal(0, Count(s, "orders") + Count(s, "customers")));
            Assert.Empty(sharded.Imports());
            // Schema 12: its upgrade to 13 adds a table, which the shards would not have.
            sharded.Execute("UPDATE clientele_meta SET value = '12' WHERE key = 'schema_version'");
        }
        var error = Assert.Throws<WorkspaceException>(() => Workspace.Open(url));
        Assert.Contains("upgrades a sharded workspace's shards from version 13 only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sharded_workspace_made_without_the_lookups_gets_them_on_every_shard_when_opened()
    {
        var url = servers.Coordinator.NewDatabaseUrl();
        var shards = servers.Shards.Select(s => s.NewDatabaseUrl()).ToList();
        string[] lookups = ["customers_import_id", "orders_order_id", "orders_import_id", "orders_row_hash", "interactions_interaction_id", "interactions_import_id", "interactions_row_hash"];
        using (var sharded = ShardedWorkspace.Create(url, shards))
        {
            // As a build before the lookups made it: schema 13, each shard with its keys and customer indexes alone, the
            // coordinator without the buying roles' index.
            foreach (var shard in shards) Execute(shard, string.Concat(lookups.Select(l => $"DROP INDEX {l};")));
            sharded.Execute("DROP INDEX snapshot_buying_roles_customer");
            sharded.Execute("UPDATE clientele_meta SET value = '13' WHERE key = 'schema_version'");
        }
        var names = $"('{string.Join("', '", lookups)}')";
        Assert.All(shards, s => Assert.Equal(0, Count(s, $"pg_indexes WHERE indexname IN {names}")));
        using (var opened = Workspace.Open(url))
        {
            Assert.Equal(14, opened.SchemaVersion);
            Assert.Equal(1, opened.Scalar<long>("SELECT count(*) FROM pg_indexes WHERE indexname = 'snapshot_buying_roles_customer'"));
        }
        Assert.All(shards, s => Assert.Equal(lookups.Length, Count(s, $"pg_indexes WHERE indexname IN {names}")));
        // Each shard keeps the indexes it had, once.
        Assert.All(shards, s => Assert.Equal(1, Count(s, "pg_indexes WHERE indexname = 'orders_customer'")));
    }

    [Fact]
    public void The_shard_the_importer_computes_for_a_customer_id_is_the_partition_PostgreSQL_picks()
    {
        using var sharded = NewShardedWorkspace(out _);
        var random = new Random(15);
        var ids = new List<string> { "", "C1", "é", "中文ID", "Zoë-Ålesund", new string('x', 700), "O'Brien" };
        ids.AddRange(Enumerable.Range(0, 400).Select(i => new string([.. Enumerable.Range(0, i % 40).Select(_ => (char)random.Next(32, 0x2FF))])));
        foreach (var modulus in new[] { 2, 3, 7 })
        {
            foreach (var id in ids)
            {
                var remainder = PartitionHash.Remainder(id, modulus);
                using var command = sharded.Command($"SELECT satisfies_hash_partition('orders'::regclass, {modulus}, {remainder}, $id::varchar)", ("id", id));
                Assert.True((bool)command.ExecuteScalar()!, $"'{id}' is not in remainder {remainder} of {modulus}");
            }
        }
    }

    [Fact]
    public void Orders_imported_on_two_shards_are_each_in_the_shard_its_bound_names_and_importing_them_again_adds_none()
    {
        using var files = new TempWorkspace(create: false);
        using var sharded = NewShardedWorkspace(out var shards);
        var path = Path.Combine(files.Folder, "orders.csv");
        File.WriteAllText(path, "order_id,customer_id,ordered_at,amount,status\n" + string.Concat(Enumerable.Range(1, 3000).Select(i =>
            $"O{i},{(i % 400 % 11 == 0 ? "Zoë" : "C")}{i % 400},2025-{1 + i % 12:00}-{1 + i % 27:00},{i % 97}.25,{(i % 13 == 0 ? "returned" : "completed")}\n")));
        var first = Import(sharded, path);
        Assert.Equal((3000L, 400L), (first.RowsAdded, first.CustomersCreated));
        for (var i = 0; i < shards.Count; i++)
        {
            foreach (var table in new[] { "orders", "customers", CustomerDays.Table })
            {
                Assert.True(Count(shards[i], table) > 0, $"{table} has no row on shard {i}");
                // Tested on the coordinator (OFFSET 0 keeps postgres_fdw from sending the test, with the coordinator's table oid, to the shard).
                Assert.Equal(0, sharded.Scalar<long>(
                    $"SELECT count(*) FROM (SELECT customer_id FROM {table}_shard_{i} OFFSET 0) AS s WHERE NOT satisfies_hash_partition('{table}'::regclass, 2, {i}, customer_id)"));
            }
        }
        AssertDaysAreTheOrders(sharded);

        // The same rows in another file (so not skipped as the same file): every one found present on its shard.
        File.AppendAllText(path, "\n");
        var again = Import(sharded, path);
        Assert.Equal((0L, 3000L, 0L), (again.RowsAdded, again.RowsAlreadyPresent, again.CustomersCreated));
        // An order id stored before with one customer, now with another (so in the other shard): present, as in one database.
        var moved = Enumerable.Range(1, 399).Where(n => n % 11 != 0).Select(n => $"C{n}").First(c => PartitionHash.Remainder(c, 2) != PartitionHash.Remainder("C1", 2));
        var next = Path.Combine(files.Folder, "next.csv");
        File.WriteAllText(next, $"order_id,customer_id,ordered_at,amount\nO1,{moved},2025-06-01,5\nN1,C1,2025-06-02,7\nN2,NEW,2025-06-03,9\n");
        var third = Import(sharded, next);
        Assert.Equal((2L, 1L, 1L), (third.RowsAdded, third.RowsAlreadyPresent, third.CustomersCreated));
        Assert.Equal(3002, shards.Sum(s => Count(s, "orders")));
        Assert.Equal(401, shards.Sum(s => Count(s, "customers")));
        AssertDaysAreTheOrders(sharded);
        Assert.Equal(3, sharded.Imports().Count);
    }

    /// <summary>An orders file in <paramref name="folder"/> of <paramref name="rows"/> orders (O1, O2, ...) spread over <paramref name="customers"/> customers in January 2025.</summary>
    private static string OrdersFile(string folder, int rows, int customers)
    {
        var path = Path.Combine(folder, "orders.csv");
        File.WriteAllText(path, "order_id,customer_id,ordered_at,amount\n" +
            string.Concat(Enumerable.Range(1, rows).Select(i => $"O{i},C{i % customers},2025-01-{1 + i % 28:00},{i % 90}\n")));
        return path;
    }

    [Fact]
    public void An_import_cancelled_or_cut_off_by_a_shard_while_its_rows_are_on_the_shards_leaves_no_row_on_any_shard()
    {
        using var files = new TempWorkspace(create: false);
        using var sharded = NewShardedWorkspace(out var shards);
        var path = OrdersFile(files.Folder, rows: 60_000, customers: 5000);
        var writing = new List<long>();
        using (var cancel = new CancellationTokenSource())
        {
            // Cancelled once rows have reached the shards' open transactions (as a killed import's connections end: rolled back).
            var progress = new SyncProgress(p => { if (p.Rows > 0 && !cancel.IsCancellationRequested) { writing.Add(OpenWrites(shards)); cancel.Cancel(); } });
            Assert.ThrowsAny<OperationCanceledException>(() => new Clientele.Storage.Import.Importer(sharded).Import(CanonicalTables.Orders, path,
                new Clientele.Storage.Import.ImportOptions(), progress, cancel.Token));
        }
        Assert.True(writing.Single() == shards.Count, $"{writing.Single()} shards had the import's transaction open when it was cancelled");
        Assert.All(shards, s => Assert.Equal(0, Count(s, "orders") + Count(s, "customers") + Count(s, CustomerDays.Table)));
        Assert.Empty(sharded.Imports());

        // A shard that ends the import's session mid-load (its server restarted, the connection cut): the import fails, and no
        // shard keeps a row.
        var cut = new SyncProgress(p => { if (p.Rows > 0) Execute(shards[1], "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"); });
        Assert.ThrowsAny<Exception>(() => new Clientele.Storage.Import.Importer(sharded).Import(CanonicalTables.Orders, path,
            new Clientele.Storage.Import.ImportOptions(), cut, TestContext.Current.CancellationToken));
        Assert.All(shards, s => Assert.Equal(0, Count(s, "orders") + Count(s, "customers") + Count(s, CustomerDays.Table)));
        Assert.Empty(sharded.Imports());
        Assert.Equal(60_000, Import(sharded, path).RowsAdded);
        Assert.Equal(60_000, shards.Sum(s => Count(s, "orders")));
    }

    [Fact]
    public void An_import_whose_connection_to_the_second_shard_ends_at_its_commit_leaves_the_first_shard_s_rows_unrecorded_and_says_so()
    {
        using var files = new TempWorkspace(create: false);
        using var sharded = NewShardedWorkspace(out var shards);
        var path = OrdersFile(files.Folder, rows: 400, customers: 50);
        // The second shard ends the import's session when its transaction commits (a deferred trigger checks at commit), after
        // the first shard's commit and before the coordinator's: the window docs/scale-out.md describes.
        Execute(shards[1], """
            CREATE FUNCTION end_session() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NULL; END $$;
            CREATE CONSTRAINT TRIGGER end_at_commit AFTER INSERT ON orders DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION end_session();
            """);
        var failure = Assert.ThrowsAny<Exception>(() => Import(sharded, path));

        var message = WorkspaceUnavailableException.From(failure, sharded.Path)?.Message;
        Assert.StartsWith($"lost the connection to {sharded.Path}: 57P01: ", message, StringComparison.Ordinal);
        Assert.Contains("The import's shards that had committed before hold its rows, which no import records: docs/scale-out.md says how to remove them.",
            message, StringComparison.Ordinal);
        Assert.True(Count(shards[0], "orders") > 0);
        Assert.Equal(0, Count(shards[1], "orders"));
        Assert.Empty(sharded.Imports());
    }

    [Fact]
    public void An_analysis_whose_connection_to_the_second_shard_ends_at_its_commit_says_what_the_shards_hold_and_the_next_analysis_replaces_it()
    {
        using var files = new TempWorkspace(create: false);
        using var sharded = NewShardedWorkspace(out var shards);
        StorageContractTests.ImportDemo(sharded, files.Folder, Demo);
        var request = new AnalysisRequest { AsOf = Demo.End.AddDays(-30), CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
        var customers = AnalysisRunner.Run(sharded, request, cancellationToken: TestContext.Current.CancellationToken).Context.Customers;
        var day = request.AsOf!.Value.ToDateTime(TimeOnly.MinValue);
        var perShard = shards.Select(s => Count(s, "snapshot_customers")).ToList();
        Assert.Equal(customers, perShard.Sum());

        // The second shard ends the analysis's session when its transaction commits: after the first shard's commit, before the
        // coordinator's.
        Execute(shards[1], """
            CREATE FUNCTION end_session() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NULL; END $$;
            CREATE CONSTRAINT TRIGGER end_at_commit AFTER INSERT ON snapshot_customers DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION end_session();
            """);
        var failure = Assert.ThrowsAny<Exception>(() => AnalysisRunner.Run(sharded, request with { CreatedAt = new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc) },
            cancellationToken: TestContext.Current.CancellationToken));
        var message = WorkspaceUnavailableException.From(failure, sharded.Path)?.Message;
        Assert.StartsWith($"lost the connection to {sharded.Path}: 57P01: ", message, StringComparison.Ordinal);
        Assert.Contains(PostgresFailure.AnalysisPartlyCommitted, message, StringComparison.Ordinal);
        // The coordinator keeps the first analysis's record; the first shard holds the second's rows in place of the first's
        // (replaced, not added), the second shard the first's.
        Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), sharded.Scalar<DateTime>($"SELECT created_at FROM snapshots WHERE as_of = DATE '{day:yyyy-MM-dd}'"));
        Assert.Equal(perShard, shards.Select(s => Count(s, "snapshot_customers")).ToList());

        Execute(shards[1], "DROP TRIGGER end_at_commit ON snapshot_customers");
        AnalysisRunner.Run(sharded, request with { CreatedAt = new DateTime(2026, 1, 3, 0, 0, 0, DateTimeKind.Utc) }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(new DateTime(2026, 1, 3, 0, 0, 0, DateTimeKind.Utc), sharded.Scalar<DateTime>($"SELECT created_at FROM snapshots WHERE as_of = DATE '{day:yyyy-MM-dd}'"));
        Assert.Equal(perShard, shards.Select(s => Count(s, "snapshot_customers")).ToList());
        Assert.Equal(customers, sharded.Scalar<long>("SELECT count(DISTINCT customer_id) FROM snapshot_customers"));
    }

    /// <summary>
    /// Statements for a shard's database: a table <c>written_by</c> (made if missing) and a trigger on <paramref name="table"/> that
    /// notes in it each statement that inserts into the table.
    /// </summary>
    private static string WrittenBy(string table) => $"""
        CREATE TABLE IF NOT EXISTS written_by (written text, statement text);
        CREATE OR REPLACE FUNCTION note_{table}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO written_by VALUES ('{table}', current_query()); RETURN NULL; END $$;
        CREATE TRIGGER note_{table} AFTER INSERT ON {table} FOR EACH STATEMENT EXECUTE FUNCTION note_{table}();
        """;

    [Fact]
    public void A_read_through_the_coordinator_while_a_shard_is_stopped_is_a_lost_connection_that_names_the_workspace_and_imports_go_on_once_it_is_back()
    {
        using var files = new TempWorkspace(create: false);
        using var sharded = NewShardedWorkspace(out var shards);
        string Orders(string prefix)
        {
            var path = Path.Combine(files.Folder, prefix + ".csv");
            File.WriteAllText(path, "order_id,customer_id,ordered_at,amount\n" + string.Concat(Enumerable.Range(1, 100).Select(i => $"{prefix}{i},C{i},2025-01-02,{i}\n")));
            return path;
        }
        Assert.Equal(100, Import(sharded, Orders("A")).RowsAdded); // leaves the import's pooled connections to each shard
        servers.Shards[1].Halt("fast");
        try
        {
            var failure = Assert.ThrowsAny<Exception>(() => sharded.CountRows());
            Assert.StartsWith($"lost the connection to {sharded.Path}: ", WorkspaceUnavailableException.From(failure, sharded.Path)?.Message, StringComparison.Ordinal);
            Assert.Contains("could not connect to server", failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            servers.Shards[1].Resume();
        }
        // The pooled connections to the restarted shard are dead: the import finds so before its first row, and connects again.
        Assert.Equal(100, Import(sharded, Orders("B")).RowsAdded);
        Assert.Equal(200, shards.Sum(s => Count(s, "orders")));
    }

    /// <summary>Asserts that the purchase days kept on the shards are those counted again from the orders.</summary>
    private static void AssertDaysAreTheOrders(Workspace sharded)
    {
        const string Counted = """
            SELECT customer_id, CAST(ordered_at AS DATE) AS day, sum(CAST(amount AS DECIMAL(38, 9))) AS spend, count(*) AS lines
            FROM orders WHERE status = 'completed' GROUP BY 1, 2
            """;
        const string Kept = "SELECT customer_id, day, spend, lines FROM customer_days";
        Assert.Equal(0, sharded.Scalar<long>($"SELECT count(*) FROM (({Counted}) EXCEPT ({Kept})) AS missing"));
        Assert.Equal(0, sharded.Scalar<long>($"SELECT count(*) FROM (({Kept}) EXCEPT ({Counted})) AS extra"));
    }

    private static Clientele.Storage.Import.ImportResult Import(Workspace workspace, string path) =>
        new Clientele.Storage.Import.Importer(workspace).Import(CanonicalTables.Orders, path, new Clientele.Storage.Import.ImportOptions(),
            cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>How many shards have a session other than this one inside a transaction that has written (an import's).</summary>
    private static long OpenWrites(IReadOnlyList<string> shards) => shards.Count(s =>
        (long)Execute(s, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL")! > 0);

    /// <summary>Reports on the importer's own thread, at once.</summary>
    private sealed class SyncProgress(Action<Clientele.Storage.Import.ImportProgress> report) : IProgress<Clientele.Storage.Import.ImportProgress>
    {
        public void Report(Clientele.Storage.Import.ImportProgress value) => report(value);
    }

    /// <summary>
    /// Asserts that an aggregate whose remote SQL starts with <paramref name="select"/> and reads <paramref name="from"/> is
    /// grouped by the customer on each of the two shards, each as an Async Foreign Scan (both shards at once).
    /// </summary>
    private static void AssertPushedDown(List<string> plan, string select, string from, string text, string groupBy = "GROUP BY 1")
    {
        var pushed = plan.Select((line, i) => (line, i))
            .Where(l => l.line.Contains("Remote SQL: " + select, StringComparison.Ordinal) &&
                        l.line.Contains(from, StringComparison.Ordinal) && l.line.TrimEnd().EndsWith(groupBy, StringComparison.Ordinal))
            .ToList();
        Assert.True(pushed.Count == 2, $"{select} ... {from} ... {groupBy} on each shard:\n{text}");
        // The node each remote SQL belongs to is the nearest Foreign Scan above it (VERBOSE prints its output and relations between).
        Assert.All(pushed, p => Assert.True(
            plan.Take(p.i).Last(l => l.Contains("Foreign Scan", StringComparison.Ordinal)).TrimStart().StartsWith("->  Async Foreign Scan", StringComparison.Ordinal), text));
    }

    /// <summary>A new sharded workspace: a new database on the coordinator's server and one on each shard's.</summary>
    private Workspace NewShardedWorkspace(out IReadOnlyList<string> shards)
    {
        shards = [.. servers.Shards.Select(s => s.NewDatabaseUrl())];
        return ShardedWorkspace.Create(servers.Coordinator.NewDatabaseUrl(), shards);
    }

    /// <summary>The rows of a table in a shard's database, asked of the shard itself.</summary>
    private static long Count(string shardUrl, string table) => (long)Execute(shardUrl, $"SELECT count(*) FROM {table}")!;

    /// <summary>Runs a statement in a shard's database, on a connection of its own; returns its first value.</summary>
    private static object? Execute(string shardUrl, string sql)
    {
        var uri = new Uri(shardUrl);
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host, Port = uri.Port, Username = "postgres", Database = uri.AbsolutePath.TrimStart('/'), Pooling = false,
        }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
