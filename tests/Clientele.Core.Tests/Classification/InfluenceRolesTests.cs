using Clientele.Classification;

namespace Clientele.Core.Tests.Classification;

/// <summary>Influence roles in their fixed order, and full value = own + referrals + influence.</summary>
public sealed class InfluenceRolesTests
{
    private static readonly InfluenceRolesOptions Options = new();
    private static readonly DateOnly Start = new(2024, 1, 10);

    private static InfluenceResult Classify(CustomerColumns columns, CustomerScores? scores = null) =>
        InfluenceRoles.Classify(columns, scores ?? TestColumns.Scores(columns), Options);

    /// <summary>
    /// Party <paramref name="i"/>'s reason as a reader renders it from the stored figures (<see cref="InfluenceRoles.Reason"/>), in
    /// <see cref="InfluenceRoles.Declaration"/>'s order: the result's own, the two texts, then referral, influence and full value.
    /// </summary>
    private static string Reason(InfluenceResult result, CustomerColumns columns, CustomerScores scores, int i)
    {
        var row = ReasonRow.Of(columns, scores, i,
            [.. result.Roles.Figures.AsSpan(i * 14, 14), double.NaN, double.NaN, result.ReferralValue[i], result.InfluenceValue[i], result.FullValue[i]]);
        row.Texts = [.. new string?[14], result.FollowedLine[i], result.SuggestionTags[i], null, null, null];
        return InfluenceRoles.Reason(row, Options, scores.UsesMargin);
    }

    [Fact]
    public void Empty_columns_give_an_empty_result()
    {
        var result = Classify(TestColumns.Create(0));
        Assert.Empty(result.Roles.Class);
        Assert.Empty(result.FullValue);
    }

    [Fact]
    public void A_customer_without_any_role_is_none_and_its_full_value_is_its_own()
    {
        var columns = TestColumns.Create(2);
        TestColumns.Buy(columns, 0, TestColumns.Every(Start, 30, 4));
        var result = Classify(columns);
        Assert.Equal(["none", "none"], result.Roles.Class);
        Assert.Equal(120, result.OwnValue[0], 9);
        Assert.Equal(120, result.FullValue[0], 9);
        Assert.Equal("none: no referral, suggestion, spreading or followers; full value 120 = own 120 + referrals 0 + influence 0", Reason(result, columns, TestColumns.Scores(columns), 0));
        Assert.Equal(0, result.FullValue[1]);
    }

    [Fact]
    public void A_referrer_is_a_positive_spreader_and_its_referrals_margin_adds_to_its_full_value()
    {
        var columns = TestColumns.Create(1);
        TestColumns.Buy(columns, 0, TestColumns.Every(Start, 30, 4));
        columns.Summary.ReferralsMade[0] = 3;
        columns.Summary.ReferralsBought[0] = 2;
        columns.ReferredMargin[0] = 1_240;
        columns.ReferredRevenue[0] = 4_000;
        var result = Classify(columns);
        Assert.Equal("positive-spreader, referrer", result.Roles.Class[0]);
        Assert.Contains("referrer 3 referred, 2 bought, their margin 1,240", Reason(result, columns, TestColumns.Scores(columns), 0));
        Assert.Equal(1_240, result.ReferralValue[0]);
        Assert.Equal(1_360, result.FullValue[0], 9);
        Assert.EndsWith("full value 1,360 = own 120 + referrals 1,240 + influence 0", Reason(result, columns, TestColumns.Scores(columns), 0));
    }

    [Fact]
    public void Without_margins_the_referral_value_is_the_referred_revenue()
    {
        var columns = TestColumns.Create(1);
        columns.Summary.ReferralsMade[0] = 1;
        columns.ReferredMargin[0] = 300;
        columns.ReferredRevenue[0] = 1_000;
        var scores = TestColumns.Scores(columns);
        scores.UsesMargin = false;
        var result = Classify(columns, scores);
        Assert.Equal(1_000, result.ReferralValue[0]);
        Assert.Contains("their revenue 1,000", Reason(result, columns, scores, 0));
    }

    [Fact]
    public void Promoter_answers_with_positive_reviews_make_a_positive_spreader_without_referrals()
    {
        var columns = TestColumns.Create(2);
        columns.PromoterAnswers[0] = 2;
        columns.PositiveReviews[0] = 3;
        columns.PromoterAnswers[1] = 2;
        columns.PositiveReviews[1] = 1;
        var result = Classify(columns);
        Assert.Equal("positive-spreader", result.Roles.Class[0]);
        Assert.Equal("none", result.Roles.Class[1]);
    }

    [Fact]
    public void Two_negative_reviews_or_one_with_a_detractor_answer_make_a_negative_spreader()
    {
        var columns = TestColumns.Create(3);
        columns.NegativeReviews[0] = 2;
        columns.NegativeReviews[1] = 1;
        columns.DetractorAnswers[1] = 1;
        columns.NegativeReviews[2] = 1;
        var result = Classify(columns);
        Assert.Equal(["negative-spreader", "negative-spreader", "none"], result.Roles.Class);
    }

    [Fact]
    public void An_early_adopter_with_followers_well_above_chance_is_a_leader_and_its_influence_is_valued_at_the_base_margin()
    {
        var columns = TestColumns.Create(3, ["filters", "smart-sensors"]);
        TestColumns.Buy(columns, 0, TestColumns.Every(Start, 30, 4), marginRate: 0.3);
        TestColumns.Buy(columns, 1, TestColumns.Every(Start, 30, 4), marginRate: 0.5);
        columns.EarliestAdoptionDays[0] = 5;
        columns.Followers[0] = 9;
        columns.FollowersExpected[0] = 2.5;
        columns.FollowedLine[0] = "smart-sensors";
        columns.FollowersRevenue[0] = 1_000;
        columns.EarliestAdoptionDays[1] = 5;
        columns.Followers[1] = 9;
        columns.FollowersExpected[1] = 6;
        columns.FollowersRevenue[1] = 1_000;
        var result = Classify(columns);
        Assert.Equal("leader", result.Roles.Class[0]);
        Assert.Contains("leader bought a new line 5 days after launch, 9 followers of smart-sensors vs 2.5 by chance", Reason(result, columns, TestColumns.Scores(columns), 0));
        Assert.Equal(400, result.InfluenceValue[0], 9);
        Assert.Equal("none", result.Roles.Class[1]);
        Assert.Equal(0, result.InfluenceValue[1]);
    }

    [Fact]
    public void A_prominent_party_with_followers_is_a_caller_but_not_without_them()
    {
        var columns = TestColumns.Create(2);
        columns.IsProminent[0] = true;
        columns.Followers[0] = 12;
        columns.FollowersExpected[0] = 7;
        columns.IsProminent[1] = true;
        columns.Followers[1] = 2;
        var result = Classify(columns);
        Assert.Equal(["caller", "none"], result.Roles.Class);
    }

    [Fact]
    public void A_contributor_shows_what_it_suggested()
    {
        var columns = TestColumns.Create(1);
        TestColumns.Interactions(columns, 0, "suggestion", 3);
        columns.SuggestionTags[0] = "quality:2, talent:1";
        var result = Classify(columns);
        Assert.Equal("contributor", result.Roles.Class[0]);
        Assert.StartsWith("contributor: contributor 3 suggestions (quality:2, talent:1)", Reason(result, columns, TestColumns.Scores(columns), 0));
    }

    [Fact]
    public void Roles_are_listed_in_the_fixed_order()
    {
        var columns = TestColumns.Create(1);
        TestColumns.Interactions(columns, 0, "suggestion", 1);
        columns.Summary.ReferralsMade[0] = 1;
        columns.NegativeReviews[0] = 2;
        columns.IsProminent[0] = true;
        columns.EarliestAdoptionRank[0] = 0.01;
        columns.Followers[0] = 10;
        columns.FollowersExpected[0] = 1;
        var result = Classify(columns);
        Assert.Equal("positive-spreader, negative-spreader, leader, caller, referrer, contributor", result.Roles.Class[0]);
    }

    [Fact]
    public void A_negative_own_value_is_kept_in_the_full_value()
    {
        var columns = TestColumns.Create(1);
        TestColumns.Buy(columns, 0, [Start, Start], marginRate: -0.25);
        columns.Summary.ReferralsMade[0] = 1;
        columns.ReferredMargin[0] = 80;
        var result = Classify(columns);
        Assert.Equal(-50, result.OwnValue[0], 9);
        Assert.Equal(30, result.FullValue[0], 9);
        Assert.EndsWith("full value 30.00 = own -50.00 + referrals 80.00 + influence 0.00", Reason(result, columns, TestColumns.Scores(columns), 0));
    }

    // One base margin rate for the value class and the influence roles (Internal/BaseMargin): a base that loses money on its
    // orders values followers at 0, as the value class counts growth at 0, not at a negative rate.
    [Fact]
    public void Followers_of_a_base_that_loses_money_are_valued_at_no_margin_rather_than_a_negative_one()
    {
        var columns = TestColumns.Create(2, ["filters", "smart-sensors"]);
        TestColumns.Buy(columns, 0, TestColumns.Every(Start, 30, 4), marginRate: -0.25);
        TestColumns.Buy(columns, 1, TestColumns.Every(Start, 30, 4), marginRate: 0.1);
        Assert.Equal(0, InfluenceRoles.Learn(columns, TestColumns.Scores(columns)).MarginRate);
        columns.EarliestAdoptionDays[0] = 5;
        columns.Followers[0] = 9;
        columns.FollowersExpected[0] = 2.5;
        columns.FollowedLine[0] = "smart-sensors";
        columns.FollowersRevenue[0] = 1_000;
        var result = Classify(columns);
        Assert.Equal("leader", result.Roles.Class[0]);
        Assert.Equal(0, result.InfluenceValue[0]);
    }
}
