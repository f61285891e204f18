using Clientele.Scoring;

namespace Clientele.Classification;

/// <summary>
/// Everything one analysis decided about every customer as of a date: the scores, each dimension's class and
/// reason (overrides applied), and the per-dimension detail the dimensions produce beside their classes.
/// </summary>
public sealed record AnalysisResult(
    CustomerColumns Columns,
    ScoringResult Scoring,
    IReadOnlyList<DimensionResult> Dimensions,
    StrategyResult Strategy,
    ProspectGrades Prospects,
    SupplyChainResult SupplyChain,
    HierarchyRollUp Hierarchy,
    ChurnResult Churn,
    InfluenceResult Influence,
    BuyingCenterResult BuyingCenters,
    StructureMapResult StructureMap,
    ProductLineResult ProductLines,
    IReadOnlyList<Override> AppliedOverrides,
    IReadOnlyList<string> Notes)
{
    /// <summary>The population facts the classes were applied with (<see cref="CustomerAnalysis.Learn"/>): stored with the snapshot for live updates.</summary>
    public required ClassificationContext Context { get; init; }

    /// <summary>The result of one dimension by name.</summary>
    public DimensionResult Dimension(string name) =>
        Dimensions.FirstOrDefault(d => d.Dimension == name) ?? throw new ArgumentException($"no dimension named '{name}'.", nameof(name));

    private Dictionary<string, string>? _overridden;

    /// <summary>The dimensions overridden for customer <paramref name="i"/>, comma-separated (", "), or null when none is.</summary>
    public string? OverriddenDimensions(int i)
    {
        _overridden ??= AppliedOverrides.GroupBy(o => o.CustomerId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(o => o.Dimension).Distinct()), StringComparer.Ordinal);
        return _overridden.GetValueOrDefault(Columns.CustomerId[i]);
    }
}
