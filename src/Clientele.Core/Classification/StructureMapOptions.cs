namespace Clientele.Classification;

/// <summary>
/// The thresholds of <see cref="StructureMap"/>, with their defaults: when a customer counts as active, and the
/// fallback when no model gave P(alive). Growth figures use a fixed window of 365 days, the window of <see cref="CustomerColumns.RevenueLastYear"/>, so seasons cancel.
/// </summary>
public sealed record StructureMapOptions
{
    /// <summary>
    /// The least P(alive) (0-1) at which a customer counts as active. Default 0.5: more likely alive than not, the
    /// usual cut for "active customers" counts.
    /// </summary>
    public double ActiveProbability { get; init; } = 0.5;

    /// <summary>
    /// Without P(alive) (no model could be fitted), a repeat buyer is active while the days since its last purchase are
    /// at most this many of its own typical gaps between purchases (first to last purchase ÷ repeat purchases). Default
    /// 3: three missed purchases in a row is the usual sign of a lapse.
    /// </summary>
    public double FallbackGapMultiple { get; init; } = 3;

    /// <summary>
    /// Without P(alive), the fewest days a repeat buyer counts as active after its last purchase, whatever its gap.
    /// Default 90 days, so a weekly buyer is not lapsed after three quiet weeks.
    /// </summary>
    public double FallbackMinActiveDays { get; init; } = 90;

    /// <summary>
    /// Without P(alive), the days a one-time buyer (no gap to go by) counts as active after its purchase. Default 365:
    /// a year, the cycle of most yearly budgets and replacement purchases.
    /// </summary>
    public double FallbackOneTimeActiveDays { get; init; } = 365;
}
