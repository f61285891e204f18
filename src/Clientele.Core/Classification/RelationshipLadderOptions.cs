using System.ComponentModel.DataAnnotations;

namespace Clientele.Classification;

/// <summary>
/// The thresholds of <see cref="RelationshipLadder"/>, with their defaults (documented in docs/classification.md).
/// The rungs count purchase occasions: days with a kept order, completed or returned (a returned order was still
/// bought; a cancelled one was not). Customers with two or more purchase occasions collect <b>loyalty points</b> (supporter) and <b>advocacy points</b>
/// (advocate); the weights below are the points each piece of evidence adds, the thresholds the points needed.
/// Advocacy is checked first: an advocate is also loyal, a supporter does not recommend.
/// </summary>
public sealed record RelationshipLadderOptions
{
    /// <summary>
    /// Visits of a party that never bought that count as awareness only, not engagement. Default 1: a single
    /// visit when becoming known is how most parties get known; a second visit, or any inquiry, trial, quote,
    /// opportunity, cancelled order or other interaction, makes a prospect.
    /// </summary>
    [Range(0, 1000)]
    public int AwarenessVisits { get; init; } = 1;

    /// <summary>
    /// Loyalty points a customer needs to be a supporter. Default 3: a high share of wallet with one more sign of
    /// satisfaction, or good survey scores with a positive review or repeated survey answers.
    /// </summary>
    [Range(1, 100)]
    public int SupporterPoints { get; init; } = 3;

    /// <summary>
    /// Advocacy points a customer needs to be an advocate. Default 3: one referral that bought is enough; otherwise
    /// three of promoter answers, positive reviews, early adoption and suggestions.
    /// </summary>
    [Range(1, 100)]
    public int AdvocatePoints { get; init; } = 3;

    /// <summary>
    /// Share of wallet (revenue of the last year, annualised for tenures under a year, over the wallet estimate)
    /// from which it counts as high. Default 0.5: a regular customer's share is around a third (Beta(2, 4) in the
    /// simulator, 19% of them above 0.5), a supporter's around two thirds (Beta(6, 3), 86% above 0.5).
    /// </summary>
    [Range(0d, 10d)]
    public double HighShareOfWallet { get; init; } = 0.5;

    /// <summary>Share of wallet below which it counts as low (the customer clearly buys most elsewhere). Default 0.25.</summary>
    [Range(0d, 10d)]
    public double LowShareOfWallet { get; init; } = 0.25;

    /// <summary>Loyalty points of a high share of wallet. Default 2: the defining trait of a supporter (competitors find it hard to win them); 4 times as common among the seeded supporters as among customers.</summary>
    [Range(-100, 100)]
    public int HighShareWeight { get; init; } = 2;

    /// <summary>Loyalty points of a low share of wallet. Default −2: a customer who buys three quarters elsewhere is not hard for competitors to win.</summary>
    [Range(-100, 100)]
    public int LowShareWeight { get; init; } = -2;

    /// <summary>Tenure (days) below which share of wallet is not judged: a few weeks of purchases say little about a year. Default 90.</summary>
    [Range(0d, 3650d)]
    public double ShareMinTenureDays { get; init; } = 90;

    /// <summary>Mean survey score (0-10) from which satisfaction counts as good. Default 8: NPS passives and promoters.</summary>
    [Range(0d, 10d)]
    public double GoodSurveyScore { get; init; } = 8;

    /// <summary>Loyalty points of a good mean survey score. Default 2: twice as common among the seeded supporters as among customers, and the satisfaction a lasting relationship rests on.</summary>
    [Range(-100, 100)]
    public int GoodSurveyWeight { get; init; } = 2;

    /// <summary>Loyalty points when detractor answers (0-6) outnumber promoter answers (9-10). Default −1.</summary>
    [Range(-100, 100)]
    public int DetractorWeight { get; init; } = -1;

    /// <summary>Survey answers that show the customer keeps talking to us, earning <see cref="SurveyAnswersWeight"/>. Default 2.</summary>
    [Range(1, 1000)]
    public int MinSurveyAnswers { get; init; } = 2;

    /// <summary>Loyalty points of at least <see cref="MinSurveyAnswers"/> survey answers. Default 1.</summary>
    [Range(-100, 100)]
    public int SurveyAnswersWeight { get; init; } = 1;

    /// <summary>Loyalty points of at least one positive review (4-5 of 5). Default 1.</summary>
    [Range(-100, 100)]
    public int PositiveReviewWeight { get; init; } = 1;

    /// <summary>Tenure (days since the first purchase) that earns <see cref="TenureWeight"/>. Default 365.</summary>
    [Range(1d, 36500d)]
    public double LongTenureDays { get; init; } = 365;

    /// <summary>
    /// Loyalty points of a long tenure. Default 0: tenure counts from the first purchase whether the customer is still
    /// buying or not, and in the seeded company it is the same for supporters and customers (69% vs 68% over a year);
    /// a company whose long-standing customers are its loyal ones sets it to 1.
    /// </summary>
    [Range(-100, 100)]
    public int TenureWeight { get; init; } = 0;

    /// <summary>Repeat purchase days needed to count as buying regularly. Default 4: five purchase days make a rhythm, fewer are chance.</summary>
    [Range(1, 1000)]
    public int RegularMinRepeats { get; init; } = 4;

    /// <summary>
    /// Loyalty points of buying regularly (at least <see cref="RegularMinRepeats"/> repeats and the last purchase within
    /// <see cref="LapsingAfterGaps"/> own mean gaps). Default 0: a weak sign in the seeded company (55% of supporters,
    /// 42% of customers) that added more wrong supporters than right ones.
    /// </summary>
    [Range(-100, 100)]
    public int RegularityWeight { get; init; } = 0;

    /// <summary>P(alive) from which the customer counts as firmly alive. Default 0.8.</summary>
    [Range(0d, 1d)]
    public double AliveFrom { get; init; } = 0.8;

    /// <summary>
    /// Loyalty points of P(alive) at least <see cref="AliveFrom"/> (without a model: the last purchase within one own
    /// mean gap). Default 0: as weak as regularity in the seeded company (66% of supporters, 54% of customers), since
    /// supporters who left stay supporters in its ground truth.
    /// </summary>
    [Range(-100, 100)]
    public int AliveWeight { get; init; } = 0;

    /// <summary>Advocacy points of at least one referred customer who bought. Default 3: recommending us to friends who then buy is the advocate's defining act, enough on its own (56% of the seeded advocates, 0.5% of the others).</summary>
    [Range(-100, 100)]
    public int ReferralBoughtWeight { get; init; } = 3;

    /// <summary>Advocacy points of referrals none of whom has bought yet. Default 1.</summary>
    [Range(-100, 100)]
    public int ReferralMadeWeight { get; init; } = 1;

    /// <summary>Advocacy points when promoter answers (9-10) outnumber detractor answers (0-6). Default 1.</summary>
    [Range(-100, 100)]
    public int PromoterWeight { get; init; } = 1;

    /// <summary>Positive reviews (4-5 of 5) needed for <see cref="PositiveReviewsWeight"/>. Default 2: one good review is common, several are a habit of speaking up.</summary>
    [Range(1, 1000)]
    public int MinPositiveReviews { get; init; } = 2;

    /// <summary>Advocacy points of at least <see cref="MinPositiveReviews"/> positive reviews. Default 1.</summary>
    [Range(-100, 100)]
    public int PositiveReviewsWeight { get; init; } = 1;

    /// <summary>
    /// Days from a new line's launch to the customer's first purchase of it within which the customer is an early
    /// adopter. Default 120: the seeded advocates take a new line up within 42 days of launch and buy it at their
    /// next orders of it (48% of them within 120 days), ordinary customers not before 56 days plus months (9%).
    /// </summary>
    [Range(0d, 3650d)]
    public double EarlyAdoptionDays { get; init; } = 120;

    /// <summary>Adoption rank (0 = the first buyer of the new line, 1 = the last) within which the customer is an early adopter. Default 0.05.</summary>
    [Range(0d, 1d)]
    public double EarlyAdoptionRank { get; init; } = 0.05;

    /// <summary>Advocacy points of early adoption of a new line. Default 1.</summary>
    [Range(-100, 100)]
    public int EarlyAdoptionWeight { get; init; } = 1;

    /// <summary>Advocacy points of at least one suggestion (quality, range, opportunity, talent). Default 1: customers who help us improve are engaged beyond buying (30% of the seeded advocates, 3% of the others).</summary>
    [Range(-100, 100)]
    public int SuggestionWeight { get; init; } = 1;

    /// <summary>Advocacy points of negative reviews or detractor answers outnumbering promoter answers. Default −1: an advocate does not speak badly of us.</summary>
    [Range(-100, 100)]
    public int NegativeWeight { get; init; } = -1;

    /// <summary>
    /// Buying regularly (<see cref="RegularityWeight"/>) needs the last purchase within this many of the customer's own mean
    /// gaps between purchase days; without a model, the same count of gaps stands in for a high P(alive)
    /// (<see cref="AliveWeight"/>) when it is 1 or less. Default 2, as <see cref="ChurnStatusOptions.ActiveWithinGaps"/>.
    /// </summary>
    [Range(0d, 1000d)]
    public double LapsingAfterGaps { get; init; } = 2;

    /// <summary>Throws when the low share of wallet is above the high one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of order; <c>ParamName</c> names it.</exception>
    public void Validate()
    {
        if (!(LowShareOfWallet <= HighShareOfWallet))
            throw new ArgumentOutOfRangeException(nameof(LowShareOfWallet), LowShareOfWallet, "lowShareOfWallet must be at most highShareOfWallet.");
    }
}
