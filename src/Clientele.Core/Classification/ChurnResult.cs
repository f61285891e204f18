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
public sealed record ChurnResult(DimensionResult Status, DimensionResult Reason)
{
    /// <summary>Days since the last purchase of a buyer whose status came from the rule (no P(alive)); NaN for the others.</summary>
    public double[] DaysSinceLast { get; init; } = [];

    /// <summary>The expected gap between purchases (days) the rule compared them with; NaN for the others, and where there is none.</summary>
    public double[] ExpectedGapDays { get; init; } = [];

    /// <summary>1 where that gap is the customer's own mean gap, 0 where it is the base's typical gap; NaN for the others.</summary>
    public double[] OwnGap { get; init; } = [];
}
