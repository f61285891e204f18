namespace Clientele.Storage.Referrals;

/// <summary>What thanking and asking were followed by, as of an analysis (<see cref="ReferralResultsQuery.Of"/>).</summary>
/// <param name="AsOf">The analysis read; its ladder rungs group the comparable customers.</param>
/// <param name="Thank">After a thank (<c>referral_thanks</c>).</param>
/// <param name="Ask">After an ask (<c>referral_ask</c>).</param>
/// <param name="Open">
/// Thanks and asks made after the measured period (<see cref="ReferralOutcome.PeriodTo"/>), recorded after the analysis
/// date too, whose window has not closed: each with the referrals and purchases that followed it so far, latest first
/// (at most <see cref="ReferralResultsQuery.MaxOpen"/>). Not in the outcomes' figures until a later analysis covers their window.
/// </param>
/// <param name="OpenTotal">Thanks and asks with an open window in all, before <paramref name="Open"/> was cut.</param>
public sealed record ReferralResults(DateOnly AsOf, ReferralOutcome Thank, ReferralOutcome Ask, IReadOnlyList<ReferralFollowUp> Open, long OpenTotal);
