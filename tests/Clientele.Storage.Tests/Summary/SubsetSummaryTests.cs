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

    /// <summary>Columns that link to other customers: within a part of the base they point inside it or nowhere (−1), by design.</summary>
    private static readonly string[] Links = ["ParentIndex", "ReferredByIndex", "ReferredRevenue", "ReferredMargin", "SupplySeller", "SupplyBuyer"];

    // A share of 0.005 is some 25 customers, few enough for the learned ranks and followers joined per day
    // (CustomerColumnsSql.JoinedUpTo); 0.03 some 150, read by running sums.
    [Theory]
    [InlineData(1, false, 0.03)]
    [InlineData(2, false, 0.03)]
    [InlineData(1, true, 0.03)]
    [InlineData(2, true, 0.03)]
    [InlineData(3, true, 0.005)]
    public void A_part_of_the_demo_companys_columns_equal_its_rows_of_the_whole_bases_new_line_ranks_and_followers_included(int seed, bool fromLearnedFirstPurchases, double share)
    {
        var workspace = company.Temp.Workspace!;
        var whole = company.Run.Result.Columns;
        var random = new Random(seed);
        var chosen = Enumerable.Range(0, whole.Count).Where(_ => random.NextDouble() < share).ToList();
        Assert.Equal(share < 0.01, chosen.Count <= CustomerColumnsSql.JoinedUpTo);
        var summary = CustomerSummaryQuery.Run(workspace, company.AsOf, TimeUnit.Week, [.. chosen.Select(i => whole.CustomerId[i])]);
        var options = new CustomerColumnsQueryOptions { SignalWindowDays = company.Run.Options.Churn.SignalWindowDays, SizeAttributes = company.Run.Options.Strategy.SizeAttributes };
        // From the order log, or from the first purchases the analysis stored (what a live update reads).
        var learnedOn = fromLearnedFirstPurchases ? Clientele.Storage.Snapshots.SnapshotFirstPurchases.LearnedOn(workspace, company.AsOf) : null;
        Assert.Equal(fromLearnedFirstPurchases, learnedOn is not null);
        var part = CustomerColumnsQuery.ReadPart(workspace, summary, options, learnedOn);
        Assert.Equal(whole.ProductLines, part.ProductLines);
        var index = Enumerable.Range(0, whole.Count).ToDictionary(i => whole.CustomerId[i], StringComparer.Ordinal);
        var compared = 0;
        foreach (var property in typeof(Clientele.Classification.CustomerColumns).GetProperties().Where(p => !Links.Contains(p.Name)))
        {
            if (property.GetValue(whole) is not Array w || property.GetValue(part) is not Array p) continue;
            // Per-line columns are arrays of per-customer arrays.
            var pairs = w.Length == whole.Count ? [(w, p)] : Enumerable.Range(0, w.Length).Select(l => ((Array)w.GetValue(l)!, (Array)p.GetValue(l)!)).ToList();
            foreach (var (wc, pc) in pairs)
                for (var k = 0; k < part.Count; k++)
                {
                    var a = wc.GetValue(index[part.CustomerId[k]]);
                    var b = pc.GetValue(k);
                    var same = a is double x && b is double y ? x.Equals(y) || Math.Abs(x - y) <= 1e-12 * Math.Max(1, Math.Abs(x)) : Equals(a, b);
                    Assert.True(same, $"{property.Name} of {part.CustomerId[k]}: whole {a}, part {b}");
                    compared++;
                }
        }
        Assert.True(compared > 40 * part.Count, $"only {compared} values compared");
        Assert.Contains(Enumerable.Range(0, part.Count), k => part.Followers[k] > 0);
        Assert.Contains(Enumerable.Range(0, part.Count), k => part.EarliestAdoptionRank[k] is not null);
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
