namespace Clientele.Storage.Referrals;

/// <summary>Whom to ask for a referral, as of an analysis (<see cref="AskQuery.Of"/>).</summary>
/// <param name="AsOf">The analysis read.</param>
/// <param name="AliveBy">How "alive" was decided: "P(alive) ≥ 0.6 (model BG/NBD)" or the churn status when the analysis has no P(alive).</param>
/// <param name="OnLadder">Customers on the asked rungs (<c>referrals.askLadder</c>).</param>
/// <param name="NotAlive">Of them, left out as not alive.</param>
/// <param name="AskedRecently">Left out (alive) as asked within the cooldown, or since the analysis date.</param>
/// <param name="OpenComplaint">Left out (alive, not asked recently) for an open complaint.</param>
/// <param name="Total">Customers to ask, before <paramref name="Candidates"/> was cut to the top.</param>
/// <param name="Candidates">The first of them: the highest rung first, then by value (largest first), then id.</param>
/// <param name="Note">What the data lacks when the list is empty, or null.</param>
public sealed record AskList(
    DateOnly AsOf, string AliveBy, long OnLadder, long NotAlive, long AskedRecently, long OpenComplaint, long Total,
    IReadOnlyList<AskCandidate> Candidates, string? Note);
