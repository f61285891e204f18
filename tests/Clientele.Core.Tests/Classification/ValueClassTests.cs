using Clientele.Classification;

namespace Clientele.Core.Tests.Classification;

public sealed class ValueClassTests
{
    [Fact]
    public void A_customer_whose_cost_to_serve_and_returns_exceed_its_margin_is_a_BZC()
    {
        var columns = TestColumns.Create(1);
        TestColumns.Buy(columns, 0, [ValueTestColumns.Day]);
        columns.Summary.ServiceCost[0] = 500;
        columns.Summary.Returns[0] = 1;
        columns.ReturnMargin[0] = -20;
        var scores = TestColumns.Scores(columns);

        var result = ValueClass.Classify(columns, scores, new ValueClassOptions());

        Assert.Equal("BZC", result.Class[0]);
        Assert.Equal("BZC: net value -490 below 0: past -490 (margin 30, returns -20 (1 returned order), cost to serve 500); no prediction to make up for it", result.Reason[0]);
    }

    [Fact]
    public void A_predicted_future_that_does_not_make_up_for_a_negative_past_is_named()
    {
        var (columns, scores) = ValueTestColumns.Buyers(1, _ => -300);
        scores.FutureNetValue[0] = 100;

        var result = ValueClass.Classify(columns, scores, new ValueClassOptions());

        Assert.Equal("BZC", result.Class[0]);
        Assert.EndsWith("predicted future 100 does not make up for it", result.Reason[0]);
    }

    [Fact]
    public void A_negative_past_made_up_by_the_predicted_future_is_not_a_BZC()
    {
        var (columns, scores) = ValueTestColumns.Buyers(1, _ => -300);
        scores.FutureNetValue[0] = 900;

        var result = ValueClass.Classify(columns, scores, new ValueClassOptions());

        Assert.NotEqual("BZC", result.Class[0]);
        Assert.Contains("past -300 made up by the predicted future", result.Reason[0]);
    }

    [Fact]
    public void A_single_order_with_negative_margin_makes_a_BZC()
    {
        var columns = TestColumns.Create(1);
        TestColumns.Buy(columns, 0, [ValueTestColumns.Day], amount: 200, marginRate: -0.1);

        var result = ValueClass.Classify(columns, TestColumns.Scores(columns), new ValueClassOptions());

        Assert.Equal("BZC", result.Class[0]);
        Assert.Contains("margin -20", result.Reason[0]);
    }

    [Fact]
    public void The_top_fifth_by_value_are_MVC()
    {
        var (columns, scores) = ValueTestColumns.Buyers(10, i => (i + 1) * 100);

        var result = ValueClass.Classify(columns, scores, new ValueClassOptions());

        Assert.Equal(["other", "other", "other", "other", "other", "other", "other", "other", "MVC", "MVC"], result.Class);
        Assert.Equal("MVC: value 1,000 in net margin (past 1,000, no prediction), top 20% cut is 820", result.Reason[9]);
    }

    [Fact]
    public void An_unrealised_wallet_makes_an_MGC_with_the_headroom_in_the_reason()
    {
        var (columns, scores) = ValueTestColumns.Buyers(10, i => (i + 1) * 100);
        columns.WalletEstimate[0] = 10_000;

        var result = ValueClass.Classify(columns, scores, new ValueClassOptions());

        Assert.Equal("MGC", result.Class[0]);
        Assert.Equal(
            "MGC: growth potential 2,970 a year (unrealised wallet 9,900 of 10,000 × margin 0.30; no predicted revenue), top 25% of the rest cut is 0; value 100 in net margin (past 100, no prediction) not above the MVC top 20% cut 820",
            result.Reason[0]);
        Assert.Equal("other: value 200 in net margin (past 200, no prediction) not above the MVC top 20% cut 820; no growth potential (wallet unknown; no predicted revenue)", result.Reason[1]);
    }

    [Fact]
    public void Predicted_growth_over_last_year_counts_as_growth_potential()
    {
        var (columns, scores) = ValueTestColumns.Buyers(10, i => (i + 1) * 100);
        scores.ExpectedRevenue[2] = 1_000;
        scores.MarginRate[2] = 0.3;

        var result = ValueClass.Classify(columns, scores, new ValueClassOptions());

        Assert.Equal("MGC", result.Class[2]);
        Assert.Contains("growth potential 270 a year (wallet unknown; predicted yearly revenue 1,000 vs 100 last year × margin 0.30)", result.Reason[2]);
    }

    [Fact]
    public void The_unrealised_wallet_of_a_customer_likely_gone_counts_less()
    {
        var (columns, scores) = ValueTestColumns.Buyers(10, i => (i + 1) * 100);
        columns.WalletEstimate[0] = 10_000;
        columns.WalletEstimate[1] = 10_000;
        scores.ProbabilityAlive[1] = 0.1;
        var options = new ValueClassOptions { MgcShare = 0.125 };

        var result = ValueClass.Classify(columns, scores, options);

        Assert.Equal("MGC", result.Class[0]);
        Assert.Equal("other", result.Class[1]);
        Assert.Contains("× P(alive) 0.10", result.Reason[1]);
    }

    [Fact]
    public void Parties_who_have_not_bought_get_no_class_and_empty_input_gives_none()
    {
        var (columns, scores) = ValueTestColumns.Buyers(2, i => i * 100);
        ValueTestColumns.Unbuy(columns, scores, 1);
        var empty = TestColumns.Create(0);

        var result = ValueClass.Classify(columns, scores, new ValueClassOptions());
        var none = ValueClass.Classify(empty, TestColumns.Scores(empty), new ValueClassOptions());

        Assert.Null(result.Class[1]);
        Assert.Equal("no completed order: value classes are for actual customers", result.Reason[1]);
        Assert.Empty(none.Class);
        Assert.Contains("no actual customers: nobody has a value class", none.Notes);
    }

    [Fact]
    public void Every_actual_customer_gets_exactly_one_class()
    {
        var (columns, scores) = ValueTestColumns.Buyers(200, i => (i % 7 - 2) * 137.0 + i);
        for (var i = 0; i < 200; i += 3) columns.WalletEstimate[i] = 5_000 + i;
        for (var i = 0; i < 200; i += 5) scores.ExpectedRevenue[i] = 50 * i;

        var result = ValueClass.Classify(columns, scores, new ValueClassOptions());

        Assert.All(result.Class, c => Assert.Contains(c, ValueClass.Classes));
        Assert.All(result.Reason, r => Assert.StartsWith(result.Class[Array.IndexOf(result.Reason, r)] + ":", r));
    }

    [Fact]
    public void A_share_outside_zero_to_one_is_refused()
    {
        var (columns, scores) = ValueTestColumns.Buyers(1, _ => 1);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ValueClass.Classify(columns, scores, new ValueClassOptions { MvcShare = 1.5 }));

        Assert.Equal("MvcShare", e.ParamName);
    }
}
