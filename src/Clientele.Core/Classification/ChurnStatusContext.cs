using System.Text.Json.Serialization;

namespace Clientele.Classification;

/// <summary>
/// What <see cref="ChurnStatus"/> learns from the whole base (<see cref="ChurnStatus.Learn"/>) and applies to each customer
/// (<see cref="ChurnStatus.Apply"/>). NaN is written as the JSON string "NaN".
/// </summary>
/// <param name="TypicalGapDays">The base's typical gap between purchase days: the median own mean gap of the customers with a repeat purchase day, in days; NaN when none has.</param>
/// <param name="TypicalServiceCost">The median positive service cost of the churn window over the base (0 when nobody has one): the reason "service" needs a multiple of it.</param>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed record ChurnStatusContext(double TypicalGapDays, double TypicalServiceCost);
