using System.Text.Json.Serialization;

namespace Clientele.Classification;

/// <summary>
/// What <see cref="RelationshipLadder"/> learns from the whole base (<see cref="RelationshipLadder.Learn"/>) and applies to each
/// customer (<see cref="RelationshipLadder.Apply"/>). NaN is written as the JSON string "NaN".
/// </summary>
/// <param name="ModelBased">Whether any customer has a P(alive) from a model: without one, recency in purchase gaps stands in for it.</param>
/// <param name="TypicalGapDays">The base's typical gap between purchase days (as <see cref="ChurnStatusContext.TypicalGapDays"/>), in days; NaN when no customer has a repeat purchase day.</param>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed record RelationshipLadderContext(bool ModelBased, double TypicalGapDays);
