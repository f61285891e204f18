namespace Clientele.Storage.Referrals;

/// <summary>Whom to thank now, as of an analysis (<see cref="ThankQuery.Of"/>).</summary>
/// <param name="AsOf">The analysis read; what happened up to and including this day counts, and a thank recorded at any time since removes a customer at once.</param>
/// <param name="WindowDays">How far back the list looks for a customer never thanked (option <c>referrals.thankWindowDays</c>).</param>
/// <param name="Total">Customers to thank, before <paramref name="Candidates"/> was cut to the top.</param>
/// <param name="Candidates">The first of them, by the referred customers' purchases (largest first), then helps, then id.</param>
/// <param name="Note">What the data lacks when the list is empty (no referrals, no reviews or suggestions), or null.</param>
public sealed record ThankList(DateOnly AsOf, int WindowDays, long Total, IReadOnlyList<ThankCandidate> Candidates, string? Note);
