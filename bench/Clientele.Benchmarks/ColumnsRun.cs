using System.Diagnostics;
using System.Globalization;
using Clientele.Customers;
using Clientele.Storage;
using Clientele.Storage.Summary;

namespace Clientele.Benchmarks;

/// <summary>
/// Times the summary and the classification columns on an existing workspace (e.g. the one a
/// <c>scale --keep-data</c> run leaves), with each statement of the columns query and the peak working set.
/// Usage: Clientele.Benchmarks columns --workspace PATH [--as-of yyyy-MM-dd] [--runs N] [--part N]. With <c>--part N</c>, the
/// summary and columns of N customers drawn with a fixed seed, as a live update reads them (the latest analysis's learned
/// first purchases), statements from 5 ms shown.
/// </summary>
internal static class ColumnsRun
{
    public static int Run(string[] args)
    {
        var path = Option(args, "--workspace") ?? throw new ArgumentException("columns needs --workspace PATH (e.g. the scale.duckdb a scale --keep-data run leaves)");
        DateOnly? asOf = Option(args, "--as-of") is { } day ? DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
        var runs = Option(args, "--runs") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 1;
        var part = Option(args, "--part") is { } p ? int.Parse(p, CultureInfo.InvariantCulture) : 0;
        using var workspace = Workspace.Open(path);
        DateOnly? learnedOn = null;
        List<string> ids = [];
        if (part > 0)
        {
            var latest = Storage.Snapshots.SnapshotQuery.List(workspace)[^1].AsOf;
            asOf ??= latest;
            learnedOn = Storage.Snapshots.SnapshotFirstPurchases.LearnedOn(workspace, latest);
            using var command = workspace.Connection.CreateCommand();
            command.CommandText = $"SELECT customer_id FROM customers ORDER BY hash(customer_id) LIMIT {part}";
            using var reader = command.ExecuteReader();
            while (reader.Read()) ids.Add(reader.GetString(0));
        }
        for (var run = 1; run <= runs; run++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var summary = part > 0 ? CustomerSummaryQuery.Run(workspace, asOf!.Value, TimeUnit.Week, ids) : CustomerSummaryQuery.Run(workspace, asOf, TimeUnit.Week);
            var summarySeconds = clock.Elapsed.TotalSeconds;
            var summaryCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            var steps = new List<(string Step, TimeSpan Time, TimeSpan Cpu)>();
            clock.Restart();
            cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var stepCpu = cpu;
            var result = CustomerColumnsQuery.ReadTimed(workspace, summary, null, (step, time) =>
            {
                var now = Process.GetCurrentProcess().TotalProcessorTime;
                steps.Add((step, time, now - stepCpu));
                stepCpu = now;
            }, partOfBase: part > 0, learnedOn);
            var columnsSeconds = clock.Elapsed.TotalSeconds;
            var columnsCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            var c = result.Columns;
            Console.WriteLine($"Run {run}: {c.Count:N0} customers as of {c.AsOf:yyyy-MM-dd}; {Environment.ProcessorCount} cores");
            Console.WriteLine();
            Console.WriteLine("| step | seconds | CPU seconds |");
            Console.WriteLine("|---|---:|---:|");
            Console.WriteLine($"| summary | {summarySeconds:N2} | {summaryCpu:N2} |");
            Console.WriteLine($"| columns | {columnsSeconds:N2} | {columnsCpu:N2} |");
            foreach (var (step, time, stepTime) in steps.Where(s => s.Time.TotalSeconds >= (part > 0 ? 0.005 : 0.05)))
                Console.WriteLine($"| — {Label(step)} | {time.TotalSeconds:N3} | {stepTime.TotalSeconds:N3} |");
            Console.WriteLine();
            Console.WriteLine($"- peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:N0} MB; managed heap {GC.GetTotalMemory(false) / 1e6:N0} MB");
            Console.WriteLine($"- lines {string.Join(", ", c.ProductLines)}; contacts {c.Contacts.Count:N0}, roles {c.Contacts.Role.Length:N0}; supply links {c.SupplySeller.Length:N0}; targets {c.Targets.Count}");
            Console.WriteLine($"- with followers {c.Followers.Count(f => f > 0):N0}; adopters of new lines {c.NewLinesAdopted.Count(a => a > 0):N0}; recent complaint tags {c.RecentComplaintTag.Count(t => t is not null):N0}; referred revenue {c.ReferredRevenue.Sum():N0}");
            foreach (var note in result.Notes) Console.WriteLine($"- {note}");
            Console.WriteLine();
        }
        return 0;
    }

    private static string Label(string sql)
    {
        sql = sql.Trim().Replace("|", "\\|", StringComparison.Ordinal);
        return sql.Length <= 70 ? sql : sql[..70] + "…";
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
