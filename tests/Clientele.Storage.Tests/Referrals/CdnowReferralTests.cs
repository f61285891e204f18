using Clientele.Storage.Referrals;
using Clientele.Storage.Tests.Analysis;

namespace Clientele.Storage.Tests.Referrals;

/// <summary>
/// Thank and refer on the CDNOW master log (orders only: no referrals, interactions, surveys or wallets): each list says
/// what the data lacks, and the empty ask list is not passed off as a finding about the customers.
/// </summary>
public sealed class CdnowReferralTests(CdnowMaster cdnow) : IClassFixture<CdnowMaster>
{
    [Fact]
    public void The_thank_list_says_the_data_has_no_referrals_and_no_helps()
    {
        var list = ThankQuery.Of(cdnow.Require());
        Assert.Empty(list.Candidates);
        Assert.StartsWith("Nobody to thank: the data has no referrals and no review or suggestion interactions.", list.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ask_list_says_the_data_cannot_tell_who_would_refer_rather_than_that_nobody_would()
    {
        var list = AskQuery.Of(cdnow.Require());
        Assert.Empty(list.Candidates);
        Assert.Equal(0, list.OnLadder);
        Assert.Equal(
            "Nobody to ask: no customer of the analysis as of 1998-06-30 is supporter or advocate on the relationship ladder, and this data cannot tell who would be: " +
            "it has no referrals, survey answers, reviews, suggestions or wallet estimates, the evidence that lifts a repeat buyer above customer (docs/classification.md), " +
            "so every repeat buyer stays customer by default. That is missing data, not a finding that nobody would recommend you. Import referrals or interactions " +
            "(`clientele import referrals FILE`, `clientele import interactions FILE`) and analyze again to build the list.",
            list.Note);
    }

    [Fact]
    public void The_results_say_there_is_nothing_to_measure_and_list_nothing_open()
    {
        var results = ReferralResultsQuery.Of(cdnow.Require());
        Assert.StartsWith("The data has no referral_thanks interactions: nothing to measure.", results.Thank.Statement, StringComparison.Ordinal);
        Assert.StartsWith("The data has no referral_ask interactions: nothing to measure.", results.Ask.Statement, StringComparison.Ordinal);
        Assert.Equal(0, results.Thank.Treated);
        Assert.Empty(results.Open);
        Assert.Equal(0, results.OpenTotal);
    }
}
