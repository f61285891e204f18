using System.Text.Json.Serialization;

namespace Clientele.Classification;

/// <summary>
/// What <see cref="InfluenceRoles"/> learns from the whole base (<see cref="InfluenceRoles.Learn"/>) and applies to each customer
/// (<see cref="InfluenceRoles.Apply"/>).
/// </summary>
/// <param name="MarginRate">The base's margin rate (<see cref="Internal.BaseMargin"/>, the value class's too): the followers' first-purchase revenue is valued at it.</param>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed record InfluenceRolesContext(double MarginRate);
