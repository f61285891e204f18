using System.Text;
using BenchmarkDotNet.Attributes;
using Clientele.Storage;
using Clientele.Storage.Import;
using Clientele.Storage.Summary;

namespace Clientele.Benchmarks;

/// <summary>Import and summary of a 200,000-order log into a fresh workspace (BenchmarkDotNet).</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ImportBenchmarks
{
    private string _folder = "";
    private string _orders = "";

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("clientele-bench-").FullName;
        _orders = Path.Combine(_folder, "orders.csv");
        var random = new Random(1);
        var text = new StringBuilder("order_id,customer_id,ordered_at,amount,margin\n");
        for (var i = 0; i < 200_000; i++)
            text.Append($"O{i},C{random.Next(20_000)},2024-{1 + i % 12:00}-{1 + i % 28:00},{random.Next(10_000) / 100.0},{random.Next(3_000) / 100.0}\n");
        File.WriteAllText(_orders, text.ToString());
    }

    [Benchmark]
    public long ImportThenSummarize()
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".duckdb");
        using var workspace = Workspace.Create(path);
        var rows = new Importer(workspace).Import("orders", _orders, new ImportOptions()).RowsAdded;
        var summary = CustomerSummaryQuery.Run(workspace);
        File.Delete(path);
        return rows + summary.Count;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);
}
