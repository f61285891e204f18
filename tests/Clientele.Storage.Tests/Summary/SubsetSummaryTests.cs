using Clientele.Customers;
using Clientele.Storage.Summary;
using Clientele.Storage.Tests.Analysis;

namespace Clientele.Storage.Tests.Summary;

/// <summary>The summary of a few customers gives each of them the row the whole base's summary gives it (what a live update reads).</summary>
public sealed class SubsetSummaryTests(SimulatedCompany company, CdnowMaster cdnow) : IClassFixture<SimulatedCompany>, IClassFixture<CdnowMaster>
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_random_subset_of_the_demo_company_has_its_rows_of_the_whole_summary(int seed)
    {
        var workspace = company.Temp.Workspace!;
        var whole = CustomerSummaryQuery.Run(workspace, company.AsOf, TimeUnit.Week);
        AssertSubset(workspace, whole, seed, company.AsOf);
    }

    [Fact]
    public void A_random_subset_of_cdnow_has_its_rows_of_the_whole_summary()
    {
        var workspace = cdnow.Require();
        AssertSubset(workspace, cdnow.Run!.Result.Columns.Summary, 7, CdnowMaster.AsOf);
    }

    [Fact]
    public void Customers_unknown_or_not_yet_known_are_left_out_and_an_empty_list_gives_an_empty_summary()
    {
        var workspace = company.Temp.Workspace!;
        var whole = CustomerSummaryQuery.Run(workspace, company.AsOf, TimeUnit.Week);
        var part = CustomerSummaryQuery.Run(workspace, company.AsOf, TimeUnit.Week, ["no such customer", whole.CustomerId[0], whole.CustomerId[0]]);
        Assert.Equal([whole.CustomerId[0]], part.CustomerId);
        Assert.Equal(0, CustomerSummaryQuery.Run(workspace, company.AsOf, TimeUnit.Week, []).Count);
    }

    private static void AssertSubset(Workspace workspace, CustomerSummary whole, int seed, DateOnly asOf)
    {
        var random = new Random(seed);
        // Buyers, referrers and prospects alike: every tenth-ish customer at random, in a shuffled order.
        var chosen = Enumerable.Range(0, whole.Count).Where(_ => random.NextDouble() < 0.02).OrderBy(_ => random.Next()).ToList();
        Assert.True(chosen.Count > 10);
        var part = CustomerSummaryQuery.Run(workspace, asOf, whole.Unit, [.. chosen.Select(i => whole.CustomerId[i])]);
        Assert.Equal(chosen.Count, part.Count);
        var index = Enumerable.Range(0, whole.Count).ToDictionary(i => whole.CustomerId[i], StringComparer.Ordinal);
        for (var k = 0; k < part.Count; k++)
        {
            var i = index[part.CustomerId[k]];
            var id = part.CustomerId[k];
            Assert.Equal((whole.FirstPurchase[i], whole.LastPurchase[i], whole.Orders[i], whole.PurchaseDays[i], whole.Returns[i], whole.OtherInteractions[i], whole.ReferralsMade[i], whole.ReferralsBought[i]),
                (part.FirstPurchase[k], part.LastPurchase[k], part.Orders[k], part.PurchaseDays[k], part.Returns[k], part.OtherInteractions[k], part.ReferralsMade[k], part.ReferralsBought[k]));
            foreach (var (name, w, p) in new (string, double, double)[]
            {
                ("frequency", whole.Frequency[i], part.Frequency[k]), ("recency", whole.Recency[i], part.Recency[k]), ("T", whole.T[i], part.T[k]),
                ("monetary value", whole.MonetaryValue[i], part.MonetaryValue[k]), ("revenue", whole.Revenue[i], part.Revenue[k]),
                ("margin", whole.Margin[i] ?? double.NaN, part.Margin[k] ?? double.NaN), ("returned", whole.ReturnedAmount[i], part.ReturnedAmount[k]),
                ("service cost", whole.ServiceCost[i], part.ServiceCost[k]), ("survey", whole.MeanSurveyScore[i] ?? double.NaN, part.MeanSurveyScore[k] ?? double.NaN),
            })
            {
                // Sums of many amounts may be added in another order: equal to 1e-12 of their size.
                Assert.True(w.Equals(p) || Math.Abs(w - p) <= 1e-12 * Math.Max(1, Math.Abs(w)), $"{id} {name}: whole {w:R}, subset {p:R}");
            }
            for (var kind = 0; kind < whole.InteractionCounts.Length; kind++)
                Assert.Equal(whole.InteractionCounts[kind][i], part.InteractionCounts[kind][k]);
        }
    }
}
