using Clientele.Classification.Internal;
using Clientele.Scoring;

namespace Clientele.Classification;

/// <summary>
/// Classifies every customer on every dimension of DOMAIN.md from the columns and the scores, then applies the
/// overrides. The step after scoring in the flow of DESIGN.md; pure: it reads nothing but its arguments.
/// </summary>
public static class CustomerAnalysis
{
    /// <summary>The steps, in order, as reported to <c>progress</c>.</summary>
    public static readonly IReadOnlyList<string> Steps = ["churn", "ladder", "value", "prospects", "strategy", "supply chain", "influence", "buying centers", "structure map", "product lines", "overrides"];

    /// <summary>Runs every dimension. <paramref name="progress"/> hears the name of each step as it starts.</summary>
    public static AnalysisResult Run(CustomerColumns columns, ScoringResult scoring, ClassificationOptions options,
        IReadOnlyList<Override> overrides, Action<string>? progress = null)
    {
        var scores = scoring.Scores;
        progress?.Invoke(Steps[0]);
        // Churn first: "active" has one meaning, the churn status's, and the ladder, value classes, strategy and map read it.
        var churn = ChurnStatus.Classify(columns, scores, options.Churn);
        var status = churn.Status.Class;
        progress?.Invoke(Steps[1]);
        var ladder = RelationshipLadder.Classify(columns, scores, options.Ladder, status);
        progress?.Invoke(Steps[2]);
        var tier = ValueTier.Classify(columns, scores, options.ValueTier);
        var yearly = YearlyRevenue.All(columns, options.Strategy.AnnualiseFromDays);
        var wallets = WalletEstimates.Build(columns, yearly, new SegmentKeys(columns, options.StructureMap), options.Strategy);
        var valueClass = ValueClass.Classify(columns, scores, options.ValueClass, status, yearly, wallets);
        progress?.Invoke(Steps[3]);
        var prospects = ProspectGrade.Classify(columns, options.ProspectGrade);
        progress?.Invoke(Steps[4]);
        var strategy = StrategyMatrix.Classify(columns, scores, options.Strategy, status, valueClass.Class, yearly, wallets);
        progress?.Invoke(Steps[5]);
        var supply = SupplyChainPosition.Classify(columns, options.SupplyChain);
        var value = new double[columns.Count];
        for (var i = 0; i < value.Length; i++) value[i] = scores.Value(i);
        var hierarchy = AccountHierarchy.RollUp(columns, value);
        progress?.Invoke(Steps[6]);
        var influence = InfluenceRoles.Classify(columns, scores, options.Influence);
        progress?.Invoke(Steps[7]);
        var buying = BuyingCenter.Classify(columns, options.BuyingCenter);
        progress?.Invoke(Steps[8]);
        var map = StructureMap.Build(columns, scores, status, options.StructureMap);
        progress?.Invoke(Steps[9]);
        var lines = ProductLines.Classify(columns, options.ProductLines);
        progress?.Invoke(Steps[10]);
        DimensionResult[] dimensions =
        [
            ladder, tier, valueClass, prospects.Result, strategy.Result, supply.Result, churn.Status, churn.Reason,
            influence.Roles, buying.Result, map.Segment,
        ];
        var applied = Apply(columns, dimensions, overrides, out var overrideNotes);
        var notes = new List<string>(scoring.Notes);
        foreach (var d in dimensions) notes.AddRange(d.Notes);
        notes.AddRange(lines.Notes);
        notes.AddRange(overrideNotes);
        return new AnalysisResult(columns, scoring, dimensions, strategy, prospects, supply, hierarchy, churn, influence, buying, map, lines, applied, notes);
    }

    /// <summary>Writes each override over the computed class; overrides of unknown customers or dimensions are reported, never dropped silently.</summary>
    private static List<Override> Apply(CustomerColumns columns, DimensionResult[] dimensions, IReadOnlyList<Override> overrides, out List<string> notes)
    {
        notes = [];
        var applied = new List<Override>();
        if (overrides.Count == 0) return applied;
        var index = new Dictionary<string, int>(columns.Count, StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++) index[columns.CustomerId[i]] = i;
        foreach (var o in overrides)
        {
            var dimension = Array.Find(dimensions, d => d.Dimension == o.Dimension);
            if (dimension is null)
            {
                notes.Add($"override of {o.CustomerId} ignored: '{o.Dimension}' is not a dimension ({string.Join(", ", Classification.Dimensions.All)}).");
                continue;
            }
            if (!index.TryGetValue(o.CustomerId, out var i))
            {
                notes.Add($"override of {o.CustomerId} on {o.Dimension} not applied: the customer is not in this analysis (unknown, or not yet known on the as-of date).");
                continue;
            }
            dimension.Reason[i] = o.Explain(dimension.Class[i], dimension.Reason[i]);
            dimension.Class[i] = o.Class;
            applied.Add(o);
        }
        return applied;
    }
}
