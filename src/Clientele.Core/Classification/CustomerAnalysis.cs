using System.Runtime.CompilerServices;
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
/// <para>
/// Both halves run the dimensions on every core: each dimension's learn and apply reads only its arguments and what the steps
/// it depends on gave (the churn status, the yearly revenue, the wallets, the value class), so those that depend on nothing
/// start at once, on the thread pool, and the result is the same whatever order they finish in.
/// </para>
/// </summary>
public static class CustomerAnalysis
{
    /// <summary>
    /// The steps, in order, as reported to <c>progress</c>: "learn" (by <see cref="Run"/> only), then one per dimension, each named
    /// as the caller's thread waits for it (the dimensions run at once, so a step named may have finished already).
    /// </summary>
    public static readonly IReadOnlyList<string> Steps = ["learn", "churn", "ladder", "value", "prospects", "strategy", "supply chain", "influence", "buying centers", "structure map", "product lines", "overrides"];

    /// <summary>
    /// Runs every dimension: <see cref="Apply"/> of <see cref="Learn"/>. <paramref name="progress"/> hears the name of each step (<see cref="Steps"/>), on the caller's thread.
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
        // Each dimension learns from the columns and scores alone, or from what another learned first: those that wait on
        // nothing start at once, on the thread pool, and the others as soon as what they read is there.
        var churn = Start(() =>
        {
            var learned = ChurnStatus.Learn(columns);
            // "active" has one meaning, the churn status's: the value class, the strategy matrix and the map learn from every customer's.
            return (Context: learned, Applied: ChurnStatus.Apply(learned, columns, scores, options.Churn));
        });
        var ladder = Start(() => RelationshipLadder.Learn(columns, scores));
        var tier = Start(() => ValueTier.Learn(columns, scores, options.ValueTier));
        var prospects = Start(() => ProspectGrade.Learn(columns, options.ProspectGrade));
        var influence = Start(() => InfluenceRoles.Learn(columns, scores));
        var wallets = Start(() =>
        {
            var yearly = YearlyRevenue.All(columns, options.Strategy.AnnualiseFromDays);
            var segments = new SegmentKeys(columns, options.StructureMap);
            var learned = WalletEstimates.Learn(columns, yearly, segments, options.Strategy);
            return (Yearly: yearly, Context: learned, Applied: WalletEstimates.Apply(learned, columns, yearly, segments));
        });
        var map = Start(() => StructureMap.Learn(columns, scores, Await(churn).Applied.Status.Class, options.StructureMap));
        var strategy = Start(() => StrategyMatrix.Learn(columns, scores, options.Strategy, Await(churn).Applied.Status.Class, Await(wallets).Yearly));
        var status = Await(churn).Applied.Status.Class;
        var (yearlyRevenue, walletContext, walletEstimates) = Await(wallets);
        var valueClass = ValueClass.Learn(columns, scores, options.ValueClass, status, yearlyRevenue, walletEstimates);
        var context = new ClassificationContext(columns.AsOf, columns.Count, Await(churn).Context, Await(ladder), Await(tier), walletContext, valueClass,
            Await(prospects), Await(strategy), Await(influence), Await(map));
        return new Learned(context, Await(churn).Applied, yearlyRevenue, walletEstimates);
    }

    private static AnalysisResult ApplyTo(ClassificationContext context, CustomerColumns columns, ScoringResult scoring, ClassificationOptions options,
        IReadOnlyList<Override> overrides, IReadOnlyList<int>? customers, Action<string>? progress, Learned? learned, Whole? whole = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (customers is not null)
        {
            foreach (var i in customers) ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)i, (uint)columns.Count, nameof(customers));
        }
        var scores = scoring.Scores;
        var placed = Place(columns, overrides, customers);
        // The dimensions that read nothing but the context, the columns and the scores start at once, on the thread pool; the
        // ladder, the value class and the strategy start once the churn status (and the yearly revenue and wallets) they read
        // are there. Progress names each step, in order, as it is waited on; the result is the same whatever ran first.
        var tier = Start(() => ValueTier.Apply(context.ValueTier, columns, scores, options.ValueTier, customers));
        var prospects = Start(() => ProspectGrade.Apply(context.ProspectGrade, columns, options.ProspectGrade, customers));
        var supply = Start(() => whole?.Supply ?? SupplyChainPosition.Apply(columns, options.SupplyChain, customers));
        var hierarchy = Start(() => whole?.Hierarchy ?? RollUp(columns, scores));
        var influence = Start(() => InfluenceRoles.Apply(context.Influence, columns, scores, options.Influence, customers));
        var buying = Start(() => BuyingCenter.Apply(columns, options.BuyingCenter, customers));
        var map = Start(() => StructureMap.Apply(context.StructureMap, columns, options.StructureMap, customers));
        var lines = Start(() => ProductLines.Apply(columns, options.ProductLines, customers));
        var wallets = Start(() =>
        {
            var yearly = learned?.Yearly ?? YearlyRevenue.All(columns, options.Strategy.AnnualiseFromDays, customers);
            return (Yearly: yearly, Estimates: learned?.Wallets ?? WalletEstimates.Apply(context.Wallets, columns, yearly, new SegmentKeys(columns, options.StructureMap), customers));
        });
        // Churn first: "active" has one meaning, the churn status's, and the ladder, value classes, strategy and map read it.
        var churnTask = Start(() => learned?.Churn ?? ChurnStatus.Apply(context.Churn, columns, scores, options.Churn, customers));
        var ladder = Start(() => RelationshipLadder.Apply(context.Ladder, columns, scores, options.Ladder, Await(churnTask).Status.Class, customers));
        var valueClass = Start(() => ValueClass.Apply(context.ValueClass, columns, scores, options.ValueClass, Await(churnTask).Status.Class,
            Await(wallets).Yearly, Await(wallets).Estimates, customers));
        var strategy = Start(() => StrategyMatrix.Apply(context.Strategy, columns, scores, options.Strategy, Await(churnTask).Status.Class,
            Await(valueClass).Class, Await(wallets).Yearly, Await(wallets).Estimates, customers));
        progress?.Invoke(Steps[1]);
        var churn = Await(churnTask);
        progress?.Invoke(Steps[2]);
        Await(ladder);
        progress?.Invoke(Steps[3]);
        Await(tier);
        Await(valueClass);
        progress?.Invoke(Steps[4]);
        Await(prospects);
        progress?.Invoke(Steps[5]);
        Await(strategy);
        progress?.Invoke(Steps[6]);
        Await(supply);
        Await(hierarchy);
        progress?.Invoke(Steps[7]);
        Await(influence);
        progress?.Invoke(Steps[8]);
        Await(buying);
        progress?.Invoke(Steps[9]);
        Await(map);
        progress?.Invoke(Steps[10]);
        Await(lines);
        progress?.Invoke(Steps[11]);
        DimensionResult[] dimensions =
        [
            Await(ladder), Await(tier), Await(valueClass), Await(prospects).Result, Await(strategy).Result, Await(supply).Result, churn.Status, churn.Reason,
            Await(influence).Roles, Await(buying).Result, Await(map).Segment,
        ];
        var applied = ApplyOverrides(dimensions, placed, out var computed, out var overrideNotes);
        var notes = new List<string>(scoring.Notes);
        foreach (var d in dimensions) notes.AddRange(d.Notes);
        notes.AddRange(Await(lines).Notes);
        notes.AddRange(overrideNotes);
        return new AnalysisResult(columns, scoring, dimensions, Await(strategy), Await(prospects), Await(supply), Await(hierarchy), churn, Await(influence),
            Await(buying), Await(map), Await(lines), applied, notes)
        {
            Context = context,
            Options = options,
            ComputedClasses = computed,
            Applied = customers,
        };
    }

    private static HierarchyRollUp RollUp(CustomerColumns columns, CustomerScores scores)
    {
        var value = new double[columns.Count];
        for (var i = 0; i < value.Length; i++) value[i] = scores.Value(i);
        return AccountHierarchy.RollUp(columns, value);
    }

    /// <summary>What a part's apply takes from the whole base: the supply chain positions (a walk of the whole supply graph) and the hierarchy roll-up (whole subtrees), for one part.</summary>
    private sealed record Whole(SupplyChainResult Supply, HierarchyRollUp Hierarchy);

    /// <summary>
    /// Prepares to classify every customer as <see cref="Apply"/> does, a part at a time (<see cref="PartedApply.Apply"/>), so that only
    /// one part's classes and figures are held at once: the supply chain positions and the hierarchy roll-up are computed over the
    /// whole base, and so is the tally (each dimension's method, classes counted and notes, the run's notes and the overrides applied),
    /// a dimension at a time. <paramref name="between"/> is called between two dimensions of the tally and between two parts, when
    /// nothing holds the last one's figures (the caller's moment to collect them).
    /// </summary>
    public static PartedApply InParts(ClassificationContext context, CustomerColumns columns, ScoringResult scoring, ClassificationOptions options,
        IReadOnlyList<Override> overrides, Action? between = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var whole = new Whole(SupplyChainPosition.Apply(columns, options.SupplyChain), RollUp(columns, scoring.Scores));
        var tally = Tally(context, columns, scoring, options, overrides, whole.Supply, between);
        return new PartedApply(tally, (partSize, each) =>
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(partSize, 1);
            for (var start = 0; start < columns.Count; start += partSize)
            {
                if (start > 0) between?.Invoke();
                ApplyPart(context, columns, scoring, options, overrides, whole, start, Math.Min(partSize, columns.Count - start), each);
            }
        });
    }

    /// <summary>
    /// One part of <see cref="InParts"/> classified and handed to <paramref name="each"/>: in a method of its own, so that once it returns
    /// no frame holds the part's columns or result (a local of the loop may be reported live to the collector to the loop's end).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ApplyPart(ClassificationContext context, CustomerColumns columns, ScoringResult scoring, ClassificationOptions options,
        IReadOnlyList<Override> overrides, Whole whole, int start, int count, Action<AnalysisResult> each)
    {
        var part = columns.Slice(start, count);
        var ids = new HashSet<string>(part.CustomerId, StringComparer.Ordinal);
        each(ApplyTo(context, part, scoring with { Scores = scoring.Scores.Slice(start, count) }, options,
            [.. overrides.Where(o => ids.Contains(o.CustomerId))], null, null, null,
            new Whole(whole.Supply.Slice(start, count), whole.Hierarchy.Slice(start, count))));
    }

    /// <summary>
    /// Every dimension applied over the whole base one at a time, only its classes kept (and the churn status, yearly revenue, wallets
    /// and value classes the later ones read, while they are read), the overrides applied over them: the methods, counts and notes of
    /// <see cref="Apply"/> over everyone, with one dimension's figures held at a time. Its order and inputs are <see cref="ApplyTo"/>'s.
    /// </summary>
    private static AnalysisTally Tally(ClassificationContext context, CustomerColumns columns, ScoringResult scoring, ClassificationOptions options,
        IReadOnlyList<Override> overrides, SupplyChainResult supply, Action? between)
    {
        // Each dimension is applied in a method of its own that returns its lean result, so that no frame still running when the
        // caller collects holds a whole-base result: a local of this method may be reported live to the collector to its end.
        var scores = scoring.Scores;
        var (churnStatus, churnReason) = TallyChurn(context, columns, scores, options);
        between?.Invoke();
        var status = churnStatus.Class;
        var ladder = Lean(() => RelationshipLadder.Apply(context.Ladder, columns, scores, options.Ladder, status));
        between?.Invoke();
        var tier = Lean(() => ValueTier.Apply(context.ValueTier, columns, scores, options.ValueTier));
        between?.Invoke();
        var (valueClass, strategy) = TallyValue(context, columns, scores, options, status);
        between?.Invoke();
        var prospects = Lean(() => ProspectGrade.Apply(context.ProspectGrade, columns, options.ProspectGrade).Result);
        between?.Invoke();
        var influence = Lean(() => InfluenceRoles.Apply(context.Influence, columns, scores, options.Influence).Roles);
        between?.Invoke();
        var buying = Lean(() => BuyingCenter.Apply(columns, options.BuyingCenter).Result);
        between?.Invoke();
        var segment = Lean(() => StructureMap.Apply(context.StructureMap, columns, options.StructureMap).Segment);
        between?.Invoke();
        var lineNotes = LineNotes(columns, options.ProductLines);
        between?.Invoke();
        DimensionResult[] dimensions = [ladder, tier, valueClass, prospects, strategy, Lean(supply.Result), churnStatus, churnReason, influence, buying, segment];
        var applied = ApplyOverrides(dimensions, Place(columns, overrides, null), out _, out var overrideNotes);
        var notes = new List<string>(scoring.Notes);
        foreach (var d in dimensions) notes.AddRange(d.Notes);
        notes.AddRange(lineNotes);
        notes.AddRange(overrideNotes);
        return new AnalysisTally([.. dimensions.Select(d => new DimensionTally(d.Dimension, d.Method, d.Counts()))], notes, applied.Count);
    }

    /// <summary>A dimension's classes, method and notes, without the figures.</summary>
    private static DimensionResult Lean(DimensionResult d) => new(d.Dimension, d.Class, [], d.Method) { Notes = d.Notes };

    /// <summary>One dimension applied over the whole base, only its lean result returned (<see cref="Tally"/>).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static DimensionResult Lean(Func<DimensionResult> apply) => Lean(apply());

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (DimensionResult Status, DimensionResult Reason) TallyChurn(ClassificationContext context, CustomerColumns columns, CustomerScores scores,
        ClassificationOptions options)
    {
        var churn = ChurnStatus.Apply(context.Churn, columns, scores, options.Churn);
        return (Lean(churn.Status), Lean(churn.Reason));
    }

    /// <summary>The value class and the strategy, which read the yearly revenue and the wallets (held only while they run).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (DimensionResult ValueClass, DimensionResult Strategy) TallyValue(ClassificationContext context, CustomerColumns columns, CustomerScores scores,
        ClassificationOptions options, string?[] status)
    {
        var yearly = YearlyRevenue.All(columns, options.Strategy.AnnualiseFromDays);
        var wallets = WalletEstimates.Apply(context.Wallets, columns, yearly, new SegmentKeys(columns, options.StructureMap));
        var valueClass = ValueClass.Apply(context.ValueClass, columns, scores, options.ValueClass, status, yearly, wallets);
        var strategy = StrategyMatrix.Apply(context.Strategy, columns, scores, options.Strategy, status, valueClass.Class, yearly, wallets).Result;
        return (Lean(valueClass), Lean(strategy));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IReadOnlyList<string> LineNotes(CustomerColumns columns, ProductLinesOptions options) => ProductLines.Apply(columns, options).Notes;

    /// <summary>Starts a step on the thread pool (each dimension's learn and apply is a pure function of its arguments).</summary>
    private static Task<T> Start<T>(Func<T> step) => Task.Run(step);

    /// <summary>A step's value, once it is there; a step's exception is thrown as itself, not wrapped.</summary>
    private static T Await<T>(Task<T> step) => step.GetAwaiter().GetResult();

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
