using System.Text.Json.Serialization;

namespace Clientele.Classification;

/// <summary>
/// What <see cref="StrategyMatrix"/> learns from the whole base (<c>StrategyMatrix.Learn</c>) and applies to each customer
/// (<c>StrategyMatrix.Apply</c>); the wallets it reads are the <see cref="WalletContext"/> learned beside it. Money in the
/// data's currency. NaN (a quantile of no customers) is written as the JSON string "NaN".
/// </summary>
/// <param name="PredictedCut">The large-volume quantile of the live customers' expected revenue over the horizon (where a model predicts it); NaN without any.</param>
/// <param name="PastCut">The same quantile of the live customers' yearly revenue: the cut for customers without a prediction; NaN without live customers.</param>
/// <param name="PredictedCustomers">The live customers with a predicted revenue (0: the volume is the yearly revenue for everyone).</param>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed record StrategyMatrixContext(double PredictedCut, double PastCut, int PredictedCustomers);
