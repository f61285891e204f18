using System.Text.Json.Serialization;

namespace Clientele.Classification;

/// <summary>
/// What <see cref="ValueTier"/> learns from the whole base (<see cref="ValueTier.Learn"/>) and applies to each customer
/// (<see cref="ValueTier.Apply"/>). NaN (a quantile cut of a base without actual customers) is written as the JSON string "NaN".
/// </summary>
/// <param name="Cuts">The medium, large and VIP cuts of customer value, in that order, in the data's currency.</param>
/// <param name="Labels">How each cut was set: "fixed", or the quantile share it keeps above it ("top 20%").</param>
/// <param name="FixedCuts">Whether the cuts are fixed money cuts (a value at or above the cut is in) rather than quantiles (above the cut).</param>
/// <param name="ActualCustomers">The customers who have bought with a finite value: the population of the quantiles.</param>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed record ValueTierContext(double[] Cuts, string[] Labels, bool FixedCuts, int ActualCustomers);
