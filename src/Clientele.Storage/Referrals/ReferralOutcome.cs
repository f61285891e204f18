namespace Clientele.Storage.Referrals;

/// <summary>
/// What thanking or asking was followed by (<see cref="ReferralResultsQuery"/>): the referrals made, and what the
/// referred customers bought, in the days after, against comparable customers over the same windows. An association
/// measured in the data, not proof of an effect.
/// </summary>
/// <param name="Action">Thank or ask.</param>
/// <param name="PeriodFrom">The first day of the thanks (asks) counted.</param>
/// <param name="PeriodTo">The last day of them: the analysis date less <paramref name="Days"/>, so each has its whole window.</param>
/// <param name="Days">The window after each thank (ask), in days.</param>
/// <param name="Treated">Customers thanked (asked) in the period; each counted from its first thank (ask) in it.</param>
/// <param name="Comparable">Customers of the same ladder rungs never thanked (asked) from the period's start on.</param>
/// <param name="TreatedReferrals">Referrals per thanked (asked) customer in its window.</param>
/// <param name="ComparableReferrals">Referrals per comparable customer over the same windows: for each thanked customer, the mean of the comparable customers of its rung over its window, averaged.</param>
/// <param name="TreatedValue">Per thanked (asked) customer: what the customers it referred in its window bought in that window.</param>
/// <param name="ComparableValue">The same for comparable customers, matched as <paramref name="ComparableReferrals"/>.</param>
/// <param name="TreatedShare">Share of thanked (asked) customers who referred anyone in their window, 0 to 1.</param>
/// <param name="ComparableShare">The same for comparable customers, matched as <paramref name="ComparableReferrals"/>.</param>
/// <param name="Enough">Whether both groups reach <c>referrals.minimumGroup</c>; when not, the figures are shown but not compared.</param>
/// <param name="Statement">The comparison in words, with its limits.</param>
public sealed record ReferralOutcome(
    ReferralAction Action, DateOnly PeriodFrom, DateOnly PeriodTo, int Days, long Treated, long Comparable,
    double? TreatedReferrals, double? ComparableReferrals, double? TreatedValue, double? ComparableValue,
    double? TreatedShare, double? ComparableShare, bool Enough, string Statement);
