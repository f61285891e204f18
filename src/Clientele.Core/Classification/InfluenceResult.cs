namespace Clientele.Classification;

/// <summary>
/// The influence roles of every customer (DOMAIN.md section 4) and its full value: what it buys, what the customers
/// it referred bring, and what the customers who followed it bring. Money is margin, or revenue where the data has
/// no margin (<see cref="CustomerScores.UsesMargin"/>), in the data's currency; the arrays are aligned with the columns.
/// </summary>
/// <param name="Roles">
/// Dimension <see cref="Dimensions.Influence"/>: the roles, comma-separated in the order positive-spreader,
/// negative-spreader, leader, caller, referrer, contributor; "none" without a role.
/// </param>
/// <param name="OwnValue">The customer's own value: <see cref="CustomerScores.Value"/> (past net value plus predicted).</param>
/// <param name="ReferralValue">Margin (revenue without margins) of the customers it referred.</param>
/// <param name="InfluenceValue">For leaders and callers: the followers' first-purchase revenue times the base's margin rate; 0 otherwise.</param>
/// <param name="FullValue">Own + referral + influence value.</param>
public sealed record InfluenceResult(DimensionResult Roles, double[] OwnValue, double[] ReferralValue, double[] InfluenceValue, double[] FullValue)
{
    /// <summary>The line a party's followers bought (null for none), for its reason.</summary>
    public string?[] FollowedLine { get; init; } = [];

    /// <summary>The tags of a party's suggestions (null for none), for its reason.</summary>
    public string?[] SuggestionTags { get; init; } = [];
}
