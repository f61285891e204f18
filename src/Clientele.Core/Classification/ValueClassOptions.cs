using System.ComponentModel.DataAnnotations;

namespace Clientele.Classification;

/// <summary>
/// The thresholds of <see cref="ValueClass"/>, with their defaults (documented in docs/classification.md).
/// BZC first (value below <see cref="BzcBelow"/> with a past net value below it too), then MVC (the top
/// <see cref="MvcShare"/> of actual customers by value), then MGC (the top <see cref="MgcShare"/> of the remaining
/// active customers by growth potential, above a material floor); everyone else is "other".
/// </summary>
public sealed record ValueClassOptions
{
    /// <summary>
    /// Share of actual customers (0-1) that are MVC: value above the (1 − share)-quantile and above zero. Default 0.20:
    /// the Pareto rule of thumb (the top fifth carries most of the value), and the same line as VIP + large in
    /// <see cref="ValueTierOptions"/>, so "most valuable" means the same customers in both dimensions.
    /// </summary>
    [Range(0d, 1d)]
    public double MvcShare { get; init; } = 0.20;

    /// <summary>
    /// Share (0-1) of the active customers (churn status) left after BZC and MVC that can be MGC: growth potential above
    /// the (1 − share)-quantile of theirs, and above the floors <see cref="MinimumGrowthShare"/> and <see cref="MinimumGrowth"/>.
    /// Default 0.25: at most a quarter of the live, ordinary customers, a development list an account team can work through.
    /// </summary>
    [Range(0d, 1d)]
    public double MgcShare { get; init; } = 0.25;

    /// <summary>
    /// BZC when customer value (past + predicted future net value) and the past net value are both below this amount
    /// (money). Default 0: "costs more to serve than it returns".
    /// </summary>
    [Range(-1000000000000d, 1000000000000d)]
    public double BzcBelow { get; init; }

    /// <summary>Least yearly growth potential (money) for an MGC, besides <see cref="MinimumGrowthShare"/>. Default 0.</summary>
    [Range(0d, 1000000000000d)]
    public double MinimumGrowth { get; init; }

    /// <summary>
    /// Least yearly growth potential for an MGC, as a share (0-10) of the median yearly value (yearly revenue × margin rate)
    /// of the active customers. Default 0.5: room to grow by half of what a typical live customer brings in a year is
    /// material; less is noise an account manager cannot act on.
    /// </summary>
    [Range(0d, 10d)]
    public double MinimumGrowthShare { get; init; } = 0.5;

    /// <summary>Throws when a share is outside 0-1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; <c>ParamName</c> names it.</exception>
    public void Validate()
    {
        if (!(MvcShare is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(MvcShare), MvcShare, "MvcShare must be a share between 0 and 1.");
        if (!(MgcShare is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(MgcShare), MgcShare, "MgcShare must be a share between 0 and 1.");
        if (!double.IsFinite(BzcBelow)) throw new ArgumentOutOfRangeException(nameof(BzcBelow), BzcBelow, "BzcBelow must be a finite amount.");
        if (!(MinimumGrowth >= 0) || !double.IsFinite(MinimumGrowth)) throw new ArgumentOutOfRangeException(nameof(MinimumGrowth), MinimumGrowth, "MinimumGrowth must be a finite amount of at least 0.");
        if (!(MinimumGrowthShare is >= 0 and <= 10)) throw new ArgumentOutOfRangeException(nameof(MinimumGrowthShare), MinimumGrowthShare, "MinimumGrowthShare must be between 0 and 10.");
    }
}
