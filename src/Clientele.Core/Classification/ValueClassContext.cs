using System.Text.Json.Serialization;

namespace Clientele.Classification;

/// <summary>
/// What <see cref="ValueClass"/> learns from the whole base (<c>ValueClass.Learn</c>) and applies to each customer
/// (<c>ValueClass.Apply</c>); the wallets it reads are the <see cref="WalletContext"/> learned beside it. Money in the
/// data's currency; growth a year. NaN (a quantile of no customers) is written as the JSON string "NaN".
/// </summary>
/// <param name="BaseMarginRate">The base's margin rate (<see cref="Internal.BaseMargin"/>, the influence roles' too): the margin rate of a customer without its own.</param>
/// <param name="ActualCustomers">The customers who have bought with a finite value: the population of the MVC cut.</param>
/// <param name="MvcCut">The MVC cut: the (1 − MVC share)-quantile of value among the actual customers.</param>
/// <param name="ActiveCustomers">The actual customers active by the churn status (0: nobody can be an MGC).</param>
/// <param name="MedianActiveYearlyValue">The median active customer's yearly value (yearly revenue × margin rate); NaN without active customers.</param>
/// <param name="MgcFloor">The floor of growth potential: the larger of the minimum growth and the minimum growth share × <paramref name="MedianActiveYearlyValue"/>.</param>
/// <param name="MgcRankCut">The (1 − MGC share)-quantile of growth potential among the active customers outside MVC and BZC; NaN without them.</param>
/// <param name="MgcCut">The MGC cut: the larger of <paramref name="MgcRankCut"/> and <paramref name="MgcFloor"/> (the floor alone without a rank cut).</param>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed record ValueClassContext(
    double BaseMarginRate,
    int ActualCustomers,
    double MvcCut,
    int ActiveCustomers,
    double MedianActiveYearlyValue,
    double MgcFloor,
    double MgcRankCut,
    double MgcCut);
