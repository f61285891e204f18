using System.ComponentModel.DataAnnotations;

namespace Clientele.Classification;

/// <summary>The thresholds of <see cref="InfluenceRoles"/>, with their defaults (documented in docs/classification.md).</summary>
public sealed record InfluenceRolesOptions
{
    /// <summary>
    /// Promoter answers (9-10 of 10) a customer who has not referred anyone needs to be a positive spreader. Default 2:
    /// a single 9 is common among merely satisfied customers (in the seeded company one promoter answer with two
    /// positive reviews flagged as many non-spreaders as spreaders; two answers and three reviews, 1 in 6).
    /// </summary>
    [Range(1, 1000)]
    public int PositiveMinPromoterAnswers { get; init; } = 2;

    /// <summary>Positive reviews (4-5 of 5) needed alongside the promoter answers. Default 3: one or two good reviews are common; speaking up repeatedly is spreading.</summary>
    [Range(1, 1000)]
    public int PositiveMinPositiveReviews { get; init; } = 3;

    /// <summary>Other interactions of positive sentiment (not survey answers or reviews: thanks, praise, positive suggestions) that stand in for the positive reviews. Default 5.</summary>
    [Range(1, 1000)]
    public int PositiveMinPositiveInteractions { get; init; } = 5;

    /// <summary>Negative reviews (1-2 of 5) that make a negative spreader on their own. Default 2.</summary>
    [Range(1, 1000)]
    public int NegativeMinReviews { get; init; } = 2;

    /// <summary>
    /// Other negative interactions (complaints and the like, not reviews or survey answers) that, with a single
    /// negative review, make a negative spreader (as one detractor answer does). Default 5: a few complaints are
    /// everyday business and say nothing about what the customer tells others.
    /// </summary>
    [Range(1, 1000)]
    public int NegativeMinInteractions { get; init; } = 5;

    /// <summary>Days from a new line's launch to the customer's first purchase of it within which the customer is an early adopter (a possible leader). Default 21: planted leaders buy within 14 days of launch.</summary>
    [Range(0d, 3650d)]
    public double LeaderMaxAdoptionDays { get; init; } = 21;

    /// <summary>Adoption rank (0 = first, 1 = last among the line's first buyers) within which the customer is an early adopter. Default 0.05: the first 5%.</summary>
    [Range(0d, 1d)]
    public double LeaderMaxAdoptionRank { get; init; } = 0.05;

    /// <summary>Followers (same region, first purchase of the line 7-56 days later) a leader or caller needs. Default 3.</summary>
    [Range(1, 1000)]
    public int MinFollowers { get; init; } = 3;

    /// <summary>Followers over the number expected by chance (<see cref="CustomerColumns.FollowersExpected"/>) a leader needs. Default 2: twice what the line and region would show anyway, since many customers buy a new line early by chance.</summary>
    [Range(0d, 1000d)]
    public double MinFollowersLift { get; init; } = 2;

    /// <summary>
    /// The same lift for a prominent party (caller). Default 1.5: being prominent is already evidence of drawing
    /// others, and a caller's line is often an established one whose chance level is high (in the seeded company 1.5
    /// found 6 of 8 planted callers with no false one, 2 only 3).
    /// </summary>
    [Range(0d, 1000d)]
    public double CallerMinFollowersLift { get; init; } = 1.5;

    /// <summary>Suggestions a contributor needs. Default 1.</summary>
    [Range(1, 1000)]
    public int MinSuggestions { get; init; } = 1;
}
