using Clientele.Classification.Internal;
using Clientele.Scoring;

namespace Clientele.Classification;

/// <summary>
/// Classifies every customer on every dimension of DOMAIN.md from the columns and the scores, then applies the
/// overrides. The step after scoring in the flow of DESIGN.md; pure: it reads nothing but its arguments.
/// <para>
/// Two halves: <see cref="Learn"/> computes the population facts of every dimension from the whole base (a
/// <see cref="ClassificationContext"/>), <see cref="Apply"/> classifies customers — all, or a subset — from the context and
/// their own columns and scores; <see cref="Run"/> is one then the other. The supply chain position and the account
/// hierarchy roll-up learn nothing but read the whole base in every <see cref="Apply"/>: a position comes from a walk of the
/// whole supply graph from the direct customers, a group value sums a whole subtree (the roll-up is computed for everyone).
/// </para>
/// </summary>
public static class CustomerAnalysis
{
    /// <summary>The steps, in order, as reported to <c>progress</c>: "learn" (by <see cref="Run"/> only), then one per dimension.</summary>
    public static readonly IReadOnlyList<string> Steps = ["learn", "churn", "ladder", "value", "prospects", "strategy", "supply chain", "influence", "buying centers", "structure map", "product lines", "overrides"];

    /// <summary>
    /// Runs every dimension: <see cref="Apply"/> of <see cref="Learn"/>. <paramref name="progress"/> hears the name of each step as it starts.
    /// </summary>
    public static AnalysisResult Run(CustomerColumns columns, ScoringResult scoring, ClassificationOptions options,
        IReadOnlyList<Override> overrides, Action<string>? progress = null)
    {
        progress?.Invoke(Steps[0]);
        var learned = LearnAll(columns, scoring, options);
        return ApplyTo(learned.Context, columns, scoring, options, overrides, null, progress, learned);
    }

    /// <summary>Learns every dimension's population facts from every customer of <paramref name="columns"/>.</summary>
    public static ClassificationContext Learn(CustomerColumns columns, ScoringResult scoring, ClassificationOptions options) =>
        LearnAll(columns, scoring, options).Context;

    /// <summary>
    /// Classifies the customers <paramref name="customers"/> (indices into <paramref name="columns"/>; null for all) on every
    /// dimension from <paramref name="context"/> (learned with the same <paramref name="options"/>), their own columns and scores,
    /// and the neighbours' columns the columns carry (referred parties and followers for influence, contacts for the buying
    /// center, the whole supply graph for the supply chain position), then applies the overrides of those customers. With a
    /// subset, the other customers' classes and reasons are null (their shares of wallet and P(close) NaN, their values 0; the
    /// supply depths and the hierarchy roll-up are filled for everyone); the notes count the customers classified, but the supply
    /// chain's, about the whole graph. Over every customer it gives what <see cref="Run"/> gives.
    /// </summary>
    public static AnalysisResult Apply(ClassificationContext context, CustomerColumns columns, ScoringResult scoring, ClassificationOptions options,
        IReadOnlyList<Override> overrides, IReadOnlyList<int>? customers = null, Action<string>? progress = null) =>
        ApplyTo(context, columns, scoring, options, overrides, customers, progress, null);

    /// <summary>The context and what learning it classified of every customer on the way, so that <see cref="Run"/> does it once.</summary>
    private sealed record Learned(ClassificationContext Context, ChurnResult Churn, double[] Yearly, WalletEstimates Wallets);

    private static Learned LearnAll(CustomerColumns columns, ScoringResult scoring, ClassificationOptions options)
    {
        var scores = scoring.Scores;
        var churnContext = ChurnStatus.Learn(columns);
        // "active" has one meaning, the churn status's: the value class, the strategy matrix and the map learn from every customer's.
        var churn = ChurnStatus.Apply(churnContext, columns, scores, options.Churn);
        var status = churn.Status.Class;
        var ladder = RelationshipLadder.Learn(columns, scores);
        var tier = ValueTier.Learn(columns, scores, options.ValueTier);
        var yearly = YearlyRevenue.All(columns, options.Strategy.AnnualiseFromDays);
        var segments = new SegmentKeys(columns, options.StructureMap);
        var walletContext = WalletEstimates.Learn(columns, yearly, segments, options.Strategy);
        var wallets = WalletEstimates.Apply(walletContext, columns, yearly, segments);
        var valueClass = ValueClass.Learn(columns, scores, options.ValueClass, status, yearly, wallets);
        var prospects = ProspectGrade.Learn(columns, options.ProspectGrade);
        var strategy = StrategyMatrix.Learn(columns, scores, options.Strategy, status, yearly);
        var influence = InfluenceRoles.Learn(columns, scores);
        var map = StructureMap.Learn(columns, scores, status, options.StructureMap);
        var context = new ClassificationContext(columns.AsOf, columns.Count, churnContext, ladder, tier, walletContext, valueClass, prospects, strategy, influence, map);
        return new Learned(context, churn, yearly, wallets);
    }

    private static AnalysisResult ApplyTo(ClassificationContext context, CustomerColumns columns, ScoringResult scoring, ClassificationOptions options,
        IReadOnlyList<Override> overrides, IReadOnlyList<int>? customers, Action<string>? progress, Learned? learned)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (customers is not null)
        {
            foreach (var i in customers) ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)i, (uint)columns.Count, nameof(customers));
        }
        var scores = scoring.Scores;
        var placed = Place(columns, overrides, customers);
        progress?.Invoke(Steps[1]);
        // Churn first: "active" has one meaning, the churn status's, and the ladder, value classes, strategy and map read it.
        var churn = learned?.Churn ?? ChurnStatus.Apply(context.Churn, columns, scores, options.Churn, customers);
        var status = churn.Status.Class;
        progress?.Invoke(Steps[2]);
        var ladder = RelationshipLadder.Apply(context.Ladder, columns, scores, options.Ladder, status, customers);
        progress?.Invoke(Steps[3]);
        var tier = ValueTier.Apply(context.ValueTier, columns, scores, options.ValueTier, customers);
        var yearly = learned?.Yearly ?? YearlyRevenue.All(columns, options.Strategy.AnnualiseFromDays, customers);
        var wallets = learned?.Wallets ?? WalletEstimates.Apply(context.Wallets, columns, yearly, new SegmentKeys(columns, options.StructureMap), customers);
        var valueClass = ValueClass.Apply(context.ValueClass, columns, scores, options.ValueClass, status, yearly, wallets, customers);
        progress?.Invoke(Steps[4]);
        var prospects = ProspectGrade.Apply(context.ProspectGrade, columns, options.ProspectGrade, customers);
        progress?.Invoke(Steps[5]);
        var strategy = StrategyMatrix.Apply(context.Strategy, columns, scores, options.Strategy, status, valueClass.Class, yearly, wallets, customers);
        progress?.Invoke(Steps[6]);
        var supply = SupplyChainPosition.Apply(columns, options.SupplyChain, customers);
        var value = new double[columns.Count];
        for (var i = 0; i < value.Length; i++) value[i] = scores.Value(i);
        var hierarchy = AccountHierarchy.RollUp(columns, value);
        progress?.Invoke(Steps[7]);
        var influence = InfluenceRoles.Apply(context.Influence, columns, scores, options.Influence, customers);
        progress?.Invoke(Steps[8]);
        var buying = BuyingCenter.Apply(columns, options.BuyingCenter, customers);
        progress?.Invoke(Steps[9]);
        var map = StructureMap.Apply(context.StructureMap, columns, options.StructureMap, customers);
        progress?.Invoke(Steps[10]);
        var lines = ProductLines.Apply(columns, options.ProductLines, customers);
        progress?.Invoke(Steps[11]);
        DimensionResult[] dimensions =
        [
            ladder, tier, valueClass, prospects.Result, strategy.Result, supply.Result, churn.Status, churn.Reason,
            influence.Roles, buying.Result, map.Segment,
        ];
        var applied = ApplyOverrides(dimensions, placed, out var computed, out var overrideNotes);
        var notes = new List<string>(scoring.Notes);
        foreach (var d in dimensions) notes.AddRange(d.Notes);
        notes.AddRange(lines.Notes);
        notes.AddRange(overrideNotes);
        return new AnalysisResult(columns, scoring, dimensions, strategy, prospects, supply, hierarchy, churn, influence, buying, map, lines, applied, notes)
        {
            Context = context,
            Options = options,
            ComputedClasses = computed,
            Applied = customers,
        };
    }

    /// <summary>An override and the index of its customer: -1 when the customer is not in the analysis, -2 when it is not among those applied.</summary>
    private readonly record struct Placed(Override Override, int Customer);

    private static Placed[] Place(CustomerColumns columns, IReadOnlyList<Override> overrides, IReadOnlyList<int>? customers)
    {
        if (overrides.Count == 0) return [];
        // With a subset, only its customers' ids are looked up: a million ids need not be indexed to apply one customer's.
        var index = new Dictionary<string, int>(customers?.Count ?? columns.Count, StringComparer.Ordinal);
        var count = customers?.Count ?? columns.Count;
        for (var k = 0; k < count; k++)
        {
            var i = customers?[k] ?? k;
            index[columns.CustomerId[i]] = i;
        }
        return [.. overrides.Select(o => new Placed(o, index.TryGetValue(o.CustomerId, out var i) ? i : customers is null ? -1 : -2))];
    }

    /// <summary>Writes each override over the computed class; overrides of unknown customers or dimensions are reported, never dropped silently.</summary>
    /// <remarks>Only the overrides of the customers applied are applied; the others' (-2) are neither applied nor reported.</remarks>
    private static List<Override> ApplyOverrides(DimensionResult[] dimensions, Placed[] placed,
        out Dictionary<(int, string), string?> computed, out List<string> notes)
    {
        notes = [];
        computed = [];
        var applied = new List<Override>();
        foreach (var (o, i) in placed)
        {
            if (i == -2) continue;
            var dimension = Array.Find(dimensions, d => d.Dimension == o.Dimension);
            if (dimension is null)
            {
                notes.Add($"override of {o.CustomerId} ignored: '{o.Dimension}' is not a dimension ({string.Join(", ", Classification.Dimensions.All)}).");
                continue;
            }
            if (i < 0)
            {
                notes.Add($"override of {o.CustomerId} on {o.Dimension} not applied: the customer is not in this analysis (unknown, or not yet known on the as-of date).");
                continue;
            }
            computed.TryAdd((i, o.Dimension), dimension.Class[i]);
            // A reason rendered when read is told from the override and the computed class (AnalysisResult.Reason).
            if (dimension.Reason.Length > 0) dimension.Reason[i] = o.Explain(dimension.Class[i], dimension.Reason[i]);
            dimension.Class[i] = o.Class;
            applied.Add(o);
        }
        return applied;
    }
}
