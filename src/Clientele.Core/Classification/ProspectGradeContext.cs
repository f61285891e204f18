using System.Text.Json.Serialization;

namespace Clientele.Classification;

/// <summary>
/// What <see cref="ProspectGrade"/> learns from the whole base (<see cref="ProspectGrade.Learn"/>) and applies to each prospect
/// (<see cref="ProspectGrade.Apply"/>): the close model fitted on the parties with a won or lost opportunity, or why the points
/// rule grades instead. NaN is written as the JSON string "NaN".
/// </summary>
/// <param name="Report">The model's training examples and cross-validated accuracy, or why the points rule was used.</param>
/// <param name="FeatureMeans">The learned model's training mean of each feature (<see cref="ProspectModelReport.Features"/> without the intercept); null for the points rule.</param>
/// <param name="FeatureScales">The training standard deviation of each feature (0 for a constant feature); null for the points rule.</param>
/// <param name="StandardisedCoefficients">Log-odds on the standardised features, intercept first; null for the points rule. (<see cref="ProspectModelReport.Coefficients"/> are the same on the raw features.)</param>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed record ProspectGradeContext(ProspectModelReport Report, double[]? FeatureMeans, double[]? FeatureScales, double[]? StandardisedCoefficients)
{
    /// <summary>Whether a learned model grades (false: the points rule).</summary>
    [JsonIgnore]
    public bool Learned => StandardisedCoefficients is not null;
}
