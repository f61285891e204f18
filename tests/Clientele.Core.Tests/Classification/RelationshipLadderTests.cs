using Clientele.Classification;

namespace Clientele.Core.Tests.Classification;

/// <summary>The relationship ladder: kept orders decide the lower rungs exactly; points decide supporter and advocate.</summary>
public sealed class RelationshipLadderTests
{
    private static readonly RelationshipLadderOptions Options = new();
    private static readonly DateOnly Start = new(2024, 1, 10);

    private static DimensionResult Classify(CustomerColumns columns, CustomerScores? scores = null) =>
        RelationshipLadder.Classify(columns, scores ?? TestColumns.Scores(columns), Options);

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
        var result = Classify(columns);
        Assert.Equal("buyer", result.Class[0]);
        Assert.Equal("buyer: 1 kept order (completed)", result.Reason[0]);
        Assert.Equal("buyer", result.Class[1]);
        Assert.Equal("buyer: 1 kept order (returned)", result.Reason[1]);
    }

    [Fact]
    public void Several_orders_without_evidence_make_a_customer_even_all_on_one_day()
    {
        var columns = TestColumns.Create(2);
        TestColumns.Buy(columns, 0, TestColumns.Every(Start, 30, 5));
        TestColumns.Buy(columns, 1, [Start, Start, Start]);
        var result = Classify(columns);
        Assert.Equal("customer", result.Class[0]);
        Assert.Equal("customer", result.Class[1]);
        Assert.Contains("3 kept orders", result.Reason[1]);
    }

    [Fact]
    public void A_completed_and_a_returned_order_are_two_kept_orders()
    {
        var columns = TestColumns.Create(1);
        TestColumns.Buy(columns, 0, [Start]);
        columns.Summary.Returns[0] = 1;
        Assert.Equal("customer", Classify(columns).Class[0]);
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
    public void A_low_P_alive_marks_lapsing_in_the_reason_and_keeps_the_class()
    {
        var columns = TestColumns.Create(2);
        TestColumns.Buy(columns, 0, TestColumns.Every(Start, 30, 4));
        TestColumns.Buy(columns, 1, TestColumns.Every(Start, 30, 4));
        var scores = TestColumns.Scores(columns);
        scores.ProbabilityAlive[0] = 0.12;
        scores.ProbabilityAlive[1] = 0.9;
        var result = Classify(columns, scores);
        Assert.Equal("customer", result.Class[0]);
        Assert.StartsWith("customer (lapsing: P(alive) 0.12): 4 kept orders", result.Reason[0]);
        Assert.StartsWith("customer: 4 kept orders", result.Reason[1]);
        Assert.Contains("P(alive) from the model", result.Method);
    }

    [Fact]
    public void Without_a_model_a_long_silence_in_own_purchase_gaps_marks_lapsing()
    {
        var columns = TestColumns.Create(2);
        TestColumns.Buy(columns, 0, TestColumns.Every(new DateOnly(2024, 1, 1), 30, 4));
        TestColumns.Buy(columns, 1, TestColumns.Every(new DateOnly(2025, 10, 1), 30, 4));
        var result = Classify(columns);
        Assert.Contains("(lapsing: ", result.Reason[0]);
        Assert.DoesNotContain("lapsing", result.Reason[1]);
        Assert.Contains("no model could be fitted", result.Method);
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
