namespace Clientele.Storage.Referrals;

/// <summary>A customer to thank now (<see cref="ThankQuery"/>).</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Name">Its name, where known.</param>
/// <param name="Email">Its e-mail where the customers file carried an <c>email</c> column; else null.</param>
/// <param name="ReferredBought">Customers it referred who bought since it was last thanked (within the window).</param>
/// <param name="ReferredValue">What they bought in that time: completed orders' amounts, in the workspace's money.</param>
/// <param name="Helps">Help to thank for in that time, per interaction kind (review, suggestion, ...): interactions not of negative sentiment.</param>
/// <param name="LastThanked">The day of its last <c>referral_thanks</c> interaction, or null when never thanked.</param>
/// <param name="CountedFrom">The first day counted: the day after the last thank, or the window's first day.</param>
/// <param name="Reason">Why, in words, with the figures.</param>
public sealed record ThankCandidate(
    string CustomerId, string? Name, string? Email, long ReferredBought, double ReferredValue,
    IReadOnlyDictionary<string, long> Helps, DateOnly? LastThanked, DateOnly CountedFrom, string Reason);
