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

    /// <summary>The options the analysis was run with.</summary>
    public required ClassificationOptions Options { get; init; }

    /// <summary>
    /// The class each applied override replaced, by customer index and dimension (the class before the first override of that
    /// customer on that dimension; null where the dimension did not apply): a reason rendered when read states it.
    /// </summary>
    public IReadOnlyDictionary<(int Customer, string Dimension), string?> ComputedClasses { get; init; } = new Dictionary<(int, string), string?>();

    /// <summary>What a reason is rendered with (<see cref="ReasonDeclaration"/>).</summary>
    public ReasonContext ReasonContext => _reasonContext ??= new ReasonContext(Context, Options, Scoring.Scores.UsesMargin, Scoring.Scores.TrendDays);

    private ReasonContext? _reasonContext;

    private bool[]? _applied;

    /// <summary>The customers classified (indices into the columns), or null for all: the others have no class and no reason.</summary>
    public IReadOnlyList<int>? Applied
    {
        get => _appliedList;
        init
        {
            _appliedList = value;
            if (value is null) return;
            _applied = new bool[Columns.Count];
            foreach (var i in value) _applied[i] = true;
        }
    }

    private readonly IReadOnlyList<int>? _appliedList;

    /// <summary>Every customer's reason on <paramref name="dimension"/> (<see cref="Reason"/>), indexed like the columns.</summary>
    public string?[] Reasons(string dimension)
    {
        var reasons = new string?[Columns.Count];
        for (var i = 0; i < reasons.Length; i++) reasons[i] = Reason(dimension, i);
        return reasons;
    }

    /// <summary>
    /// Customer <paramref name="i"/>'s reason on <paramref name="dimension"/>, overrides explained: rendered from its class and
    /// figures for a dimension that renders its reason (<see cref="DimensionDeclaration.Reason"/>), else the text its
    /// <c>Apply</c> built.
    /// </summary>
    public string? Reason(string dimension, int i)
    {
        var result = Dimension(dimension);
        if (_applied is not null && !_applied[i]) return null;
        if (Classification.Dimensions.Declaration(dimension)?.Reason is not { } declaration) return result.Reason[i];
        if (!ComputedClasses.TryGetValue((i, dimension), out var computed))
            return declaration.Render(result.Class[i], ReasonRow.Of(this, i, declaration), ReasonContext);
        var id = Columns.CustomerId[i];
        var overrides = AppliedOverrides.Where(o => o.Dimension == dimension && o.CustomerId == id);
        return Override.ExplainAll(overrides, computed, declaration.Render(computed, ReasonRow.Of(this, i, declaration), ReasonContext));
    }

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
