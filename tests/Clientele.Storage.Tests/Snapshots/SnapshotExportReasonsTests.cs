using Clientele.Classification;
using Clientele.Simulation;
using Clientele.Storage.Analysis;
using Clientele.Storage.Import;
using Clientele.Storage.Snapshots;
using Clientele.Tables;
using DuckDB.NET.Data;

namespace Clientele.Storage.Tests.Snapshots;

/// <summary>
/// An export renders the reasons as DuckDB writes the rows (a scalar function called on its threads, chunk by chunk): every
/// reason of every customer in the file is the reason the analysis gave, an overridden class's included, in a whole export
/// and in one of chosen customers, to CSV and to Parquet.
/// </summary>
public sealed class SnapshotExportReasonsTests
{
    [Fact]
    public void Every_exported_reason_is_the_reason_the_analysis_gave()
    {
        using var temp = new TempWorkspace();
        var workspace = temp.Workspace!;
        // Enough customers for several of DuckDB's chunks (2,048 rows), so the function runs on more than one.
        var options = new SimulationOptions { Customers = 4500, Seed = 5 };
        var simulation = CompanySimulator.WriteFiles(options, Path.Combine(temp.Folder, "data"), cancellationToken: TestContext.Current.CancellationToken);
        var importer = new Importer(workspace);
        foreach (var file in simulation.Files) importer.Import(CanonicalTables.Find(file.Table)!, file.Path, new ImportOptions(), cancellationToken: TestContext.Current.CancellationToken);
        string overridden;
        using (var first = workspace.Connection.CreateCommand())
        {
            first.CommandText = "SELECT max(customer_id) FROM customers";
            overridden = (string)first.ExecuteScalar()!;
        }
        OverrideTable.Set(workspace, overridden, Dimensions.Ladder, "advocate", "kept by hand", "test", DateTime.UtcNow);
        OverrideTable.Set(workspace, overridden, Dimensions.ValueClass, "MVC", "kept for the brand", "test", DateTime.UtcNow);
        var result = AnalysisRunner.Run(workspace, new AnalysisRequest { AsOf = options.End }, cancellationToken: TestContext.Current.CancellationToken).Result;
        Assert.True(result.Columns.Count > 2 * 2048, $"{result.Columns.Count} customers");
        var expected = new Dictionary<string, string?[]>(StringComparer.Ordinal);
        for (var i = 0; i < result.Columns.Count; i++)
            expected[result.Columns.CustomerId[i]] = [.. Dimensions.All.Select(d => result.Reason(d, i))];

        var csv = Path.Combine(temp.Folder, "all.csv");
        SnapshotQuery.Export(workspace, csv);
        var all = Reasons($"read_csv('{csv}', header = true, all_varchar = true)");
        Assert.Equal(expected.Count, all.Count);
        foreach (var (customer, reasons) in expected)
            Assert.Equal(reasons.Select(r => r is null ? null : Csv.CsvCell.Neutralised(r)), all[customer]);
        Assert.StartsWith("override by test on ", all[overridden][Dimensions.All.ToList().IndexOf(Dimensions.Ladder)]);
        Assert.Contains(all.Values, r => r[Dimensions.All.ToList().IndexOf(Dimensions.Ladder)] is { Length: > 0 });

        var chosen = expected.Keys.Order(StringComparer.Ordinal).Where((_, k) => k % 3 == 0).Append(overridden).Distinct().ToList();
        var parquet = Path.Combine(temp.Folder, "chosen.parquet");
        SnapshotQuery.Export(workspace, parquet, customers: chosen);
        var some = Reasons($"read_parquet('{parquet}')");
        Assert.Equal(chosen.Order(StringComparer.Ordinal), some.Keys.Order(StringComparer.Ordinal));
        foreach (var customer in chosen) Assert.Equal(expected[customer], some[customer]);
    }

    /// <summary>Every dimension's reason column of an exported file, by customer.</summary>
    private static Dictionary<string, string?[]> Reasons(string source)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT customer_id, {string.Join(", ", Dimensions.All.Select(SnapshotSchema.ReasonColumn))} FROM {source}";
        using var reader = command.ExecuteReader();
        var reasons = new Dictionary<string, string?[]>(StringComparer.Ordinal);
        while (reader.Read())
            reasons[reader.GetString(0)] = [.. Enumerable.Range(1, Dimensions.All.Count).Select(k => reader.IsDBNull(k) ? null : reader.GetString(k))];
        return reasons;
    }

}
