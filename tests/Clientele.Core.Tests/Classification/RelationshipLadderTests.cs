using Clientele.Classification;

namespace Clientele.Core.Tests.Classification;

/// <summary>The relationship ladder: purchase occasions (days with a kept order) decide the lower rungs exactly; points decide supporter and advocate.</summary>
public sealed class RelationshipLadderTests
{
    private static readonly RelationshipLadderOptions Options = new();
    private static readonly DateOnly Start = new(2024, 1, 10);

    /// <summary>The rungs, and each customer's reason as a reader renders it from the stored figures (<see cref="RelationshipLadder.Reason"/>).</summary>
    private static Rungs Classify(CustomerColumns columns, CustomerScores? scores = null, string?[]? churnStatus = null)
    {
        scores ??= TestColumns.Scores(columns);
        var result = RelationshipLadder.Classify(columns, scores, Options, churnStatus);
        var declared = RelationshipLadder.Declaration.Reason!.Figures;
        var width = declared.Count - 2; // the figures the result keeps per customer; then the outcome (text) and the shared frequency
        var reasons = new string?[columns.Count];
        for (var i = 0; i < reasons.Length; i++)
        {
            var texts = new string?[declared.Count];
            texts[width] = result.FigureTexts[i];
            var row = ReasonRow.Of(columns, scores, i, [.. result.Figures.AsSpan(i * width, width), double.NaN, columns.Summary.Frequency[i]]);
            row.Texts = texts;
            reasons[i] = RelationshipLadder.Reason(row, Options);
        }
        return new Rungs(result, reasons);
    }

    private sealed record Rungs(DimensionResult Result, string?[] Reason)
    {
        public string?[] Class => Result.Class;

        public string Dimension => Result.Dimension;

        public IReadOnlyList<string> Notes => Result.Notes;

        public string Method => Result.Method;
    }

    [Fact]
    public void Empty_columns_give_an_empty_result()
    {
        var result = Classify(TestColumns.Create(0));
        Assert.Empty(result.Class);
        Assert.Empty(result.Reason);
        Assert.Equal(Dimensions.Ladder, result.Dimension);
    }

    [Fact]
    public void A_party_with_no_orders_and_no_interactions_has_no_relationship()
    {
        var result = Classify(TestColumns.Create(1));
        Assert.Equal("no-relationship", result.Class[0]);
        Assert.StartsWith("no-relationship: never bought, no engagement", result.Reason[0]);
    }

    [Fact]
    public void A_single_visit_when_becoming_known_is_awareness_not_engagement()
    {
        var columns = TestColumns.Create(1);
        TestColumns.Interactions(columns, 0, "visit", 1);
        columns.ProspectTouches[0] = 1;
        var result = Classify(columns);
        Assert.Equal("no-relationship", result.Class[0]);
        Assert.Contains("1 visit when becoming known", result.Reason[0]);
    }

    [Theory]
    [InlineData("inquiry", 1)]
    [InlineData("trial", 1)]
    [InlineData("quote", 1)]
    [InlineData("visit", 2)]
    [InlineData("support", 1)]
    public void Any_engagement_beyond_a_single_visit_makes_a_prospect(string kind, int count)
    {
        var columns = TestColumns.Create(1);
        TestColumns.Interactions(columns, 0, kind, count);
        var result = Classify(columns);
        Assert.Equal("prospect", result.Class[0]);
    }

    [Fact]
    public void A_party_whose_only_order_was_cancelled_is_a_prospect()
    {
        var columns = TestColumns.Create(1);
        columns.CancelledOrders[0] = 1;
        var result = Classify(columns);
        Assert.Equal("prospect", result.Class[0]);
        Assert.Contains("1 cancelled order", result.Reason[0]);
    }

    [Fact]
    public void One_completed_order_makes_a_buyer_and_so_does_one_returned_order()
    {
        var columns = TestColumns.Create(2);
        TestColumns.Buy(columns, 0, [Start]);
        columns.Summary.Returns[1] = 1;
        columns.KeptPurchaseDays[1] = 1;
        var result = Classify(columns);
        Assert.Equal("buyer", result.Class[0]);
        Assert.Equal("buyer: bought on 1 day (1 order, completed)", result.Reason[0]);
        Assert.Equal("buyer", result.Class[1]);
        Assert.Equal("buyer: bought on 1 day (1 order, returned)", result.Reason[1]);
    }

    [Fact]
    public void Orders_on_several_days_without_evidence_make_a_customer_but_orders_all_on_one_day_a_buyer()
    {
        var columns = TestColumns.Create(3);
        TestColumns.Buy(columns, 0, TestColumns.Every(Start, 30, 5));
        TestColumns.Buy(columns, 1, [Start, Start, Start]);
        TestColumns.Buy(columns, 2, [Start, Start, Start.AddDays(1)]);
        var result = Classify(columns);
        Assert.Equal(["customer", "buyer", "customer"], result.Class);
        // 2024-01-10 to the as-of date 2025-12-31: 721 days.
        Assert.StartsWith("customer: 5 orders on 5 days, the first 721 days ago; ", result.Reason[0]);
        Assert.Equal("buyer: bought on 1 day (3 orders on that day)", result.Reason[1]);
        Assert.StartsWith("customer: 3 orders on 2 days, the first 721 days ago; ", result.Reason[2]);
    }

    [Fact]
    public void Two_orders_on_one_day_are_one_purchase_occasion()
    {
        var columns = TestColumns.Create(1);
        TestColumns.Buy(columns, 0, [Start, Start]);
        Assert.Equal(1, columns.KeptPurchaseDays[0]);
        var result = Classify(columns);
        Assert.Equal("buyer", result.Class[0]);
        Assert.Equal("buyer: bought on 1 day (2 orders on that day)", result.Reason[0]);
    }

    [Fact]
    public void A_completed_and_a_returned_order_on_two_days_are_two_occasions_and_on_one_day_one()
    {
        var columns = TestColumns.Create(2);
        TestColumns.Buy(columns, 0, [Start]);
        columns.Summary.Returns[0] = 1;
        columns.KeptPurchaseDays[0] = 2;
        TestColumns.Buy(columns, 1, [Start]);
        columns.Summary.Returns[1] = 1;
        var result = Classify(columns);
        Assert.Equal(["customer", "buyer"], result.Class);
        Assert.StartsWith("customer: 2 orders on 2 days, ", result.Reason[0]);
        Assert.Equal("buyer: bought on 1 day (2 orders on that day)", result.Reason[1]);
    }

    [Fact]
    public void A_referral_that_bought_makes_an_advocate_and_the_reason_names_it()
    {
        var columns = TestColumns.Create(1);
        TestColumns.Buy(columns, 0, TestColumns.Every(Start, 30, 9));
        columns.Summary.ReferralsMade[0] = 3;
        columns.Summary.ReferralsBought[0] = 2;
        var result = Classify(columns);
        Assert.Equal("advocate", result.Class[0]);
        Assert.Contains("referred 3, 2 bought +3", result.Reason[0]);
        Assert.Contains("advocacy 3 ≥ 3", result.Reason[0]);
    }

    [Fact]
    public void Promoter_answers_reviews_and_early_adoption_together_make_an_advocate_without_referrals()
    {
        var columns = TestColumns.Create(1);
        TestColumns.Buy(columns, 0, TestColumns.Every(Start, 30, 9));
        columns.SurveyAnswers[0] = 2;
        columns.PromoterAnswers[0] = 2;
        columns.PositiveReviews[0] = 3;
        columns.EarliestAdoptionDays[0] = 20;
        var result = Classify(columns);
        Assert.Equal("advocate", result.Class[0]);
        Assert.Contains("bought a new line 20 days after launch +1", result.Reason[0]);
    }

    [Fact]
    public void Negative_reviews_take_advocacy_points_away()
    {
        var columns = TestColumns.Create(1);
        TestColumns.Buy(columns, 0, TestColumns.Every(Start, 30, 9));
        columns.PromoterAnswers[0] = 2;
        columns.PositiveReviews[0] = 3;
        columns.EarliestAdoptionDays[0] = 20;
        columns.NegativeReviews[0] = 1;
        var result = Classify(columns);
        Assert.NotEqual("advocate", result.Class[0]);
        Assert.Contains("1 negative review −1", result.Reason[0]);
    }

    [Fact]
    public void A_high_share_of_wallet_and_good_surveys_make_a_supporter()
    {
        var columns = TestColumns.Create(1);
        TestColumns.Buy(columns, 0, TestColumns.Every(new DateOnly(2025, 1, 1), 30, 12), amount: 100);
        columns.WalletEstimate[0] = 1_500;
        columns.Summary.MeanSurveyScore[0] = 8.5;
        columns.SurveyAnswers[0] = 1;
        var result = Classify(columns);
        Assert.Equal("supporter", result.Class[0]);
        Assert.Contains("share of wallet 0.80 +2", result.Reason[0]);
        Assert.Contains("mean survey score 8.5 +2", result.Reason[0]);
        Assert.Contains("loyalty 4 ≥ 3", result.Reason[0]);
    }

    [Fact]
    public void A_low_share_of_wallet_keeps_a_satisfied_customer_a_customer()
    {
        var columns = TestColumns.Create(1);
        TestColumns.Buy(columns, 0, TestColumns.Every(new DateOnly(2025, 1, 5), 60, 6), amount: 100);
        columns.WalletEstimate[0] = 10_000;
        columns.Summary.MeanSurveyScore[0] = 9;
        columns.SurveyAnswers[0] = 2;
        columns.PromoterAnswers[0] = 2;
        var result = Classify(columns);
        Assert.Equal("customer", result.Class[0]);
        Assert.Contains("share of wallet 0.06 −2", result.Reason[0]);
    }

    [Fact]
    public void A_negative_margin_changes_nothing_on_the_ladder()
    {
        var columns = TestColumns.Create(1);
        TestColumns.Buy(columns, 0, TestColumns.Every(Start, 30, 4), marginRate: -0.2);
        Assert.Equal("customer", Classify(columns).Class[0]);
    }

    [Fact]
    public void A_declining_churn_status_is_named_in_the_reason_and_keeps_the_class()
    {
        var columns = TestColumns.Create(4);
        for (var i = 0; i < 3; i++) TestColumns.Buy(columns, i, TestColumns.Every(Start, 30, 4));
        TestColumns.Buy(columns, 3, [Start]);
        var scores = TestColumns.Scores(columns);
        scores.ProbabilityAlive[0] = 0.12;
        scores.ProbabilityAlive[1] = 0.9;
        scores.ProbabilityAlive[2] = 0.5;
        scores.ProbabilityAlive[3] = 0.01;
        var result = Classify(columns, scores, [ChurnStatus.Lapsed, ChurnStatus.Active, ChurnStatus.AtRisk, ChurnStatus.Lost]);
        Assert.Equal(["customer", "customer", "customer", "buyer"], result.Class);
        Assert.StartsWith("customer (lapsed by the churn status): 4 orders on 4 days, the first 721 days ago; ", result.Reason[0]);
        Assert.StartsWith("customer: 4 orders on 4 days, the first 721 days ago; ", result.Reason[1]);
        Assert.StartsWith("customer (at-risk by the churn status): 4 orders on 4 days", result.Reason[2]);
        Assert.Equal("buyer (lost by the churn status): bought on 1 day (1 order, completed)", result.Reason[3]);
        Assert.Contains("3 buyers are at-risk, lapsed or lost by the churn status (ladder class kept, the status named in the reason).", result.Notes);
        Assert.Contains("P(alive) from the model", result.Method);
    }

    [Fact]
    public void Without_a_churn_status_no_decline_is_named_even_after_a_long_silence()
    {
        var columns = TestColumns.Create(1);
        TestColumns.Buy(columns, 0, TestColumns.Every(new DateOnly(2024, 1, 1), 30, 4));
        var result = Classify(columns);
        Assert.StartsWith("customer: 4 orders on 4 days, ", result.Reason[0]);
        Assert.Contains("0 buyers are at-risk, lapsed or lost by the churn status (ladder class kept, the status named in the reason).", result.Notes);
        Assert.Contains("no model could be fitted", result.Method);
    }

    [Fact]
    public void Without_a_model_the_churn_status_from_own_purchase_gaps_marks_the_long_silent_customer()
    {
        var columns = TestColumns.Create(2);
        TestColumns.Buy(columns, 0, TestColumns.Every(new DateOnly(2024, 1, 1), 30, 4));
        TestColumns.Buy(columns, 1, TestColumns.Every(new DateOnly(2025, 10, 1), 30, 4));
        var scores = TestColumns.Scores(columns);
        var churn = ChurnStatus.Classify(columns, scores, new ChurnStatusOptions()).Status.Class;
        var result = Classify(columns, scores, churn);
        Assert.Contains(churn[0], new[] { ChurnStatus.Lapsed, ChurnStatus.Lost });
        Assert.Equal(ChurnStatus.Active, churn[1]);
        Assert.StartsWith($"customer ({churn[0]} by the churn status): 4 orders on 4 days, ", result.Reason[0]);
        Assert.StartsWith("customer: 4 orders on 4 days, ", result.Reason[1]);
    }

    [Fact]
    public void Every_customer_gets_exactly_one_class_of_the_ladder_and_a_reason()
    {
        var columns = TestColumns.Create(6);
        TestColumns.Interactions(columns, 1, "inquiry", 1);
        TestColumns.Buy(columns, 2, [Start]);
        TestColumns.Buy(columns, 3, TestColumns.Every(Start, 20, 5));
        TestColumns.Buy(columns, 4, TestColumns.Every(Start, 20, 5));
        columns.Summary.ReferralsBought[4] = 1;
        columns.Summary.ReferralsMade[4] = 1;
        var result = Classify(columns);
        Assert.All(result.Class, c => Assert.Contains(c, RelationshipLadder.Classes));
        Assert.All(result.Reason, r => Assert.False(string.IsNullOrEmpty(r)));
        Assert.Equal(["no-relationship", "prospect", "buyer", "customer", "advocate", "no-relationship"], result.Class);
    }
}
