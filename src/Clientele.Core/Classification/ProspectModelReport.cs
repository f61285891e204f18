using System.Text.Json.Serialization;

namespace Clientele.Classification;

/// <summary>
/// How <see cref="ProspectGrade"/> graded: the learned close model (L2-regularised logistic regression on past prospects'
/// outcomes) and how well it did in cross-validation against two baselines, or why the points rule was used instead.
/// Accuracies are shares (0-1) of held-out closed prospects whose outcome was predicted right (won when P ≥ 0.5); NaN
/// where not measured.
/// </summary>
/// <param name="Method">"learned" or "points".</param>
/// <param name="TrainingExamples">Closed prospects (won or lost) in the data.</param>
/// <param name="Won">Of which won.</param>
/// <param name="Lost">Of which lost.</param>
/// <param name="MinimumOutcomes">Fewest closed prospects required to learn.</param>
/// <param name="MinimumPerOutcome">Fewest won and fewest lost required to learn.</param>
/// <param name="Folds">Cross-validation folds.</param>
/// <param name="CrossValidatedAccuracy">The learned model's accuracy on held-out folds.</param>
/// <param name="MajorityAccuracy">Always predicting the training folds' majority outcome.</param>
/// <param name="PointsRuleAccuracy">Predicting won where the points rule (without recency, unknown at the outcome) grades A or B.</param>
/// <param name="Features">"intercept" then the features, in the order of <paramref name="Coefficients"/>.</param>
/// <param name="Coefficients">Log-odds per unit of each feature of the model fitted on every closed prospect (empty for the points rule).</param>
/// <param name="Description">The whole report in one sentence.</param>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed record ProspectModelReport(
    string Method,
    int TrainingExamples,
    int Won,
    int Lost,
    int MinimumOutcomes,
    int MinimumPerOutcome,
    int Folds,
    double CrossValidatedAccuracy,
    double MajorityAccuracy,
    double PointsRuleAccuracy,
    IReadOnlyList<string> Features,
    IReadOnlyList<double> Coefficients,
    string Description);
