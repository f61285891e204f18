namespace Clientele.Classification;

/// <summary>
/// What an analysis applied in parts (<see cref="CustomerAnalysis.InParts"/>) says of the whole base, which no part's result
/// says: each dimension's method and classes counted, the run's notes, and how many overrides were applied.
/// </summary>
/// <param name="Dimensions">Each dimension in the order of <see cref="AnalysisResult.Dimensions"/>.</param>
/// <param name="Notes">The scoring's notes, each dimension's, the product lines' and the overrides', as <see cref="AnalysisResult.Notes"/>.</param>
/// <param name="OverridesApplied">The overrides applied (<see cref="AnalysisResult.AppliedOverrides"/>'s count).</param>
public sealed record AnalysisTally(IReadOnlyList<DimensionTally> Dimensions, IReadOnlyList<string> Notes, int OverridesApplied);

/// <summary>One dimension over the whole base: its method and its classes counted as <see cref="DimensionResult.Counts"/> counts them.</summary>
public sealed record DimensionTally(string Dimension, string Method, IReadOnlyList<KeyValuePair<string, int>> Counts);

/// <summary>
/// Every customer classified a part at a time (<see cref="CustomerAnalysis.InParts"/>): the whole base's <see cref="Tally"/>, then
/// <see cref="Apply"/>.
/// </summary>
public sealed class PartedApply
{
    private readonly Action<int, Action<AnalysisResult>> _apply;

    internal PartedApply(AnalysisTally tally, Action<int, Action<AnalysisResult>> apply) => (Tally, _apply) = (tally, apply);

    /// <summary>What the whole base's results would say of it that no part's says: the methods, the classes counted, the notes, the overrides applied.</summary>
    public AnalysisTally Tally { get; }

    /// <summary>
    /// Classifies the customers <paramref name="partSize"/> at a time, in the columns' order, and gives each part's result to
    /// <paramref name="each"/> (a result of its own customers alone, index 0 its first), calling the hook given to
    /// <see cref="CustomerAnalysis.InParts"/> between two parts, when nothing holds the previous part's result. Every part's classes,
    /// figures and overrides are what <see cref="CustomerAnalysis.Apply"/> over everyone gives its customers; its notes, methods and
    /// counts are the part's own (<see cref="Tally"/> has the run's). May be called again: the parts are applied anew.
    /// </summary>
    public void Apply(int partSize, Action<AnalysisResult> each) => _apply(partSize, each);
}
