namespace Clientele.Storage.Referrals;

/// <summary>A customer to ask for a referral (<see cref="AskQuery"/>).</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Name">Its name, where known.</param>
/// <param name="Email">Its e-mail where the customers file carried an <c>email</c> column; else null.</param>
/// <param name="Ladder">Its rung of the relationship ladder (supporter or advocate by default).</param>
/// <param name="ProbabilityAlive">P(alive) from the analysis's model; null without a model (then the churn status decided).</param>
/// <param name="ChurnStatus">Its churn status, where it has one.</param>
/// <param name="Value">Its customer value (past and future net value), the order of the list within a rung.</param>
/// <param name="LastAsked">The day of its last <c>referral_ask</c> interaction, or null when never asked.</param>
/// <param name="Reason">Why, in words, with the figures.</param>
public sealed record AskCandidate(
    string CustomerId, string? Name, string? Email, string Ladder, double? ProbabilityAlive, string? ChurnStatus, double? Value,
    DateOnly? LastAsked, string Reason);
