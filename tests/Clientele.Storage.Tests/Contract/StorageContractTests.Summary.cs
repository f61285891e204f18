using Clientele.Customers;
using Clientele.Simulation;
using Clientele.Storage.Import;
using Clientele.Storage.Summary;
using Clientele.Tables;

namespace Clientele.Storage.Tests.Contract;

/// <summary>
/// The contract's per-customer summary (<see cref="CustomerSummaryQuery"/>): the demo company imported into a DuckDB file by
/// the importer and copied into this provider's workspace gives every customer the same summary, to the last bit of
/// every figure, for the whole base and for a few customers.
/// </summary>
public abstract partial class StorageContractTests
{
    [Fact]
    public void The_summary_of_the_demo_company_is_the_one_DuckDB_computes_for_every_customer()
    {
        using var imported = new TempWorkspace();
        var options = new SimulationOptions { Customers = 600, Seed = 7 };
        var simulation = ImportDemo(imported.Workspace!, imported.Folder, options);
        using var workspace = NewWorkspace();
        WorkspaceCopy.Tables(imported.Workspace!, workspace);

        var asOf = options.End.AddDays(-90); // later orders and interactions exist, so the "too new" rule is exercised
        foreach (var unit in new[] { TimeUnit.Day, TimeUnit.Week })
        {
            var expected = CustomerSummaryQuery.Run(imported.Workspace!, asOf, unit);
            Assert.True(expected.Count > 300);
            AssertSame(expected, CustomerSummaryQuery.Run(workspace, asOf, unit));
        }
        var few = CustomerSummaryQuery.Run(imported.Workspace!, asOf).CustomerId.Where((_, i) => i % 37 == 0).ToList();
        AssertSame(CustomerSummaryQuery.Run(imported.Workspace!, asOf, TimeUnit.Day, few), CustomerSummaryQuery.Run(workspace, asOf, TimeUnit.Day, few));
        Assert.Equal(CustomerSummaryQuery.LastOrderDay(imported.Workspace!), CustomerSummaryQuery.LastOrderDay(workspace));
    }

    [Fact]
    public void The_demo_company_imported_here_has_the_rows_and_the_summary_DuckDB_has()
    {
        using var reference = new TempWorkspace();
        using var workspace = NewWorkspace();
        var options = new SimulationOptions { Customers = 600, Seed = 11 };
        var simulation = CompanySimulator.WriteFiles(options, Path.Combine(reference.Folder, "data"), cancellationToken: TestContext.Current.CancellationToken);
        foreach (var file in simulation.Files.Where(f => CanonicalTables.Find(f.Table) is not null))
        {
            var table = CanonicalTables.Find(file.Table)!;
            var expected = new Importer(reference.Workspace!).Import(table, file.Path, new ImportOptions(), cancellationToken: TestContext.Current.CancellationToken);
            var actual = new Importer(workspace).Import(table, file.Path, new ImportOptions(), cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal((expected.RowsRead, expected.RowsAdded, expected.RowsUpdated, expected.RowsAlreadyPresent, expected.RowsRejected, expected.CustomersCreated),
                (actual.RowsRead, actual.RowsAdded, actual.RowsUpdated, actual.RowsAlreadyPresent, actual.RowsRejected, actual.CustomersCreated));
            Assert.Equal(expected.Notes, actual.Notes);
        }
        Assert.Equal(reference.Workspace!.CountRows(), workspace.CountRows());
        Assert.True(workspace.CountRows().Single(p => p.Key == "orders").Value > 5_000);

        var asOf = options.End.AddDays(-90);
        foreach (var unit in new[] { TimeUnit.Day, TimeUnit.Week })
            AssertSame(CustomerSummaryQuery.Run(reference.Workspace!, asOf, unit), CustomerSummaryQuery.Run(workspace, asOf, unit));
    }

    [Fact]
    public void CDNOW_imported_here_gives_the_summary_DuckDB_gives()
    {
        var log = SharedData.Require("cdnow/CDNOW_master.txt");
        var options = CdnowImport;
        using var reference = new TempWorkspace();
        using var workspace = NewWorkspace();
        var expected = new Importer(reference.Workspace!).Import("orders", log, options, cancellationToken: TestContext.Current.CancellationToken);
        var actual = new Importer(workspace).Import("orders", log, options, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal((expected.RowsRead, expected.RowsAdded, expected.RowsAlreadyPresent, expected.CustomersCreated),
            (actual.RowsRead, actual.RowsAdded, actual.RowsAlreadyPresent, actual.CustomersCreated));
        Assert.Equal(23_570, actual.CustomersCreated);
        foreach (var unit in new[] { TimeUnit.Day, TimeUnit.Week })
        {
            var summary = CustomerSummaryQuery.Run(workspace, new DateOnly(1997, 9, 30), unit);
            Assert.Equal(23_570, summary.Count);
            AssertSame(CustomerSummaryQuery.Run(reference.Workspace!, new DateOnly(1997, 9, 30), unit), summary);
        }
    }

    private static void AssertSame(CustomerSummary expected, CustomerSummary actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.CustomerId.Take(expected.Count), actual.CustomerId.Take(actual.Count));
        for (var i = 0; i < expected.Count; i++)
        {
            var id = expected.CustomerId[i];
            Assert.True((expected.FirstPurchase[i], expected.LastPurchase[i], expected.Orders[i], expected.PurchaseDays[i], expected.Frequency[i]) ==
                        (actual.FirstPurchase[i], actual.LastPurchase[i], actual.Orders[i], actual.PurchaseDays[i], actual.Frequency[i]), id);
            Assert.True((expected.Recency[i], expected.T[i], expected.MonetaryValue[i], expected.Revenue[i], expected.Margin[i]).Equals(
                        (actual.Recency[i], actual.T[i], actual.MonetaryValue[i], actual.Revenue[i], actual.Margin[i])),
                $"{id}: {(expected.Recency[i], expected.T[i], expected.MonetaryValue[i], expected.Revenue[i], expected.Margin[i])} vs " +
                $"{(actual.Recency[i], actual.T[i], actual.MonetaryValue[i], actual.Revenue[i], actual.Margin[i])}");
            Assert.True((expected.Returns[i], expected.ReturnedAmount[i], expected.OtherInteractions[i], expected.ServiceCost[i], expected.MeanSurveyScore[i],
                         expected.ReferralsMade[i], expected.ReferralsBought[i]).Equals(
                        (actual.Returns[i], actual.ReturnedAmount[i], actual.OtherInteractions[i], actual.ServiceCost[i], actual.MeanSurveyScore[i],
                         actual.ReferralsMade[i], actual.ReferralsBought[i])), id);
            for (var k = 0; k < expected.InteractionCounts.Length; k++) Assert.True(expected.InteractionCounts[k][i] == actual.InteractionCounts[k][i], id);
        }
    }
}
