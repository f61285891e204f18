using Clientele.Storage.Import;
using Clientele.Storage.Snapshots;

namespace Clientele.Storage.Tests.Snapshots;

public sealed class AnalysisFreshnessTests : IDisposable
{
    private readonly TempWorkspace _temp = new();

    private Workspace Workspace => _temp.Workspace!;

    /// <summary>Records an import as the importer does, at a given time (UTC).</summary>
    private void Import(int id, string at) => HandMadeSnapshots.Execute(Workspace.Connection,
        "INSERT INTO imports VALUES ($1, 'orders', 'orders.csv', 'ab', 10, '{}', CAST($2 AS TIMESTAMP), 0.1, 1, 1, 0, 0, 0, 0, 0, '')", id, at);

    [Fact]
    public void A_workspace_without_analyses_is_not_stale_even_with_imports()
    {
        Import(1, "2025-01-01 00:00:00");
        var freshness = AnalysisFreshness.Read(Workspace);
        Assert.False(freshness.Stale);
        Assert.Null(freshness.Warning);
        Assert.Null(freshness.LatestAnalysisAsOf);
        Assert.Equal(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), freshness.LatestImportAt);
    }

    [Fact]
    public void An_analysis_run_after_every_import_is_not_stale()
    {
        Import(1, "2025-01-01 00:00:00");
        HandMadeSnapshots.InsertBoth(Workspace.Connection);
        var freshness = AnalysisFreshness.Read(Workspace);
        Assert.False(freshness.Stale);
        Assert.Equal(0, freshness.ImportsSince);
        Assert.Equal(DateOnly.Parse(HandMadeSnapshots.Second, System.Globalization.CultureInfo.InvariantCulture), freshness.LatestAnalysisAsOf);
        Assert.Null(freshness.Warning);
    }

    [Fact]
    public void Imports_after_the_latest_analysis_make_it_stale_and_the_warning_says_how_many_and_when()
    {
        HandMadeSnapshots.InsertBoth(Workspace.Connection);
        Import(1, "2025-01-01 00:00:00");
        Import(2, "2025-02-03 10:30:00");
        Import(3, "2025-02-04 11:45:00");
        var freshness = AnalysisFreshness.Read(Workspace);
        Assert.True(freshness.Stale);
        Assert.Equal(2, freshness.ImportsSince);
        Assert.Equal(new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc), freshness.AnalyzedAt);
        Assert.Equal(
            $"The latest analysis (as of {HandMadeSnapshots.Second}, run 2025-01-02 03:04 UTC) is older than the latest import (2025-02-04 11:45 UTC): " +
            "2 imports since then are in no class yet. Analyze again to include them.",
            freshness.Warning);
    }

    [Fact]
    public void The_warning_counts_the_customers_whose_rows_the_later_imports_added_or_changed()
    {
        var importer = new Importer(Workspace);
        Load(importer, "customers", "customer_id,name\n" + string.Concat(Enumerable.Range(1, 10).Select(i => $"c{i},Customer {i}\n")));
        HandMadeSnapshots.Execute(Workspace.Connection, "UPDATE imports SET imported_at = TIMESTAMP '2024-06-01 00:00:00'");
        HandMadeSnapshots.InsertBoth(Workspace.Connection); // analysed 2025-01-02, after the customers and before what follows
        Load(importer, "orders", "customer_id,ordered_at,amount\nc1,2025-01-05,10\nc2,2025-01-06,20\nc1,2025-01-07,5\nc11,2025-01-08,7\n");
        Load(importer, "referrals", "referrer_id,referred_id\nc3,c12\n");
        Load(importer, "products", "product_id,name\np1,Widget\n");

        var freshness = AnalysisFreshness.Read(Workspace);
        Assert.Equal(3, freshness.ImportsSince);
        Assert.Equal(5, freshness.CustomersChanged); // c1 and c2 ordered, c11 is new, c3 referred c12; the products name none
        Assert.Equal(12, freshness.Customers);
        Assert.EndsWith("3 imports since then changed 5 customers (41.7 % of 12), whose classes do not show them yet. Analyze again to include them.", freshness.Warning);
    }

    private void Load(Importer importer, string table, string csv) =>
        importer.Import(table, _temp.File(table + ".csv", csv), new ImportOptions());

    public void Dispose() => _temp.Dispose();
}
