using System.ComponentModel.DataAnnotations;

namespace Clientele.Classification;

/// <summary>
/// The thresholds of <see cref="ProspectGrade"/>, with their defaults (documented in docs/classification.md): when a model
/// is learned from past prospects' outcomes, the close-probability cuts of the grades, and the transparent points rule used
/// otherwise.
/// </summary>
public sealed record ProspectGradeOptions
{
    /// <summary>
    /// Fewest closed prospects (won + lost) to learn from. Default 100: the model has 6 coefficients, and 100 examples give
    /// 20 per cross-validation fold, so the reported accuracy is known to about ±0.05 (the binomial standard deviation).
    /// </summary>
    [Range(2, 1000000)]
    public int MinimumOutcomes { get; init; } = 100;

    /// <summary>
    /// Fewest won and fewest lost among them. Default 20: about the "ten events per variable" rule of thumb for the
    /// informative features, and every fold then holds both outcomes.
    /// </summary>
    [Range(1, 1000000)]
    public int MinimumPerOutcome { get; init; } = 20;

    /// <summary>L2 penalty λ on the standardised coefficients (the intercept is not penalised). Default 1: mild at 100 or more examples, but it keeps the fit finite when a feature separates the outcomes.</summary>
    [Range(0d, 1000000d)]
    public double Regularisation { get; init; } = 1;

    /// <summary>Cross-validation folds for the accuracy report; example k of the training set (in customer order) is in fold k mod folds. Default 5.</summary>
    [Range(2, 20)]
    public int Folds { get; init; } = 5;

    /// <summary>
    /// Grade A from this close probability. Default 0.6: clearly more likely than not to close, the sales team's first calls.
    /// </summary>
    [Range(0d, 1d)]
    public double GradeAFrom { get; init; } = 0.6;

    /// <summary>Grade B from this close probability. Default 0.4: about a coin flip, worth a personal follow-up.</summary>
    [Range(0d, 1d)]
    public double GradeBFrom { get; init; } = 0.4;

    /// <summary>Grade C from this close probability (D below). Default 0.2: below one in five a prospect is for marketing to nurture, not for sales.</summary>
    [Range(0d, 1d)]
    public double GradeCFrom { get; init; } = 0.2;

    /// <summary>Points rule: points per inquiry. Default 1 (a question costs the prospect little).</summary>
    [Range(-100d, 100d)]
    public double InquiryPoints { get; init; } = 1;

    /// <summary>Points rule: points per visit. Default 2 (the prospect came to see us).</summary>
    [Range(-100d, 100d)]
    public double VisitPoints { get; init; } = 2;

    /// <summary>Points rule: points per trial. Default 3 (the prospect tried the product).</summary>
    [Range(-100d, 100d)]
    public double TrialPoints { get; init; } = 3;

    /// <summary>Points rule: points per quote. Default 3 (the prospect asked what it would cost).</summary>
    [Range(-100d, 100d)]
    public double QuotePoints { get; init; } = 3;

    /// <summary>Points rule: points for an open opportunity. Default 4 (a deal is on the table).</summary>
    [Range(-100d, 100d)]
    public double OpenOpportunityPoints { get; init; } = 4;

    /// <summary>Points rule: points per cancelled order. Default 3 (the prospect meant to buy once).</summary>
    [Range(-100d, 100d)]
    public double CancelledOrderPoints { get; init; } = 3;

    /// <summary>Points rule: the last touch is recent within this many days of the as-of date. Default 90 (a quarter: the conversation is live).</summary>
    [Range(1, 3650)]
    public int RecentDays { get; init; } = 90;

    /// <summary>Points rule: points for a recent last touch. Default 2.</summary>
    [Range(-100d, 100d)]
    public double RecentPoints { get; init; } = 2;

    /// <summary>Points rule: the last touch is stale after this many days. Default 365 (a year of silence).</summary>
    [Range(1, 36500)]
    public int StaleDays { get; init; } = 365;

    /// <summary>Points rule: points for a stale last touch. Default −2.</summary>
    [Range(-100d, 100d)]
    public double StalePoints { get; init; } = -2;

    /// <summary>
    /// Points rule: grade A from this many points. Default 8: an inquiry, a visit, a trial and a quote (9), or a shorter
    /// journey with a deal on the table.
    /// </summary>
    [Range(-1000d, 1000d)]
    public double PointsAFrom { get; init; } = 8;

    /// <summary>Points rule: grade B from this many points. Default 5: e.g. an inquiry, a visit and a recent touch, or an inquiry and a trial.</summary>
    [Range(-1000d, 1000d)]
    public double PointsBFrom { get; init; } = 5;

    /// <summary>Points rule: grade C from this many points (D below). Default 2: a single recent inquiry (3) is C, an old one is D.</summary>
    [Range(-1000d, 1000d)]
    public double PointsCFrom { get; init; } = 2;

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; <c>ParamName</c> names it.</exception>
    public void Validate()
    {
        if (MinimumOutcomes < 2) throw new ArgumentOutOfRangeException(nameof(MinimumOutcomes), MinimumOutcomes, "MinimumOutcomes must be at least 2.");
        if (MinimumPerOutcome < 1) throw new ArgumentOutOfRangeException(nameof(MinimumPerOutcome), MinimumPerOutcome, "MinimumPerOutcome must be at least 1.");
        if (!(Regularisation > 0) || !double.IsFinite(Regularisation)) throw new ArgumentOutOfRangeException(nameof(Regularisation), Regularisation, "Regularisation must be above 0.");
        if (Folds < 2) throw new ArgumentOutOfRangeException(nameof(Folds), Folds, "Folds must be at least 2.");
        if (!(GradeAFrom >= GradeBFrom && GradeBFrom >= GradeCFrom && GradeCFrom >= 0 && GradeAFrom <= 1))
            throw new ArgumentOutOfRangeException(nameof(GradeBFrom), $"The grade cuts must satisfy 1 ≥ GradeAFrom ≥ GradeBFrom ≥ GradeCFrom ≥ 0 (got {GradeAFrom}, {GradeBFrom}, {GradeCFrom}).");
        if (!(PointsAFrom >= PointsBFrom && PointsBFrom >= PointsCFrom))
            throw new ArgumentOutOfRangeException(nameof(PointsBFrom), $"The points cuts must satisfy PointsAFrom ≥ PointsBFrom ≥ PointsCFrom (got {PointsAFrom}, {PointsBFrom}, {PointsCFrom}).");
        if (RecentDays < 0 || StaleDays < RecentDays) throw new ArgumentOutOfRangeException(nameof(StaleDays), "StaleDays must be at least RecentDays, and RecentDays at least 0.");
    }
}
