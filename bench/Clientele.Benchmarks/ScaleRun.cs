using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Clientele.Benchmarks;

/// <summary>
/// The scale run of docs/benchmarks.md: simulate N customers (default 1,000,000), import every file into a
/// fresh workspace, summarize, analyze; and, on the same orders file, DuckDB's own read_csv load and read_csv +
/// GROUP BY. Each step runs in a child process; the table of results is printed as Markdown.
/// Usage: Clientele.Benchmarks scale [--customers N] [--dir DIR] [--keep-data]
/// </summary>
internal static class ScaleRun
{
    public static int Run(string[] args)
    {
        var customers = Option(args, "--customers") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 1_000_000;
        var dir = Option(args, "--dir") ?? Path.Combine(Path.GetTempPath(), $"clientele-scale-{customers}");
        var data = Path.Combine(dir, "data");
        var workspace = Path.Combine(dir, "scale.duckdb");
        Directory.CreateDirectory(dir);
        var results = new List<PhaseResult>();
        if (!File.Exists(Path.Combine(data, "orders.csv")))
            results.Add(Phase("simulate", data, workspace, customers.ToString(CultureInfo.InvariantCulture)));
        results.Add(Phase("import", data, workspace));
        results.Add(Phase("summary", data, workspace));
        results.Add(Phase("analyze", data, workspace));
        results.Add(Phase("duckdb-load", data, workspace));
        results.Add(Phase("duckdb-summary", data, workspace));

        var orders = new FileInfo(Path.Combine(data, "orders.csv"));
        Console.WriteLine();
        Console.WriteLine($"Scale run: {customers:N0} simulated customers; orders.csv {orders.Length / 1e6:N0} MB; {Environment.ProcessorCount} cores; {DateTime.UtcNow:yyyy-MM-dd}");
        Console.WriteLine();
        Console.WriteLine("| step | seconds | rows | rows/s | peak MB |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var r in results)
            Console.WriteLine($"| {r.Phase} | {r.Seconds:N1} | {r.Rows:N0} | {r.Rows / r.Seconds:N0} | {r.PeakMegabytes:N0} |");
        Console.WriteLine();
        foreach (var r in results.Where(r => r.Detail.Length > 0)) Console.WriteLine($"- {r.Phase}: {r.Detail}");
        var import = results.Single(r => r.Phase == "import");
        var summary = results.Single(r => r.Phase == "summary");
        var raw = results.Single(r => r.Phase == "duckdb-summary");
        Console.WriteLine($"- summary / DuckDB read_csv + GROUP BY = {summary.Seconds / raw.Seconds:N2}");
        Console.WriteLine($"- import + summary = {import.Seconds + summary.Seconds:N1} s");
        if (!args.Contains("--keep-data")) Directory.Delete(dir, recursive: true);
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static PhaseResult Phase(string phase, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        var self = typeof(ScaleRun).Assembly.Location;
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") start.ArgumentList.Add(self);
        start.ArgumentList.Add("phase");
        start.ArgumentList.Add(phase);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {phase} ...");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"phase {phase} failed with exit code {process.ExitCode}");
        var result = JsonSerializer.Deserialize<PhaseResult>(output.Trim().Split('\n')[^1])!;
        Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {phase}: {result.Seconds:N1} s, {result.Rows:N0} rows, peak {result.PeakMegabytes:N0} MB");
        return result;
    }
}
