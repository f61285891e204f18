using Clientele.Storage.Tests;

namespace Clientele.Cli.Tests;

/// <summary>
/// The CLI given a PostgreSQL workspace (<c>--workspace postgres://...</c> or <c>CLIENTELE_WORKSPACE</c>): the commands
/// ported to PostgreSQL run on a real server (<see cref="SharedPostgres"/>); every other one exits 1 naming those that run,
/// before it connects, and never makes a file of the URL.
/// </summary>
public sealed class PostgresWorkspaceTests(SharedPostgres postgres) : IDisposable
{
    // Port 1 on loopback: nothing listens there, so a command that tried to connect would say it cannot.
    private const string Unreachable = "postgres://clientele@127.0.0.1:1/nowhere";

    private readonly CliRun _cli = new(Unreachable);
    private readonly List<string> _databases = [];

    [Fact]
    public void A_ported_command_on_a_server_that_does_not_answer_says_it_cannot_connect_and_where()
    {
        var (code, _, error) = _cli.Run("status");
        Assert.Equal(CliApp.Unavailable, code);
        Assert.StartsWith("error: cannot connect to postgres://clientele@127.0.0.1:1/nowhere: ", error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(Environment.CurrentDirectory, "postgres*"));
    }

    [Fact]
    public void Init_creates_the_database_and_its_workspace_and_the_ported_commands_run_on_it()
    {
        var url = Database();
        var (code, output, error) = _cli.Run("init", "--workspace", url);
        Assert.True(code == 0, error);
        Assert.Contains($"Created workspace {url} (schema version ", output, StringComparison.Ordinal);
        Assert.Contains("is a workspace already", _cli.Run("init", "--workspace", url).Out, StringComparison.Ordinal);

        var status = _cli.Run("status", "--workspace", url);
        Assert.Equal(0, status.Code);
        Assert.Contains($"Workspace {url} (schema version", status.Out, StringComparison.Ordinal);
        Assert.Contains("No imports yet", status.Out, StringComparison.Ordinal);

        var noOrders = _cli.Run("summary", "--workspace", url);
        Assert.Equal((1, "error: the workspace has no orders"), (noOrders.Code, noOrders.Error.Split(',')[0]));
        var empty = _cli.Run("summary", "--as-of", "2025-01-01", "--format", "csv", "--workspace", url);
        Assert.Equal(0, empty.Code);
        Assert.StartsWith("customer_id,", empty.Out, StringComparison.Ordinal);

        Assert.Equal(0, _cli.Run("currency", "EUR", "--workspace", url).Code);
        Assert.Contains("Currency EUR", _cli.Run("currency", "--workspace", url).Out, StringComparison.Ordinal);

        var unknown = _cli.Run("override", "C1", "--dimension", "value_class", "--class", "BZC", "--reason", "traffic", "--workspace", url);
        Assert.Equal((1, "error: unknown customer 'C1'"), (unknown.Code, unknown.Error.Split(':')[0] + ":" + unknown.Error.Split(':')[1]));
        Assert.Equal(0, _cli.Run("override", "--list", "--workspace", url).Code);

        var reset = _cli.Run("users", "reset-password", "nobody", "--workspace", url);
        Assert.Equal(1, reset.Code);
        Assert.StartsWith("error: there is no user named 'nobody'", reset.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_demo_company_imported_and_analyzed_on_PostgreSQL_reads_as_it_does_in_a_DuckDB_file()
    {
        var url = Database();
        var duckdb = Path.Combine(_cli.Folder, "same.duckdb");
        var simulation = Clientele.Simulation.CompanySimulator.WriteFiles(new Clientele.Simulation.SimulationOptions { Customers = 400, Seed = 5 },
            Path.Combine(_cli.Folder, "data"), cancellationToken: TestContext.Current.CancellationToken);
        foreach (var file in simulation.Files.Where(f => !f.Table.StartsWith("truth_", StringComparison.Ordinal)))
            foreach (var workspace in new[] { url, duckdb })
            {
                var imported = _cli.Run("import", file.Table, file.Path, "--workspace", workspace);
                Assert.True(imported.Code == 0, imported.Error);
            }
        foreach (var workspace in new[] { url, duckdb })
        {
            var analyzed = _cli.Run("analyze", "--workspace", workspace);
            Assert.True(analyzed.Code == 0, analyzed.Error);
        }
        var id = _cli.Run("customers", "--format", "csv", "--top", "1", "--where", "value_tier=VIP", "--workspace", duckdb).Out.Split('\n')[1].Split(',')[0];
        AssertSameOutput(duckdb, url, "customers --format csv --top 0", "customers --sort name --top 30 --offset 10", $"customer {id}", "segments", "options", "changes", "changes --format json",
            "concerns", "concerns --dimension value_tier --top 3", "referrals thank --format csv", "referrals ask", "referrals results",
            $"model evaluate --calibration-end {new Clientele.Simulation.SimulationOptions().End.AddDays(-180):yyyy-MM-dd}");
        var reports = new[] { duckdb, url }.Select((workspace, i) =>
        {
            var file = Path.Combine(_cli.Folder, $"report{i}.html");
            var run = _cli.Run("report", "--out", file, "--workspace", workspace);
            Assert.True(run.Code == 0, run.Error);
            return (run.Out.Replace(file, "FILE", StringComparison.Ordinal), File.ReadAllText(file));
        }).ToList();
        Assert.Equal(reports[0], reports[1]);
        // Each engine ran its own analysis, whose figures agree to 1e-9, not to the last bit: the files' rows are compared as
        // DuckDB reads them back, every number to a relative 1e-9 and everything else exactly (the storage contract compares
        // the bytes of exports of the same snapshot).
        var exported = new[] { duckdb, url }.Select((workspace, i) =>
        {
            var file = Path.Combine(_cli.Folder, $"export{i}.csv");
            var run = _cli.Run("export", "--out", file, "--workspace", workspace);
            Assert.True(run.Code == 0, run.Error);
            return (Output: run.Out.Replace(file, "FILE", StringComparison.Ordinal), Rows: ExportedRows(file));
        }).ToList();
        Assert.Equal(exported[0].Output, exported[1].Output);
        Assert.Equal(exported[0].Rows.Count, exported[1].Rows.Count);
        for (var r = 0; r < exported[0].Rows.Count; r++)
            for (var c = 0; c < exported[0].Rows[r].Length; c++)
            {
                var (want, got) = (exported[0].Rows[r][c], exported[1].Rows[r][c]);
                if (want is double x && got is double y) Assert.True(Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Abs(x)), $"row {r} column {c}: {x:R} vs {y:R}");
                else Assert.Equal(want, got);
            }

        // An order imported after the analysis re-classifies its customer at once, on both alike.
        var late = _cli.File("late.csv", $"customer_id,ordered_at,amount\n{id},2026-01-03,120\n");
        var live = new[] { duckdb, url }.Select(w => _cli.Run("import", "orders", late, "--workspace", w)).ToList();
        Assert.All(live, r => Assert.True(r.Code == 0, r.Error));
        static string LiveLine(string output) => output.Split('\n').Single(l => l.StartsWith("Updated live with the analysis of ", StringComparison.Ordinal));
        Assert.Equal(LiveLine(live[0].Out), LiveLine(live[1].Out));
        AssertSameOutput(duckdb, url, $"customer {id}", "customers --format csv --top 0", "changes");
    }

    /// <summary>
    /// Each command line prints the same, exit code, output and errors, on both workspaces — but for the clock times in it
    /// (when each workspace was analyzed or imported into, "2026-12-06 03:32 UTC"), which may fall in different minutes.
    /// </summary>
    private void AssertSameOutput(string expectedWorkspace, string actualWorkspace, params string[] lines)
    {
        foreach (var line in lines)
        {
            var args = line.Split(' ');
            var expected = _cli.Run([.. args, "--workspace", expectedWorkspace]);
            var actual = _cli.Run([.. args, "--workspace", actualWorkspace]);
            Assert.True(expected.Code == 0, expected.Error);
            Assert.True(actual.Code == 0, actual.Error);
            AssertSameRun(expected, actual);
        }
    }

    /// <summary>Two runs' exit codes, output and errors the same but for clock times ("2026-12-06 03:32").</summary>
    private static void AssertSameRun((int Code, string Out, string Error) expected, (int Code, string Out, string Error) actual)
    {
        static string Clockless(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?", "TIME");
        Assert.Equal((expected.Code, Clockless(expected.Out), Clockless(expected.Error)), (actual.Code, Clockless(actual.Out), Clockless(actual.Error)));
    }

    /// <summary>The rows of an exported CSV file as DuckDB reads them, by customer id.</summary>
    private static List<object?[]> ExportedRows(string file)
    {
        using var duckdb = new DuckDB.NET.Data.DuckDBConnection("DataSource=:memory:");
        duckdb.Open();
        using var command = duckdb.CreateCommand();
        command.CommandText = $"SELECT * FROM read_csv('{file}') ORDER BY customer_id";
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var c = 0; c < row.Length; c++) row[c] = reader.IsDBNull(c) ? null : reader.GetValue(c);
            rows.Add(row);
        }
        return rows;
    }

    [Fact]
    public void Import_stores_a_file_once_names_a_bad_value_by_line_and_column_and_the_summary_reads_it()
    {
        var url = Database();
        var orders = _cli.File("orders.csv", "customer_id,ordered_at,amount\nC1,2024-01-05,10\nC1,2024-03-05,12\nC2,2024-02-01,5.5\n");
        var first = _cli.Run("import", "orders", orders, "--workspace", url);
        Assert.True(first.Code == 0, first.Error);
        Assert.Contains($"Created workspace {url}.", first.Error, StringComparison.Ordinal);
        Assert.Contains("3 rows read, 3 added, 0 updated, 0 already present, 0 rejected", first.Out, StringComparison.Ordinal);
        Assert.Contains("Created 2 customers", first.Out, StringComparison.Ordinal);
        Assert.Contains("is identical to import #1", _cli.Run("import", "orders", orders, "--workspace", url).Out, StringComparison.Ordinal);

        var bad = _cli.File("bad.csv", "customer_id,ordered_at,amount\nC3,2024-04-01,1\nC3,01/04/2024,2\n");
        var refused = _cli.Run("import", "orders", bad, "--workspace", url);
        Assert.Equal(1, refused.Code);
        Assert.Contains($"{bad}:3:2 (ordered_at): '01/04/2024' is not an ISO date", refused.Error, StringComparison.Ordinal);

        Assert.Equal(3, Counts(url)["orders"]);
        var summary = _cli.Run("summary", "--as-of", "2024-06-30", "--format", "csv", "--workspace", url);
        Assert.Equal(0, summary.Code);
        Assert.Equal(3, summary.Out.Trim().Split('\n').Length);
    }

    [Fact]
    public void Erasure_and_undo_run_on_PostgreSQL_and_say_and_do_what_they_do_in_a_DuckDB_file()
    {
        var url = Database();
        var duckdb = Path.Combine(_cli.Folder, "same.duckdb");
        var customers = _cli.File("customers.csv", "customer_id,name,referred_by\nC1,Ada,\nC2,Bolt,C1\n");
        var orders = _cli.File("orders.csv", "customer_id,ordered_at,amount\nC1,2024-01-05,10\nC2,2024-03-05,12\nC3,2024-02-01,5.5\n");
        foreach (var workspace in new[] { url, duckdb })
            foreach (var (table, file) in new[] { ("customers", customers), ("orders", orders) })
                Assert.Equal(0, _cli.Run("import", table, file, "--workspace", workspace).Code);

        foreach (var line in new[] { "erase C1", "erase C1 --yes", "import --undo 2", "import --undo 2 --yes" })
        {
            var args = line.Split(' ');
            // The undo names when the import was made: each workspace's own minute.
            AssertSameRun(_cli.Run([.. args, "--workspace", duckdb]), _cli.Run([.. args, "--workspace", url]));
            Assert.Equal(Counts(duckdb), Counts(url));
        }
        Assert.Equal(new Dictionary<string, long> { ["customers"] = 1, ["orders"] = 0 }, Counts(url).Where(p => p.Key is "customers" or "orders").ToDictionary());
        Assert.StartsWith("error: unknown customer 'C1'", _cli.Run("erase", "C1", "--yes", "--workspace", url).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_demo_builds_its_company_in_a_new_database_as_in_a_file_and_will_not_drop_one()
    {
        var url = Database();
        var duckdb = Path.Combine(_cli.Folder, "demo.duckdb");
        var runs = new[] { duckdb, url }.Select(w => _cli.Run("demo", "--customers", "300", "--data", Path.Combine(_cli.Folder, "demo-data"), "--workspace", w)).ToList();
        Assert.All(runs, r => Assert.True(r.Code == 0, r.Error));
        Assert.Contains($"into {url}.", runs[1].Out, StringComparison.Ordinal);
        // The same overview and first look, but for the workspace's name and the times taken ("imported 11 tables in 4 s", "in 2 s:").
        static string Same(string output, string workspace) => System.Text.RegularExpressions.Regex.Replace(output.Replace(workspace, "W", StringComparison.Ordinal), @" in \d+(\.\d+)? s\b", " in N s");
        Assert.Equal(Same(runs[0].Out, duckdb), Same(runs[1].Out, url));
        AssertSameOutput(duckdb, url, "customers --format csv --top 0");

        var replace = _cli.Run("demo", "--customers", "300", "--replace", "--workspace", url);
        Assert.Equal(1, replace.Code);
        Assert.StartsWith("error: --replace deletes a workspace file; Clientele never drops a PostgreSQL database.", replace.Error, StringComparison.Ordinal);
        Assert.Contains("It is imported already", _cli.Run("demo", "--customers", "300", "--no-analyze", "--workspace", url).Out, StringComparison.Ordinal);
    }

    private Dictionary<string, long> Counts(string url) =>
        System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, long>>(_cli.Run("status", "--format", "json", "--workspace", url).Out)!;

    [Theory]
    [InlineData("import orders: 20%")]
    [InlineData("storing")]
    public void A_killed_import_leaves_the_database_as_it_was(string stage)
    {
        var url = Database();
        Assert.Equal(0, _cli.Run("import", "orders", _cli.File("small.csv", "order_id,customer_id,ordered_at,amount\nS1,C1,2024-01-05,10\n"), "--workspace", url).Code);
        var before = Counts(url);
        var big = KilledImport.BigOrders(_cli.Folder, 1_500_000);
        KilledImport.KillDuring(url, big, stage);
        Assert.Equal(before, Counts(url));
        Assert.Contains("small.csv", _cli.Run("status", "--workspace", url).Out, StringComparison.Ordinal);
        // The killed client's rows were in the server: a new import of the whole file succeeds and adds every row once.
        var again = _cli.Run("import", "orders", big, "--no-live", "--workspace", url);
        Assert.True(again.Code == 0, again.Error);
        Assert.Contains("1,500,000 rows read, 1,500,000 added", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_database_without_a_workspace_is_refused_with_what_to_do()
    {
        var url = Database();
        var (code, _, error) = _cli.Run("status", "--workspace", url);
        Assert.Equal(1, code);
        Assert.Contains("does not exist. Create it with `clientele init`", error, StringComparison.Ordinal);
    }

    private string Database()
    {
        var url = postgres.Server.NewDatabaseUrl();
        _databases.Add(url);
        return url;
    }

    public void Dispose()
    {
        foreach (var url in _databases) postgres.Server.DropDatabase(url);
        _cli.Dispose();
    }
}
