namespace Clientele.Storage.Referrals;

/// <summary>
/// A thank or an ask whose window is still open (<see cref="ReferralResults.Open"/>): made after the period the results
/// measure, so not yet in their figures; what followed it so far.
/// </summary>
/// <param name="CustomerId">The customer thanked (asked).</param>
/// <param name="Name">Its name, where known.</param>
/// <param name="Action">Thank or ask.</param>
/// <param name="At">Its first thank (ask) after the measured period (UTC).</param>
/// <param name="Referrals">Customers it referred since then (a referral dated by <c>referrals.occurred_at</c>, else by the referred party's <c>acquired_at</c>).</param>
/// <param name="ReferredValue">What those referred customers bought since then: completed orders' amounts, in the workspace's money.</param>
public sealed record ReferralFollowUp(string CustomerId, string? Name, ReferralAction Action, DateTime At, long Referrals, double ReferredValue);
