namespace Clientele.Classification;

/// <summary>
/// The churn status of every customer and, for those leaving, the reason seen before they left.
/// </summary>
/// <param name="Status">
/// Dimension <see cref="Dimensions.ChurnStatus"/>: active, at-risk, lapsed or lost; null for a party that has not bought.
/// </param>
/// <param name="Reason">
/// Dimension <see cref="Dimensions.ChurnReason"/>: one of <see cref="ChurnReasons.All"/> for lapsed and lost customers
/// and for at-risk customers showing warning signs; null otherwise (its reason says why).
/// </param>
public sealed record ChurnResult(DimensionResult Status, DimensionResult Reason);
