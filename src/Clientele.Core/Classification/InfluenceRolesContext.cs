using System.Text.Json.Serialization;

namespace Clientele.Classification;

/// <summary>
/// What <see cref="InfluenceRoles"/> learns from the whole base (<see cref="InfluenceRoles.Learn"/>) and applies to each customer
/// (<see cref="InfluenceRoles.Apply"/>).
/// </summary>
/// <param name="MarginRate">The base's margin rate (Σ margin / Σ revenue over the customers whose orders give a margin; 1 where the data has no margins): the followers' first-purchase revenue is valued at it.</param>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed record InfluenceRolesContext(double MarginRate);
