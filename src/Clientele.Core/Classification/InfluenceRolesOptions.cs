namespace Clientele.Classification;

/// <summary>The thresholds of <see cref="InfluenceRoles"/>, with their defaults (documented in docs/classification.md).</summary>
public sealed record InfluenceRolesOptions
{
    /// <summary>Promoter answers (9-10 of 10) a customer who has not referred anyone needs to be a positive spreader. Default 1.</summary>
    public int PositiveMinPromoterAnswers { get; init; } = 1;

    /// <summary>Positive reviews (4-5 of 5) needed alongside the promoter answers. Default 2: one good review is common; speaking up repeatedly is spreading.</summary>
    public int PositiveMinPositiveReviews { get; init; } = 2;

    /// <summary>Interactions of positive sentiment that stand in for the positive reviews (thanks, praise). Default 3.</summary>
    public int PositiveMinPositiveInteractions { get; init; } = 3;

    /// <summary>Negative reviews (1-2 of 5) that make a negative spreader on their own. Default 2.</summary>
    public int NegativeMinReviews { get; init; } = 2;

    /// <summary>
    /// Negative interactions (complaints and other negative sentiment) that, with a single negative review, make a
    /// negative spreader (as a detractor answer does). Default 3.
    /// </summary>
    public int NegativeMinInteractions { get; init; } = 3;

    /// <summary>Days from a new line's launch to the customer's first purchase of it within which the customer is an early adopter (a possible leader). Default 21: planted leaders buy within 14 days of launch.</summary>
    public double LeaderMaxAdoptionDays { get; init; } = 21;

    /// <summary>Adoption rank (0 = first, 1 = last among the line's first buyers) within which the customer is an early adopter. Default 0.05: the first 5%.</summary>
    public double LeaderMaxAdoptionRank { get; init; } = 0.05;

    /// <summary>Followers (same region, first purchase of the line 7-56 days later) a leader or caller needs. Default 3.</summary>
    public int MinFollowers { get; init; } = 3;

    /// <summary>Followers over the number expected by chance (<see cref="CustomerColumns.FollowersExpected"/>) a leader or caller needs. Default 2: twice what the line and region would show anyway.</summary>
    public double MinFollowersLift { get; init; } = 2;

    /// <summary>Suggestions a contributor needs. Default 1.</summary>
    public int MinSuggestions { get; init; } = 1;
}
