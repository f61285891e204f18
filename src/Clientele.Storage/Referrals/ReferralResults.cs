namespace Clientele.Storage.Referrals;

/// <summary>What thanking and asking were followed by, as of an analysis (<see cref="ReferralResultsQuery.Of"/>).</summary>
/// <param name="AsOf">The analysis read; its ladder rungs group the comparable customers.</param>
/// <param name="Thank">After a thank (<c>referral_thanks</c>).</param>
/// <param name="Ask">After an ask (<c>referral_ask</c>).</param>
public sealed record ReferralResults(DateOnly AsOf, ReferralOutcome Thank, ReferralOutcome Ask);
