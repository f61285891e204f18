using Clientele.Classification;

namespace Clientele.Core.Tests.Classification;

public sealed class ValueClassTests
{
    /// <summary>
    /// <paramref name="count"/> regular customers who bought on 2024-06-01 and 2025-06-01 (100 each, margin 30): known over a
    /// year, so their yearly revenue is the 100 of the last year and their margin rate 0.30; past value <paramref name="pastValue"/>(i).
    /// </summary>
    private static (CustomerColumns Columns, CustomerScores Scores) Regulars(int count, Func<int, double> pastValue)
    {
        var columns = TestColumns.Create(count);
        for (var i = 0; i < count; i++) TestColumns.Buy(columns, i, [new DateOnly(2024, 6, 1), ValueTestColumns.Day]);
        var scores = TestColumns.Scores(columns);
        for (var i = 0; i < count; i++) scores.PastNetValue[i] = pastValue(i);
        return (columns, scores);
    }

    private static string?[] AllActive(int count) => [.. Enumerable.Repeat<string?>(ChurnStatus.Active, count)];

    // With ten regulars active, the median active customer's yearly value is 100 × 0.30 = 30 and the MGC floor half of it, 15.
    private const string Floor = "the MGC floor (50% of the median active customer's yearly value 30.00) 15.00";

    [Fact]
    public void A_customer_whose_cost_to_serve_and_returns_exceed_its_margin_is_a_BZC()
    {
        var columns = TestColumns.Create(1);
        TestColumns.Buy(columns, 0, [ValueTestColumns.Day]);
        columns.Summary.ServiceCost[0] = 500;
        columns.Summary.Returns[0] = 1;
        columns.ReturnMargin[0] = -20;
        var scores = TestColumns.Scores(columns);

        var result = Classify(columns, scores, new ValueClassOptions());

        Assert.Equal("BZC", result.Class[0]);
        // 30 margin − 20 returns − 500 cost to serve = −490; the cut 0 is under 100, so two decimals.
        Assert.Equal("BZC: value -490.00 in net margin (past only: no prediction) below 0.00: margin 30, returns -20 (1 returned order), cost to serve 500; no prediction to make up for it", result.Reason[0]);
    }

    [Fact]
    public void A_predicted_future_that_does_not_make_up_for_a_negative_past_is_named()
    {
        var (columns, scores) = ValueTestColumns.Buyers(1, _ => -300);
        scores.FutureNetValue[0] = 100;

        var result = Classify(columns, scores, new ValueClassOptions());

        Assert.Equal("BZC", result.Class[0]);
        Assert.Equal("BZC: value -200.00 in net margin (past -300.00 + future 100.00) below 0.00, and the past -300.00 below 0.00 too: margin 30, no returns, cost to serve 0; the predicted future does not make up for it", result.Reason[0]);
    }

    [Fact]
    public void A_negative_past_made_up_by_the_predicted_future_is_not_a_BZC()
    {
        var (columns, scores) = ValueTestColumns.Buyers(1, _ => -300);
        scores.FutureNetValue[0] = 900;

        var result = Classify(columns, scores, new ValueClassOptions());

        Assert.Equal("other", result.Class[0]);
        Assert.StartsWith("other: value 600 in net margin (past -300 + future 900) not above the MVC cut (top 20%) 600;", result.Reason[0]);
    }

    [Fact]
    public void A_single_order_with_negative_margin_makes_a_BZC()
    {
        var columns = TestColumns.Create(1);
        TestColumns.Buy(columns, 0, [ValueTestColumns.Day], amount: 200, marginRate: -0.1);

        var result = Classify(columns, TestColumns.Scores(columns), new ValueClassOptions());

        Assert.Equal("BZC", result.Class[0]);
        Assert.Contains("margin -20", result.Reason[0]);
    }

    [Fact]
    public void The_top_fifth_by_value_are_MVC()
    {
        var (columns, scores) = ValueTestColumns.Buyers(10, i => (i + 1) * 100);

        var result = Classify(columns, scores, new ValueClassOptions());

        Assert.Equal(["other", "other", "other", "other", "other", "other", "other", "other", "MVC", "MVC"], result.Class);
        // The 0.8-quantile of 100..1,000: 800 + 0.2 × 100 = 820.
        Assert.Equal("MVC: value 1,000 in net margin (past only: no prediction) above the MVC cut (top 20%) 820", result.Reason[9]);
    }

    [Fact]
    public void An_unrealised_wallet_makes_an_MGC_with_the_headroom_in_the_reason()
    {
        var (columns, scores) = Regulars(10, i => (i + 1) * 100);
        columns.WalletEstimate[0] = 10_000;

        var result = Classify(columns, scores, new ValueClassOptions(), AllActive(10));

        Assert.Equal("MGC", result.Class[0]);
        // (10,000 − 100) × 0.30 = 2,970.
        Assert.Equal(
            $"MGC: growth potential 2,970.00 a year above {Floor} (headroom 2,970.00: wallet 10,000 above yearly revenue 100, the difference × margin 0.30; no predicted revenue); active by the churn status; value 100 in net margin (past only: no prediction) not above the MVC cut (top 20%) 820",
            result.Reason[0]);
        Assert.Equal("other: no growth potential (wallet unknown; no predicted revenue); value 200 in net margin (past only: no prediction) not above the MVC cut (top 20%) 820", result.Reason[1]);
    }

    [Fact]
    public void Predicted_growth_over_last_year_counts_as_growth_potential()
    {
        var (columns, scores) = Regulars(10, i => (i + 1) * 100);
        scores.ExpectedRevenue[2] = 1_000;
        scores.MarginRate[2] = 0.3;

        var result = Classify(columns, scores, new ValueClassOptions(), AllActive(10));

        Assert.Equal("MGC", result.Class[2]);
        // (1,000 − 100) × 0.30 = 270.
        Assert.StartsWith($"MGC: growth potential 270.00 a year above {Floor} (wallet unknown; predicted yearly revenue 1,000 above yearly revenue 100, the difference × margin 0.30); active by the churn status;", result.Reason[2]);
    }

    [Fact]
    public void The_unrealised_wallet_of_a_customer_likely_gone_counts_less()
    {
        var (columns, scores) = Regulars(10, i => (i + 1) * 100);
        columns.WalletEstimate[0] = 10_000;
        columns.WalletEstimate[1] = 10_000;
        scores.ProbabilityAlive[1] = 0.1;
        var options = new ValueClassOptions { MgcShare = 0.125 };

        var result = Classify(columns, scores, options, AllActive(10));

        Assert.Equal("MGC", result.Class[0]);
        Assert.Equal("other", result.Class[1]);
        // Potentials of the 8 eligible: 2,970, 9,900 × 0.30 × 0.10 = 297, and six 0; their 0.875-quantile is 297 + 0.125 × 2,673 = 631.125.
        Assert.StartsWith("other: growth potential 297 a year not above the MGC cut (top 12.5% of active customers outside MVC and BZC) 631 (headroom 297: wallet 10,000 above yearly revenue 100, the difference × margin 0.30 × P(alive) 0.10; no predicted revenue);", result.Reason[1]);
    }

    [Fact]
    public void An_at_risk_customer_with_a_large_headroom_is_not_an_MGC_and_the_reason_says_why()
    {
        var (columns, scores) = Regulars(10, i => (i + 1) * 100);
        columns.WalletEstimate[0] = 10_000;
        var churn = AllActive(10);
        churn[0] = ChurnStatus.AtRisk;

        var result = Classify(columns, scores, new ValueClassOptions(), churn);

        Assert.Equal("other", result.Class[0]);
        Assert.Equal("other: value 100 in net margin (past only: no prediction) not above the MVC cut (top 20%) 820; not an MGC: at-risk by the churn status, and room to grow counts only in a live relationship", result.Reason[0]);
        Assert.DoesNotContain("MGC", result.Class);
        Assert.Contains("1 customer with growth potential above the cut is not MGC because its churn status is not active", result.Notes);
    }

    [Fact]
    public void A_growth_potential_below_half_the_median_active_customers_yearly_value_is_not_material()
    {
        var (columns, scores) = Regulars(10, i => (i + 1) * 100);
        columns.WalletEstimate[0] = 120; // headroom (120 − 100) × 0.30 = 6, under the floor 15
        columns.WalletEstimate[1] = 160; // headroom 18, over it

        var result = Classify(columns, scores, new ValueClassOptions(), AllActive(10));
        var withoutFloor = Classify(columns, scores, new ValueClassOptions { MinimumGrowthShare = 0 }, AllActive(10));

        Assert.Equal(["other", "MGC"], result.Class[..2]);
        Assert.StartsWith($"other: growth potential 6.00 a year not above {Floor} (headroom 6.00: wallet 120 above yearly revenue 100, the difference × margin 0.30; no predicted revenue);", result.Reason[0]);
        Assert.StartsWith($"MGC: growth potential 18.00 a year above {Floor} (headroom 18.00: wallet 160 above yearly revenue 100,", result.Reason[1]);
        Assert.Contains("cuts: MVC value above 820; MGC growth potential above 15.00 a year (floor 15.00: 50% of the median active customer's yearly value 30.00)", result.Notes);
        // Without the floor the rank cut alone decides: the 0.75-quantile of six 0, 6 and 18 is 0 + 0.25 × 6 = 1.5.
        Assert.Equal(["MGC", "MGC"], withoutFloor.Class[..2]);
        Assert.StartsWith("MGC: growth potential 6.00 a year above the MGC cut (top 25% of active customers outside MVC and BZC) 1.50 ", withoutFloor.Reason[0]);
    }

    [Fact]
    public void Without_any_active_customer_there_is_no_MGC_and_the_notes_say_why()
    {
        var (columns, scores) = ValueTestColumns.Buyers(10, i => (i + 1) * 100);
        columns.WalletEstimate[0] = 10_000;
        var churn = ChurnStatus.Classify(columns, scores, new ChurnStatusOptions()).Status.Class;

        var result = Classify(columns, scores, new ValueClassOptions(), churn);

        Assert.All(churn, Assert.Null); // one purchase each: no repeat history, no churn status
        Assert.DoesNotContain("MGC", result.Class);
        Assert.Equal("other: value 100 in net margin (past only: no prediction) not above the MVC cut (top 20%) 820; not an MGC: not known to be alive (no churn status: no model and no repeat history), and room to grow counts only in a live relationship", result.Reason[0]);
        Assert.Contains("no MGC: no customer is active by the churn status (no model could be fitted and the data has no repeat history), so no room to grow can be called realistic", result.Notes);
    }

    [Fact]
    public void The_median_active_customers_yearly_value_counts_only_active_customers()
    {
        var (columns, scores) = Regulars(10, i => (i + 1) * 100);
        TestColumns.Buy(columns, 9, [new DateOnly(2024, 6, 1), ValueTestColumns.Day], amount: 1_000);
        scores.PastNetValue[9] = 1_000;
        columns.WalletEstimate[0] = 160;
        var churn = AllActive(10);
        for (var i = 1; i < 9; i++) churn[i] = ChurnStatus.Lapsed;

        var result = Classify(columns, scores, new ValueClassOptions(), churn);

        // Active: customer 0 (yearly value 30) and customer 9 (300): median 165, floor 82.50 above the headroom 18.
        Assert.Equal("other", result.Class[0]);
        Assert.StartsWith("other: growth potential 18.00 a year not above the MGC floor (50% of the median active customer's yearly value 165.00) 82.50 ", result.Reason[0]);
    }

    [Fact]
    public void Parties_who_have_not_bought_get_no_class_and_empty_input_gives_none()
    {
        var (columns, scores) = ValueTestColumns.Buyers(2, i => i * 100);
        ValueTestColumns.Unbuy(columns, scores, 1);
        var empty = TestColumns.Create(0);

        var result = Classify(columns, scores, new ValueClassOptions());
        var none = Classify(empty, TestColumns.Scores(empty), new ValueClassOptions());

        Assert.Null(result.Class[1]);
        Assert.Equal("n/a: no completed order: value classes are for actual customers", result.Reason[1]);
        Assert.Empty(none.Class);
        Assert.Contains("no actual customers: nobody has a value class", none.Notes);
    }

    [Fact]
    public void Every_actual_customer_gets_exactly_one_class()
    {
        var (columns, scores) = ValueTestColumns.Buyers(200, i => (i % 7 - 2) * 137.0 + i);
        for (var i = 0; i < 200; i += 3) columns.WalletEstimate[i] = 5_000 + i;
        for (var i = 0; i < 200; i += 5) scores.ExpectedRevenue[i] = 50 * i;

        var result = Classify(columns, scores, new ValueClassOptions());

        Assert.All(result.Class, c => Assert.Contains(c, ValueClass.Classes));
        Assert.All(result.Reason, r => Assert.StartsWith(result.Class[Array.IndexOf(result.Reason, r)] + ":", r));
    }

    [Fact]
    public void A_share_outside_zero_to_one_is_refused()
    {
        var (columns, scores) = ValueTestColumns.Buyers(1, _ => 1);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Classify(columns, scores, new ValueClassOptions { MvcShare = 1.5 }));

        Assert.Equal("MvcShare", e.ParamName);
    }

    /// <summary>The value classes, and each customer's reason as a reader renders it from the stored figures (<see cref="ValueClass.Reason"/>).</summary>
    private static Classes Classify(CustomerColumns columns, CustomerScores scores, ValueClassOptions options, string?[]? churnStatus = null)
    {
        var result = ValueClass.Classify(columns, scores, options, churnStatus);
        var strategy = new StrategyMatrixOptions();
        var yearly = Clientele.Classification.Internal.YearlyRevenue.All(columns, strategy.AnnualiseFromDays);
        var wallets = Clientele.Classification.Internal.WalletEstimates.Build(columns, yearly,
            new Clientele.Classification.Internal.SegmentKeys(columns, new StructureMapOptions()), strategy);
        var context = ValueClass.Learn(columns, scores, options, churnStatus ?? new string?[columns.Count], yearly, wallets);
        var reasons = new string?[columns.Count];
        for (var i = 0; i < reasons.Length; i++)
        {
            // The figures in ValueClass.Declaration's order: the result's own, then margin, revenue and cost to serve (shared).
            var s = columns.Summary;
            var row = ReasonRow.Of(columns, scores, i,
                [.. result.Figures.AsSpan(i * 10, 10), s.Margin[i] ?? double.NaN, s.Revenue[i], s.ServiceCost[i]]);
            reasons[i] = ValueClass.Reason(row, context, options, scores.UsesMargin);
        }
        return new Classes(result, reasons);
    }

    private sealed record Classes(DimensionResult Result, string?[] Reason)
    {
        public string?[] Class => Result.Class;

        public string Dimension => Result.Dimension;

        public IReadOnlyList<string> Notes => Result.Notes;

        public string Method => Result.Method;
    }
}
