namespace Clientele.Classification;

/// <summary>
/// What an analysis applied in parts (<see cref="CustomerAnalysis.ApplyInParts"/>) says of the whole base, which no part's result
/// says: each dimension's method and classes counted, the run's notes, and how many overrides were applied.
/// </summary>
/// <param name="Dimensions">Each dimension in the order of <see cref="AnalysisResult.Dimensions"/>.</param>
/// <param name="Notes">The scoring's notes, each dimension's, the product lines' and the overrides', as <see cref="AnalysisResult.Notes"/>.</param>
/// <param name="OverridesApplied">The overrides applied (<see cref="AnalysisResult.AppliedOverrides"/>'s count).</param>
public sealed record AnalysisTally(IReadOnlyList<DimensionTally> Dimensions, IReadOnlyList<string> Notes, int OverridesApplied);

/// <summary>One dimension over the whole base: its method and its classes counted as <see cref="DimensionResult.Counts"/> counts them.</summary>
public sealed record DimensionTally(string Dimension, string Method, IReadOnlyList<KeyValuePair<string, int>> Counts);
