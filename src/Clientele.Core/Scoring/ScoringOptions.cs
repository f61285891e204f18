using System.ComponentModel.DataAnnotations;

namespace Clientele.Scoring;

/// <summary>How customers are scored: which repeat-purchase model, the horizons, discounting and when the data is too thin for a model.</summary>
public sealed record ScoringOptions
{
    /// <summary>The most customers the automatic model choice compares on (a systematic sample above it).</summary>
    public const int ModelChoiceCustomers = 100_000;

    /// <summary>"auto" (BG/NBD or Pareto/NBD, whichever predicts the holdout period better), "bgnbd" or "pnbd".</summary>
    public string Model { get; init; } = "auto";

    /// <summary>The horizon of expected purchases and revenue, in days (default one year).</summary>
    [Range(1d, 3650d)]
    public double HorizonDays { get; init; } = 365;

    /// <summary>The horizon of lifetime value, in months (default three years: long enough for most customers' remaining life, short enough to trust).</summary>
    [Range(1, 600)]
    public int LifetimeMonths { get; init; } = 36;

    /// <summary>The yearly discount rate of lifetime value (default 10%).</summary>
    [Range(0d, 1d)]
    public double AnnualDiscountRate { get; init; } = 0.10;

    /// <summary>The lag of the P(alive) trend, in days (default 90: a quarter).</summary>
    [Range(1d, 3650d)]
    public double TrendDays { get; init; } = 90;

    /// <summary>
    /// The fewest customers with a repeat purchase a model is fitted on (default 30): below it the four
    /// parameters are not identified and the scores fall back to rules.
    /// </summary>
    [Range(1d, 1000000000d)]
    public int MinimumRepeatCustomers { get; init; } = 30;

    /// <summary>The fewest customers with positive repeat spend Gamma-Gamma is fitted on (default 30); below it, each customer's own mean spend is used.</summary>
    [Range(1d, 1000000000d)]
    public int MinimumSpendCustomers { get; init; } = 30;

    /// <summary>
    /// How strongly a customer's margin rate is pulled toward the base's: a customer with n purchase days
    /// gets (n × own + k × base) / (n + k) (default k = 5), so one odd order does not set a customer's future margin.
    /// </summary>
    [Range(0d, 1000000d)]
    public double MarginShrinkage { get; init; } = 5;

    /// <summary>Throws when <see cref="Model"/> is not a model the analysis can use.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><c>ParamName</c> names the option.</exception>
    public void Validate()
    {
        if (Model is not ("auto" or "bgnbd" or "pnbd"))
            throw new ArgumentOutOfRangeException(nameof(Model), Model, $"model is '{Model}'; allowed: auto, bgnbd, pnbd.");
    }
}
