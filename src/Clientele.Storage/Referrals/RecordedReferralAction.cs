namespace Clientele.Storage.Referrals;

/// <summary>A thank or an ask as recorded (<see cref="ReferralLog.Record"/>): one row of <c>interactions</c>.</summary>
/// <param name="InteractionId">The row's id, <c>referral_thanks-…</c> or <c>referral_ask-…</c>.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="Kind">The interaction kind: <c>referral_thanks</c> or <c>referral_ask</c>.</param>
/// <param name="OccurredAt">When (UTC).</param>
/// <param name="Note">The note kept as the interaction's text, or null.</param>
public sealed record RecordedReferralAction(string InteractionId, string CustomerId, string Kind, DateTime OccurredAt, string? Note);
