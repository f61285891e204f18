using System.Globalization;
using System.Text;
using Clientele.Storage.Analysis;
using Clientele.Storage.Import;
using Clientele.Storage.Snapshots;

namespace Clientele.Storage.Tests.Snapshots;

/// <summary>The drift of the base since the latest analysis: nothing right after it, small for a few more orders, large when the buyers change their ways.</summary>
public sealed class AnalysisDriftTests : IDisposable
{
    private readonly TempWorkspace _temp = new();

    private Workspace Workspace => _temp.Workspace!;

    /// <summary>200 customers; customer k buys on 1 + k % 6 days of 2024 for 10 + k each.</summary>
    private void Base()
    {
        var csv = new StringBuilder("customer_id,ordered_at,amount\n");
        for (var k = 0; k < 200; k++)
            for (var d = 0; d <= k % 6; d++)
                csv.Append(CultureInfo.InvariantCulture, $"c{k},2024-{1 + d * 2:00}-{1 + k % 28:00},{10 + k}\n");
        Load("orders", csv.ToString());
        AnalysisRunner.Run(Workspace, new AnalysisRequest { AsOf = new DateOnly(2024, 12, 31), Model = "bgnbd" }, cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Right_after_an_analysis_the_base_has_not_drifted()
    {
        Base();
        var drift = AnalysisDrift.Read(Workspace)!;
        Assert.Equal(0, drift.Index, 12);
        Assert.Equal("small", drift.Level);
        Assert.Equal((200, 200), (drift.BuyersThen, drift.BuyersNow));
        Assert.EndsWith("The cuts and models still describe the base.", drift.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_few_more_orders_move_it_a_little_and_every_buyer_buying_much_more_moves_it_past_a_refit()
    {
        Base();
        Load("orders", "customer_id,ordered_at,amount\nc1,2025-01-05,11\nc2,2025-01-06,12\n");
        var little = AnalysisDrift.Read(Workspace)!;
        Assert.InRange(little.Index, 1e-6, AnalysisDrift.Moved);
        // The staleness warning (CLI, banner, API) carries the drift.
        var freshness = AnalysisFreshness.Read(Workspace);
        Assert.Equal(little, freshness.Drift);
        Assert.EndsWith(" " + little.Summary, freshness.Warning, StringComparison.Ordinal);

        var csv = new StringBuilder("customer_id,ordered_at,amount\n");
        for (var k = 0; k < 200; k++)
            for (var d = 0; d < 8; d++)
                csv.Append(CultureInfo.InvariantCulture, $"c{k},2025-{2 + d:00}-10,{500 + k}\n");
        Load("orders", csv.ToString());
        var large = AnalysisDrift.Read(Workspace)!;
        Assert.Equal("large", large.Level);
        Assert.True(large.PurchaseDaysIndex > AnalysisDrift.RefitDue && large.RevenueIndex > AnalysisDrift.RefitDue, large.Summary);
        Assert.StartsWith("Drift since the analysis of 2024-12-31: large (population stability index ", large.Summary, StringComparison.Ordinal);
        Assert.EndsWith("The cuts and models no longer describe the base: analyze again.", large.Summary, StringComparison.Ordinal);

        // A new analysis learns the new base: no drift again.
        AnalysisRunner.Run(Workspace, new AnalysisRequest { AsOf = new DateOnly(2025, 12, 31), Model = "bgnbd" }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(0, AnalysisDrift.Read(Workspace)!.Index, 12);
    }

    [Fact]
    public void Without_an_analysis_there_is_no_drift()
    {
        Load("orders", "customer_id,ordered_at,amount\nc1,2025-01-05,11\n");
        Assert.Null(AnalysisDrift.Read(Workspace));
    }

    [Fact]
    public void The_stability_index_of_known_shares()
    {
        var d = Distribution.Of([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], d.Edges);
        Assert.All(d.Shares, s => Assert.Equal(0.1, s, 12));
        Assert.Equal([1, 1, 1, 1, 1, 1, 1, 1, 1, 2], Distribution.Counts(d.Edges, [0.5, 2, 3, 4, 5, 6, 7, 8, 9, 10, 99]));
        Assert.Equal(0, d.StabilityIndex([5, 5, 5, 5, 5, 5, 5, 5, 5, 5]), 12);
        // Half in the first bin, the rest spread: (0.5-0.1)ln5 + 9 (0.0556-0.1) ln(0.556).
        var now = d.StabilityIndex([9, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
        Assert.Equal((0.5 - 0.1) * Math.Log(5) + 9 * (1 / 18.0 - 0.1) * Math.Log(1 / 18.0 / 0.1), now, 12);
        // Ties merge bins: three values, two distinct.
        var tied = Distribution.Of([1, 1, 2]);
        Assert.Equal([1, 2], tied.Edges);
        Assert.Equal([2 / 3.0, 1 / 3.0], tied.Shares);
    }

    private void Load(string table, string csv) =>
        new Importer(Workspace).Import(table, _temp.File(table + Guid.NewGuid().ToString("N") + ".csv", csv), new ImportOptions());

    public void Dispose() => _temp.Dispose();
}
