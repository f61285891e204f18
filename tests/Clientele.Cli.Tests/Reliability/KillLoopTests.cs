using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;

namespace Clientele.Cli.Tests.Reliability;

/// <summary>
/// <c>kill -9</c> loops on the real executable: <c>clientele import</c> and <c>clientele analyze</c> killed at seeded random
/// moments (the seed changes each day, CLIENTELE_FUZZ_SEED repeats one), the last run of each loop left to finish. After
/// every run the workspace opens and is as before or as after the command, never between.
/// </summary>
public sealed class KillLoopTests(ITestOutputHelper output) : IDisposable
{
    private const int Kills = 6;

    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("CLIENTELE_FUZZ_SEED"), CultureInfo.InvariantCulture, out var given)
        ? given
        : int.Parse(DateTime.UtcNow.ToString("yyyyMMdd", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private readonly CliRun _cli = new();

    /// <summary>Starts the executable, sends SIGKILL after <paramref name="delay"/> (or lets it finish first), and returns whether it finished.</summary>
    private bool RunAndKill(TimeSpan delay, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "clientele.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in (string[])[dll, "--workspace", _cli.Workspace, .. args]) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var finished = process.WaitForExit(delay);
        if (!finished) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        Assert.True(!finished || process.ExitCode == 0, $"seed {Seed}: {string.Join(' ', args)} exited {process.ExitCode}");
        return finished;
    }

    private Dictionary<string, long> Counts()
    {
        var status = _cli.Run("status", "--format", "json");
        Assert.True(status.Code == 0, $"seed {Seed}: the workspace does not open after a kill: {status.Error}");
        return JsonSerializer.Deserialize<Dictionary<string, long>>(status.Out)!;
    }

    private string Orders(int file, int rows)
    {
        var path = Path.Combine(_cli.Folder, $"orders-{file}.csv");
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("order_id,customer_id,ordered_at,amount\n");
        for (var i = 0; i < rows; i++) writer.Write(string.Create(CultureInfo.InvariantCulture, $"F{file}-{i},C{(i * 7 + file) % 40_000},2024-{1 + i % 12:00}-{1 + i % 28:00},{i % 1000}.25\n"));
        return path;
    }

    [Fact]
    public void A_killed_import_leaves_the_workspace_as_before_or_as_after()
    {
        const int rows = 200_000;
        var random = new Random(Seed);
        Assert.Equal(0, _cli.Run("import", "orders", _cli.File("first.csv", "order_id,customer_id,ordered_at,amount\nS1,C1,2024-01-05,10\n")).Code);
        var (killed, completed) = (0, 0);
        var clock = Stopwatch.StartNew();
        for (var run = 0; run < Kills; run++)
        {
            var file = Orders(run, rows);
            var before = Counts();
            var imports = _cli.Run("status").Out;
            var delay = run == Kills - 1 ? TimeSpan.FromMinutes(5) : TimeSpan.FromMilliseconds(random.Next(300, 6_000));
            var finished = RunAndKill(delay, "import", "orders", file);
            var after = Counts();
            var place = $"seed {Seed} (CLIENTELE_FUZZ_SEED={Seed} repeats it), run {run}, killed after {delay.TotalMilliseconds:N0} ms";
            if (after["orders"] == before["orders"])
            {
                Assert.True(!finished, $"{place}: the import finished but stored nothing");
                Assert.True(before.SequenceEqual(after), $"{place}: orders as before but other tables changed");
                Assert.True(imports == _cli.Run("status").Out, $"{place}: an import was recorded without its rows");
            }
            else Assert.True(after["orders"] == before["orders"] + rows, $"{place}: {after["orders"] - before["orders"]:N0} of {rows:N0} rows stored");
            Assert.Empty(Directory.GetFiles(_cli.Folder, ".w.duckdb.import-*"));
            if (finished) completed++;
            else killed++;
        }
        Assert.True(completed > 0, $"seed {Seed}: no import finished");
        output.WriteLine($"seed {Seed}: {Kills} imports of {rows:N0} rows, {killed} killed, {completed} finished, {clock.Elapsed.TotalSeconds:N0} s");
    }

    [Fact]
    public void A_killed_analysis_leaves_no_snapshot_or_a_whole_one()
    {
        var random = new Random(Seed + 1);
        var demo = _cli.Run("demo", "--no-analyze", "--customers", "4000");
        Assert.True(demo.Code == 0, demo.Error);
        var (killed, completed) = (0, 0);
        var clock = Stopwatch.StartNew();
        for (var run = 0; run < Kills; run++)
        {
            var delay = run == Kills - 1 ? TimeSpan.FromMinutes(5) : TimeSpan.FromMilliseconds(random.Next(500, 8_000));
            var finished = RunAndKill(delay, "analyze");
            Counts();
            var (snapshots, whole, orphans) = Snapshots();
            var place = $"seed {Seed} (CLIENTELE_FUZZ_SEED={Seed} repeats it), run {run}, analyze killed after {delay.TotalMilliseconds:N0} ms";
            Assert.True(snapshots == whole, $"{place}: {snapshots - whole} of {snapshots} snapshots do not hold the customers they declare");
            Assert.True(orphans == 0, $"{place}: {orphans} customer rows of no snapshot");
            Assert.True(!finished || snapshots == 1, $"{place}: the analysis finished but left {snapshots} snapshots");
            Assert.Empty(Directory.GetFiles(_cli.Folder, ".w.duckdb.import-*"));
            if (finished) completed++;
            else killed++;
        }
        Assert.True(completed > 0, $"seed {Seed}: no analysis finished");
        output.WriteLine($"seed {Seed}: {Kills} analyses of 4,000 parties, {killed} killed, {completed} finished, {clock.Elapsed.TotalSeconds:N0} s");
    }

    /// <summary>How many snapshots there are, how many of them hold exactly the customers they declare, and customer rows of no snapshot.</summary>
    private (long Snapshots, long Whole, long Orphans) Snapshots()
    {
        using var connection = new DuckDBConnection($"Data Source={_cli.Workspace}");
        connection.Open();
        long Scalar(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(command.ExecuteScalar() ?? 0L, CultureInfo.InvariantCulture);
        }
        return (Scalar("SELECT count(*) FROM snapshots"),
                Scalar("SELECT count(*) FROM snapshots s WHERE s.customers = (SELECT count(*) FROM snapshot_customers c WHERE c.as_of = s.as_of)"),
                Scalar("SELECT count(*) FROM snapshot_customers c WHERE NOT EXISTS (SELECT 1 FROM snapshots s WHERE s.as_of = c.as_of)"));
    }

    public void Dispose() => _cli.Dispose();
}
