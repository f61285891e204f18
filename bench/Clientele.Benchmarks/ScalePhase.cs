using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Clientele.Customers;
using Clientele.Simulation;
using Clientele.Storage;
using Clientele.Storage.Import;
using Clientele.Storage.Summary;
using Clientele.Tables;
using DuckDB.NET.Data;

namespace Clientele.Benchmarks;

/// <summary>
/// One step of the scale run, in a process of its own so its peak memory is its own. Prints one JSON
/// object: the step, seconds, rows and the process's peak working set.
/// </summary>
internal static class ScalePhase
{
    public static int Run(string[] args)
    {
        var (phase, data, workspace) = (args[0], args[1], args[2]);
        var clock = Stopwatch.StartNew();
        long rows = 0;
        var detail = "";
        switch (phase)
        {
            case "simulate":
                var customers = int.Parse(args[3], CultureInfo.InvariantCulture);
                var result = CompanySimulator.WriteFiles(new SimulationOptions { Customers = customers }, data);
                rows = result.Files.Sum(f => f.Rows);
                detail = string.Join(", ", result.Files.Select(f => $"{f.Table} {f.Rows:N0}"));
                break;
            case "import":
                File.Delete(workspace);
                File.Delete(workspace + ".wal");
                using (var store = Workspace.Create(workspace))
                {
                    var importer = new Importer(store);
                    foreach (var table in CanonicalTables.All)
                    {
                        var file = Path.Combine(data, table.Name + ".csv");
                        if (!File.Exists(file)) continue;
                        var step = Stopwatch.StartNew();
                        var imported = importer.Import(table, file, new ImportOptions());
                        rows += imported.RowsAdded;
                        detail += $"{table.Name} {imported.RowsAdded:N0} rows {step.Elapsed.TotalSeconds:F1} s (read {imported.ReadSeconds:F1}); ";
                    }
                }
                break;
            case "import-orders":
                File.Delete(workspace);
                File.Delete(workspace + ".wal");
                using (var store = Workspace.Create(workspace))
                {
                    var imported = new Importer(store).Import("orders", Path.Combine(data, "orders.csv"), new ImportOptions());
                    rows = imported.RowsAdded;
                    detail = $"read {imported.ReadSeconds:F1} s, stored {imported.Seconds - imported.ReadSeconds:F1} s";
                }
                break;
            case "summary":
                using (var store = Workspace.Open(workspace))
                {
                    var summary = CustomerSummaryQuery.Run(store, null, TimeUnit.Week);
                    rows = summary.Count;
                    detail = $"sum of frequency {summary.Frequency.Sum():N0}";
                }
                break;
            case "analyze":
                // The whole of `clientele analyze`: summary, columns, holdout sample, models, every dimension, snapshot.
                using (var store = Workspace.Open(workspace))
                {
                    var run = Clientele.Storage.Analysis.AnalysisRunner.Run(store, new Clientele.Storage.Analysis.AnalysisRequest());
                    rows = run.Context.Customers;
                    detail = string.Join(", ", run.Steps.Select(s => $"{s.Name} {s.Seconds:F1} s")) + $"; {run.Context.Scoring.Method}";
                }
                break;
            case "holdout":
                // The model-choice sample of `clientele analyze` (its "holdout sample" step): a year's holdout before the last order day.
                using (var store = Workspace.Open(workspace))
                {
                    var last = CustomerSummaryQuery.LastOrderDay(store)!.Value;
                    var sample = HoldoutQuery.Sample(store, last.AddDays(-365), last, TimeUnit.Week);
                    rows = sample.Frequency.Length;
                    detail = $"holdout purchase days {sample.Actual.Sum():N0}, daily {sample.DailyActual!.Sum():N0}";
                }
                break;
            case "scoring":
                // The "models" step of `clientele analyze`, in parts: the holdout comparison, learning (the comparison again,
                // the fit on every buyer, Gamma-Gamma), then applying (every score). Summary and columns first, untimed.
                using (var store = Workspace.Open(workspace))
                {
                    var last = CustomerSummaryQuery.LastOrderDay(store)!.Value;
                    var summary = CustomerSummaryQuery.Run(store, last, TimeUnit.Week);
                    var columns = CustomerColumnsQuery.Run(store, summary, new CustomerColumnsQueryOptions());
                    var sample = HoldoutQuery.Sample(store, last.AddDays(-365), last, TimeUnit.Week);
                    var options = new Clientele.Scoring.ScoringOptions();
                    clock.Restart();
                    var compare = Stopwatch.StartNew();
                    var candidates = Clientele.Scoring.ModelChoice.Compare(sample, Clientele.Scoring.ScoringOptions.ModelChoiceCustomers);
                    var compared = compare.Elapsed.TotalSeconds;
                    var learn = Stopwatch.StartNew();
                    var model = Clientele.Scoring.CustomerScoring.Learn(columns, options, sample);
                    var learned = learn.Elapsed.TotalSeconds;
                    var apply = Stopwatch.StartNew();
                    var scores = Clientele.Scoring.CustomerScoring.Apply(model, columns, options);
                    rows = columns.Count;
                    detail = $"compare {compared:F1} s ({string.Join("; ", candidates)}), learn {learned:F1} s (compare included; {model.Model}), " +
                        $"apply {apply.Elapsed.TotalSeconds:F1} s; P(alive) sum {scores.ProbabilityAlive.Where(double.IsFinite).Sum():F3}";
                }
                break;
            case "summary-sql":
                // The summary statement alone, its result kept inside DuckDB: what reading it into columns costs is the difference.
                using (var store = Workspace.Open(workspace))
                using (var command = store.Connection.CreateCommand())
                {
                    var day = CustomerSummaryQuery.LastOrderDay(store)!.Value;
                    command.CommandText = "CREATE TEMP TABLE s AS " + CustomerSummaryQuery.Sql(Clientele.Storage.DuckDb.DuckDbDialect.Instance, CanonicalTables.InteractionKinds);
                    command.Parameters.Add(new DuckDBParameter("as_of", day.ToDateTime(TimeOnly.MinValue)));
                    command.Parameters.Add(new DuckDBParameter("next_day", day.AddDays(1).ToDateTime(TimeOnly.MinValue)));
                    command.Parameters.Add(new DuckDBParameter("unit", 7.0));
                    rows = command.ExecuteNonQuery();
                }
                break;
            case "duckdb-load":
                File.Delete(workspace + ".raw");
                using (var connection = Open(workspace + ".raw"))
                {
                    Execute(connection, $"CREATE TABLE orders AS SELECT * FROM read_csv('{Path.Combine(data, "orders.csv")}', header = true)");
                    rows = Count(connection, "SELECT count(*) FROM orders");
                }
                File.Delete(workspace + ".raw");
                break;
            case "duckdb-summary":
                using (var connection = Open(":memory:"))
                {
                    Execute(connection, $"""
                        CREATE TABLE result AS
                        SELECT customer_id, count(*) AS orders, count(DISTINCT CAST(ordered_at AS DATE)) AS purchase_days,
                               min(ordered_at) AS first, max(ordered_at) AS last, sum(amount) AS revenue, sum(margin) AS margin
                        FROM read_csv('{Path.Combine(data, "orders.csv")}', header = true)
                        GROUP BY customer_id
                        """);
                    rows = Count(connection, "SELECT count(*) FROM result");
                }
                break;
            default:
                throw new ArgumentException($"unknown phase {phase}");
        }
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        Console.WriteLine(JsonSerializer.Serialize(new PhaseResult(phase, clock.Elapsed.TotalSeconds, rows, peak / (1024.0 * 1024.0), detail)));
        return 0;
    }

    private static DuckDBConnection Open(string path)
    {
        var connection = new DuckDBConnection($"Data Source={path}");
        connection.Open();
        return connection;
    }

    private static long Count(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static long Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }
}

internal sealed record PhaseResult(string Phase, double Seconds, long Rows, double PeakMegabytes, string Detail);
