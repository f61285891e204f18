using System.ComponentModel.DataAnnotations;

namespace Clientele.Classification;

/// <summary>
/// The thresholds of <see cref="ChurnStatus"/>, with their defaults (documented in docs/classification.md).
/// With a model the status comes from P(alive) and its trend; without one, from the days since the last purchase
/// counted in the customer's own mean gaps between purchase days.
/// </summary>
public sealed record ChurnStatusOptions
{
    /// <summary>P(alive) from which a customer is active. Default 0.6: more likely alive than not, with a margin.</summary>
    [Range(0d, 1d)]
    public double ActiveFrom { get; init; } = 0.6;

    /// <summary>P(alive) from which a customer below <see cref="ActiveFrom"/> is at-risk rather than lapsed. Default 0.3.</summary>
    [Range(0d, 1d)]
    public double AtRiskFrom { get; init; } = 0.3;

    /// <summary>P(alive) from which a customer below <see cref="AtRiskFrom"/> is lapsed rather than lost. Default 0.1: below it, nine in ten such customers are gone.</summary>
    [Range(0d, 1d)]
    public double LapsedFrom { get; init; } = 0.1;

    /// <summary>
    /// Fall of P(alive) over the trend lag (<see cref="CustomerScores.TrendDays"/>) that moves an active customer to
    /// at-risk. Default 0.25: P(alive) of a steady buyer barely moves between purchases; a quarter lost in 90 days
    /// is a warning even while the level still looks safe.
    /// </summary>
    [Range(0d, 1d)]
    public double TrendDrop { get; init; } = 0.25;

    /// <summary>Without a model: a customer whose days since the last purchase are at most this many expected gaps is active. Default 2 (a steady Poisson buyer goes two mean gaps without buying 14% of the time).</summary>
    [Range(0d, 1000d)]
    public double ActiveWithinGaps { get; init; } = 2;

    /// <summary>Without a model: at most this many gaps is at-risk. Default 4 (2% for a steady buyer).</summary>
    [Range(0d, 1000d)]
    public double AtRiskWithinGaps { get; init; } = 4;

    /// <summary>Without a model: at most this many gaps is lapsed; beyond it, lost. Default 8.</summary>
    [Range(0d, 1000d)]
    public double LapsedWithinGaps { get; init; } = 8;

    /// <summary>
    /// Without a model: repeat purchase days from which the customer's own mean gap is trusted; with fewer, the
    /// base's typical gap (the median of the own gaps) is used. Default 2.
    /// </summary>
    [Range(1, 1000)]
    public int OwnGapMinRepeats { get; init; } = 2;

    /// <summary>
    /// The churn-signal window the workspace uses for <see cref="CustomerColumns.RecentComplaints"/> and the other
    /// Recent columns: from this many days before the last purchase to the as-of date. Default 56: the warning
    /// signs of a departure come in its last seven weeks, and a departure follows the last purchase.
    /// </summary>
    [Range(0, 3650)]
    public int SignalWindowDays { get; init; } = 56;

    /// <summary>
    /// Service cost in the signal window, as a multiple of the base's median among customers with any, from which
    /// it points to service as the reason when no complaint tag or return does. Default 3.
    /// </summary>
    [Range(0d, 1000d)]
    public double HighServiceCostMultiple { get; init; } = 3;

    /// <summary>Throws when the thresholds are out of order: lapsed ≤ at-risk ≤ active in P(alive), and in gaps the other way round.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of order; <c>ParamName</c> names it.</exception>
    public void Validate()
    {
        if (!(LapsedFrom <= AtRiskFrom && AtRiskFrom <= ActiveFrom))
            throw new ArgumentOutOfRangeException(nameof(AtRiskFrom), AtRiskFrom, "P(alive) thresholds must be ordered lapsedFrom ≤ atRiskFrom ≤ activeFrom.");
        if (!(ActiveWithinGaps <= AtRiskWithinGaps && AtRiskWithinGaps <= LapsedWithinGaps))
            throw new ArgumentOutOfRangeException(nameof(AtRiskWithinGaps), AtRiskWithinGaps, "gap limits must be ordered activeWithinGaps ≤ atRiskWithinGaps ≤ lapsedWithinGaps.");
    }
}
