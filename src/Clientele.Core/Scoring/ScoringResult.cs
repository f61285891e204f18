using Clientele.Classification;
using Clientele.Clv;

namespace Clientele.Scoring;

/// <summary>The scores of every customer and how they were made: which model, its parameters and fit, the holdout comparison, the fallbacks.</summary>
/// <param name="Scores">The per-customer scores.</param>
/// <param name="Model">"bgnbd" or "pnbd", or null when no repeat-purchase model was used (rules).</param>
/// <param name="Parameters">The chosen model's parameters by name (empty without a model).</param>
/// <param name="Fit">Its fit report, or null.</param>
/// <param name="Spend">Gamma-Gamma's parameters (p, q, gamma), or empty when each customer's mean spend was used.</param>
/// <param name="SpendFit">Gamma-Gamma's fit report, or null.</param>
/// <param name="Candidates">The holdout comparison behind an automatic choice, best first (empty when the model was given or there was no holdout).</param>
/// <param name="Notes">What was chosen, estimated or fallen back on, and why, in words.</param>
public sealed record ScoringResult(
    CustomerScores Scores, string? Model, IReadOnlyDictionary<string, double> Parameters, FitReport? Fit,
    IReadOnlyDictionary<string, double> Spend, FitReport? SpendFit, IReadOnlyList<ModelCandidate> Candidates, IReadOnlyList<string> Notes)
{
    /// <summary>The base's margin rate each customer's was shrunk toward (1 without margins).</summary>
    public double BaseMarginRate { get; init; } = 1;

    /// <summary>What scoring learned, to score customers again without fitting (<see cref="CustomerScoring.Apply"/>).</summary>
    public ScoringModel Learned => new(Model, Parameters, Spend, Scores.UsesMargin, BaseMarginRate);
}
