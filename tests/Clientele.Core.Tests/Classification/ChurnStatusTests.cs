using Clientele.Classification;

namespace Clientele.Core.Tests.Classification;

/// <summary>Churn status from P(alive) and its trend, the rules without a model, and the reasons from the churn window's signals.</summary>
public sealed class ChurnStatusTests
{
    private static readonly ChurnStatusOptions Options = new();
    private static readonly DateOnly Start = new(2024, 1, 10);

    private static (CustomerColumns Columns, CustomerScores Scores) Buyers(int count)
    {
        var columns = TestColumns.Create(count);
        for (var i = 0; i < count; i++) TestColumns.Buy(columns, i, TestColumns.Every(Start, 30, 4));
        return (columns, TestColumns.Scores(columns));
    }

    [Fact]
    public void Empty_columns_give_empty_results()
    {
        var columns = TestColumns.Create(0);
        var scores = TestColumns.Scores(columns);
        var result = ChurnStatus.Classify(columns, scores, Options);
        Assert.Empty(result.Status.Class);
        Assert.Empty(result.Reason.Class);
        Assert.Empty(ChurnStatus.ReasonsBySegment([], result.Reason));
    }

    [Fact]
    public void A_party_that_has_not_bought_has_no_status_and_no_reason()
    {
        var columns = TestColumns.Create(1);
        TestColumns.Interactions(columns, 0, "inquiry", 2);
        var scores = TestColumns.Scores(columns);
        var result = ChurnStatus.Classify(columns, scores, Options);
        Assert.Null(result.Status.Class[0]);
        Assert.Equal("n/a: has not bought", StatusReason(result, columns, scores, 0));
        Assert.Null(result.Reason.Class[0]);
    }

    [Theory]
    [InlineData(0.95, "active")]
    [InlineData(0.6, "active")]
    [InlineData(0.59, "at-risk")]
    [InlineData(0.3, "at-risk")]
    [InlineData(0.2, "lapsed")]
    [InlineData(0.05, "lost")]
    public void The_status_follows_the_P_alive_thresholds(double p, string expected)
    {
        var (columns, scores) = Buyers(1);
        scores.ProbabilityAlive[0] = p;
        var result = ChurnStatus.Classify(columns, scores, Options);
        Assert.Equal(expected, result.Status.Class[0]);
        Assert.StartsWith($"{expected}: P(alive) ", StatusReason(result, columns, scores, 0));
        Assert.StartsWith("model:", result.Status.Method);
    }

    [Fact]
    public void A_steep_fall_of_P_alive_moves_an_active_customer_to_at_risk()
    {
        var (columns, scores) = Buyers(2);
        scores.ProbabilityAlive[0] = 0.65;
        scores.ProbabilityAlivePrevious[0] = 0.95;
        scores.ProbabilityAlive[1] = 0.65;
        scores.ProbabilityAlivePrevious[1] = 0.75;
        var result = ChurnStatus.Classify(columns, scores, Options);
        Assert.Equal("at-risk", result.Status.Class[0]);
        Assert.Equal("at-risk: P(alive) 0.65 ≥ 0.60 but fell from 0.95 in 90 days (by more than 0.25)", StatusReason(result, columns, scores, 0));
        Assert.Equal("active", result.Status.Class[1]);
        Assert.Contains("down from 0.75", StatusReason(result, columns, scores, 1));
    }

    [Fact]
    public void Without_a_model_the_days_since_the_last_purchase_are_counted_in_own_gaps()
    {
        var columns = TestColumns.Create(4);
        TestColumns.Buy(columns, 0, TestColumns.Every(new DateOnly(2025, 10, 2), 30, 3));   // last 2025-12-01: 30 days = 1 gap
        TestColumns.Buy(columns, 1, TestColumns.Every(new DateOnly(2025, 6, 4), 30, 3));    // last 2025-08-03: 150 days = 5 gaps
        TestColumns.Buy(columns, 2, TestColumns.Every(new DateOnly(2024, 1, 1), 30, 3));    // last 2024-03-01: 670 days
        TestColumns.Buy(columns, 3, TestColumns.Every(new DateOnly(2025, 8, 3), 30, 3));    // last 2025-10-02: 90 days = 3 gaps
        var scores = TestColumns.Scores(columns);
        var result = ChurnStatus.Classify(columns, scores, Options);
        Assert.Equal(["active", "lapsed", "lost", "at-risk"], result.Status.Class);
        Assert.Equal("lapsed: last purchase 150 days ago = 5.0 ≤ 8.0 gaps of 30 days (own mean gap)", StatusReason(result, columns, scores, 1));
        Assert.StartsWith("rules:", result.Status.Method);
        Assert.NotEmpty(result.Status.Notes);
    }

    [Fact]
    public void Without_a_model_a_one_order_customer_is_judged_by_the_base_typical_gap()
    {
        var columns = TestColumns.Create(2);
        TestColumns.Buy(columns, 0, TestColumns.Every(new DateOnly(2025, 1, 1), 20, 10));
        TestColumns.Buy(columns, 1, [new DateOnly(2025, 6, 1)]);
        var scores = TestColumns.Scores(columns);
        var result = ChurnStatus.Classify(columns, scores, Options);
        Assert.Equal("lost", result.Status.Class[1]);
        Assert.Contains("(the base's typical gap)", StatusReason(result, columns, scores, 1));
    }

    [Fact]
    public void Without_a_model_and_without_any_gap_the_status_is_left_open_and_said_so()
    {
        var columns = TestColumns.Create(2);
        TestColumns.Buy(columns, 0, [new DateOnly(2025, 6, 1)]);
        TestColumns.Buy(columns, 1, [new DateOnly(2025, 6, 1), new DateOnly(2025, 6, 1)]);
        var scores = TestColumns.Scores(columns);
        var result = ChurnStatus.Classify(columns, scores, Options);
        Assert.Equal([null, null], result.Status.Class);
        Assert.Equal("n/a: no repeat history to model churn: no customer has bought on two different days (as when each order totals a period), so 213 days without buying cannot be compared with a usual gap", StatusReason(result, columns, scores, 0));
        Assert.Contains("2 buyers have no churn status: the data has no repeat history to model (no model could be fitted and no customer has bought on two different days).", result.Status.Notes);
    }

    [Fact]
    public void The_reason_of_a_lost_customer_is_its_most_frequent_complaint_tag_mapped_to_the_taxonomy()
    {
        var (columns, scores) = Buyers(3);
        for (var i = 0; i < 3; i++) scores.ProbabilityAlive[i] = 0.02;
        columns.RecentComplaints[0] = 2;
        columns.RecentComplaintTag[0] = "late delivery";
        columns.RecentComplaints[1] = 1;
        columns.RecentComplaintTag[1] = "Too expensive";
        columns.RecentComplaints[2] = 1;
        columns.RecentComplaintTag[2] = "wobbly handles";
        var result = ChurnStatus.Classify(columns, scores, Options);
        Assert.Equal(["delivery", "price", "unknown"], result.Reason.Class);
        Assert.StartsWith("delivery: complaint tag \"late delivery\" (window: 2 complaints", ChurnReason(result, columns, scores, 0));
        Assert.Contains("complaint tag \"wobbly handles\" matches no reason", ChurnReason(result, columns, scores, 2));
        Assert.Contains(result.Reason.Notes, n => n.Contains("match no reason"));
    }

    [Fact]
    public void Returns_without_a_complaint_point_to_quality_and_no_signal_is_unknown()
    {
        var (columns, scores) = Buyers(2);
        scores.ProbabilityAlive[0] = 0.2;
        scores.ProbabilityAlive[1] = 0.2;
        columns.RecentReturns[0] = 2;
        var result = ChurnStatus.Classify(columns, scores, Options);
        Assert.Equal("quality", result.Reason.Class[0]);
        Assert.Contains("2 returns (returns point to quality or delivery)", ChurnReason(result, columns, scores, 0));
        Assert.Equal("unknown", result.Reason.Class[1]);
        Assert.StartsWith("unknown: no signal in the churn window", ChurnReason(result, columns, scores, 1));
    }

    [Fact]
    public void A_service_cost_far_above_the_base_points_to_service()
    {
        var (columns, scores) = Buyers(4);
        for (var i = 0; i < 4; i++)
        {
            scores.ProbabilityAlive[i] = 0.9;
            columns.RecentServiceCost[i] = 50;
        }

        scores.ProbabilityAlive[0] = 0.05;
        columns.RecentServiceCost[0] = 400;
        var result = ChurnStatus.Classify(columns, scores, Options);
        Assert.Equal("service", result.Reason.Class[0]);
        Assert.Contains("service cost 400 ≥ 3 × the typical 50", ChurnReason(result, columns, scores, 0));
    }

    [Fact]
    public void Active_customers_and_at_risk_ones_without_warning_signs_have_no_reason()
    {
        var (columns, scores) = Buyers(3);
        scores.ProbabilityAlive[0] = 0.9;
        scores.ProbabilityAlive[1] = 0.4;
        scores.ProbabilityAlive[2] = 0.4;
        columns.RecentLowScores[2] = 1;
        columns.RecentComplaints[2] = 1;
        columns.RecentComplaintTag[2] = "no_follow_up";
        var result = ChurnStatus.Classify(columns, scores, Options);
        Assert.Null(result.Reason.Class[0]);
        Assert.Equal("n/a: active", ChurnReason(result, columns, scores, 0));
        Assert.Null(result.Reason.Class[1]);
        Assert.Equal("n/a: at-risk without warning signs", ChurnReason(result, columns, scores, 1));
        Assert.Equal("no_follow_up", result.Reason.Class[2]);
    }

    [Fact]
    public void A_negative_margin_does_not_change_the_status()
    {
        var columns = TestColumns.Create(1);
        TestColumns.Buy(columns, 0, TestColumns.Every(Start, 30, 4), marginRate: -0.5);
        var scores = TestColumns.Scores(columns);
        scores.ProbabilityAlive[0] = 0.7;
        Assert.Equal("active", ChurnStatus.Classify(columns, scores, Options).Status.Class[0]);
    }

    [Fact]
    public void Reasons_are_counted_per_segment_largest_first()
    {
        var reason = new DimensionResult(Dimensions.ChurnReason, ["price", "price", null, "quality", "price", "delivery"], new string?[6], "test");
        string?[] segment = ["retail", "retail", "retail", "retail", null, "healthcare"];
        var counts = ChurnStatus.ReasonsBySegment(segment, reason);
        Assert.Equal(
            [("(none)", "price", 1), ("healthcare", "delivery", 1), ("retail", "price", 2), ("retail", "quality", 1)],
            counts);
    }

    /// <summary>Customer <paramref name="i"/>'s status reason as a reader renders it from the figures (<see cref="ChurnStatus.StatusReason(ReasonRow, ChurnStatusOptions, double)"/>).</summary>
    private static string StatusReason(ChurnResult result, CustomerColumns columns, CustomerScores scores, int i) =>
        ChurnStatus.StatusReason(ReasonRow.Of(columns, scores, i, [result.DaysSinceLast[i], result.ExpectedGapDays[i], result.OwnGap[i]]), Options, scores.TrendDays);

    /// <summary>Customer <paramref name="i"/>'s churn reason as a reader renders it from the figures (<see cref="ChurnStatus.ReasonText"/>), in <see cref="ChurnReasons.Declaration"/>'s order.</summary>
    private static string ChurnReason(ChurnResult result, CustomerColumns columns, CustomerScores scores, int i)
    {
        var row = ReasonRow.Of(columns, scores, i, [.. result.Reason.Figures.AsSpan(i * ChurnReasons.FigureCount, ChurnReasons.FigureCount), double.NaN]);
        row.Texts = [null, null, null, null, null, result.Reason.FigureTexts[i]];
        return ChurnStatus.ReasonText(row, ChurnStatus.Learn(columns).TypicalServiceCost, Options);
    }
}
