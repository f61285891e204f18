using System.Diagnostics;
using System.Globalization;
using Clientele.Classification;
using Clientele.Customers;
using Clientele.Scoring;
using Clientele.Storage.Snapshots;
using Clientele.Storage.Summary;

namespace Clientele.Storage.Analysis;

/// <summary>
/// The whole flow of DESIGN.md on a workspace: summary → customer columns → (holdout sample) → models and
/// scores → every classification → snapshot stored under the as-of date. Used by <c>clientele analyze</c>,
/// the API and the benchmarks.
/// </summary>
public static class AnalysisRunner
{
    /// <summary>The options key under which a workspace stores its classification options (JSON).</summary>
    public const string OptionsMetaKey = "classification_options";

    /// <summary>Runs the analysis; <paramref name="progress"/> hears each step's name as it starts.</summary>
    public static AnalysisRun Run(Workspace workspace, AnalysisRequest request, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var options = request.Options ?? StoredOptions(workspace);
        if (request.HorizonDays is { } horizon) options = options with { Scoring = options.Scoring with { HorizonDays = horizon } };
        if (request.Model is { } model) options = options with { Scoring = options.Scoring with { Model = model } };
        // DuckDB would keep up to 80% of the machine's memory as cache; the analysis holds its own columns beside it.
        workspace.LimitEngineMemory(Workspace.EngineMemoryLimitMegabytes);
        try
        {
            return Run(workspace, request, options, progress, cancellationToken);
        }
        finally
        {
            workspace.LimitEngineMemory(null);
        }
    }

    /// <summary>
    /// DuckDB's memory limit through the models and the classification, which run no query: lowered, it gives back the cache the
    /// queries before left while every customer's columns, scores and then classes are held beside it.
    /// </summary>
    public const int ModelsMemoryLimitMegabytes = 256;

    /// <summary>
    /// DuckDB's memory limit for the snapshot's load, beside every customer's classes, on at most
    /// <see cref="SnapshotThreads"/> threads: at a million customers the insert of the customers' rows ran out of 256 MB on two
    /// threads and of 512 MB on sixteen, and loaded in 512 MB on four (docs/benchmarks.md, peak memory of the analysis).
    /// </summary>
    public const int SnapshotMemoryLimitMegabytes = 512;

    /// <summary>The most threads DuckDB loads the snapshot on (the machine's cores when fewer), so that <see cref="SnapshotMemoryLimitMegabytes"/> holds on any machine.</summary>
    public const int SnapshotThreads = 4;

    private static AnalysisRun Run(Workspace workspace, AnalysisRequest request, ClassificationOptions options, Action<string>? progress, CancellationToken cancellationToken)
    {
        var steps = new List<AnalysisStep>();
        var clock = Stopwatch.StartNew();
        T Step<T>(string name, Func<T> work)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Invoke(name);
            var started = clock.Elapsed;
            var value = work();
            steps.Add(new AnalysisStep(name, (clock.Elapsed - started).TotalSeconds));
            return value;
        }

        var asOf = request.AsOf ?? CustomerSummaryQuery.LastOrderDay(workspace)
            ?? throw new WorkspaceException("the workspace has no orders, so there is nothing to analyze as of: import orders (`clientele import orders FILE`), or pass --as-of DATE.");
        var summary = Step("summary", () => CustomerSummaryQuery.Run(workspace, asOf, request.Unit));
        if (summary.Count == 0) throw new WorkspaceException($"no customer is known by {asOf:yyyy-MM-dd}: import customers or orders first, or pass a later --as-of.");
        var columnOptions = new CustomerColumnsQueryOptions { SignalWindowDays = options.Churn.SignalWindowDays, SizeAttributes = options.Strategy.SizeAttributes };
        var read = Step("customer columns", () => CustomerColumnsQuery.Read(workspace, summary, columnOptions));
        var columns = read.Columns;
        var holdout = options.Scoring.Model == "auto" ? Step("holdout sample", () => HoldoutSample(workspace, summary, request.Unit)) : null;
        // DuckDB's part is done until the snapshot: held to less, it gives back the cache the queries above left, so that the
        // models and the classification run beside the columns in less memory.
        workspace.LimitEngineMemory(ModelsMemoryLimitMegabytes);
        var scoring = Step("models", () => CustomerScoring.Score(columns, options.Scoring, holdout));
        // Tracked now, so that the holdout sample is not held through the classification.
        var tracking = holdout is null ? null : Tracking(holdout, scoring);
        holdout = null;
        var overrides = OverrideTable.All(workspace);
        // What the base looked like (for the drift a later reader measures) reads the summary alone: learned beside the classification.
        var learnedOn = Task.Run(() => LearnedOn.Of(summary));
        var partSize = request.PartSize ?? (FitsAtOnce(columns.Count) ? columns.Count : DefaultPartSize);
        // Classified at once, every customer's classes and figures are held until the snapshot is written (some 1.2 KB a customer);
        // in parts, one part's at a time, the learning and the tally being made over the whole base first.
        var (result, classification, parts, tally) = Step("classification", () =>
        {
            if (partSize >= columns.Count)
            {
                var whole = CustomerAnalysis.Run(columns, scoring, options, overrides, step => progress?.Invoke("classification: " + step));
                return (whole, whole.Context, (Action<Action<AnalysisResult>>)(write => write(whole)), Tally(whole));
            }
            progress?.Invoke("classification: learn");
            var learned = CustomerAnalysis.Learn(columns, scoring, options);
            // What learning classified of everyone on the way, and between two dimensions of the tally or two parts the last one's
            // figures, are garbage: collected then, so that the memory held is the columns' and one dimension's or part's.
            // Not compacted: the parts' arrays are large objects, whose space the next part's take again (compacting a heap of
            // millions of customers' columns each time cost more than the classification).
            static void Collect() => GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
            Collect();
            progress?.Invoke($"classification: the whole base's tally, then parts of {partSize:N0} customers as they are stored");
            var parted = CustomerAnalysis.InParts(learned, columns, scoring, options, overrides, Collect);
            return ((AnalysisResult?)null, learned, (Action<Action<AnalysisResult>>)(write => parted.Apply(partSize, write)), parted.Tally);
        });
        // The stored context has every step's time but the snapshot's own; the returned one has that too.
        var context = Context(columns, scoring, classification, tally, tracking, [.. steps], learnedOn.GetAwaiter().GetResult());
        Step("snapshot", () =>
        {
            // What the models and the classification left died old: returned to the system before DuckDB loads the rows beside the columns.
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            workspace.LimitEngineMemory(request.SnapshotMemoryLimitMegabytes, Math.Min(Environment.ProcessorCount, SnapshotThreads));
            try
            {
                SnapshotWriter.Save(workspace, columns, scoring, parts, classification.StructureMap.Nodes, options, context.ToJson(), request.CreatedAt);
            }
            catch (Exception e) when (OutOfResourcesException.IsEngineMemory(e))
            {
                // The bound is what a million customers' load needs on this machine kind, not a promise for every base: the
                // save rolled back whole, so it runs again under the analysis's own limit, on every core (parts are applied again).
                progress?.Invoke($"snapshot: again, as the load needed more than {request.SnapshotMemoryLimitMegabytes:N0} MB");
                workspace.LimitEngineMemory(Workspace.EngineMemoryLimitMegabytes);
                SnapshotWriter.Save(workspace, columns, scoring, parts, classification.StructureMap.Nodes, options, context.ToJson(), request.CreatedAt);
            }
            // What live updates read for the base-relative columns; without it (a failure here) they read the order log.
            SnapshotFirstPurchases.Store(workspace, asOf, read.FirstPurchases);
            return 0;
        });
        return new AnalysisRun(() => result ?? CustomerAnalysis.Apply(classification, columns, scoring, options, overrides), options, context with { Steps = [.. steps] }, steps)
        {
            PartSize = partSize < columns.Count ? partSize : null,
        };
    }

    /// <summary>
    /// The memory an analysis of every customer at once takes per customer at its peak: every customer's summary, columns, scores,
    /// classes and figures (11.9 GB at five million customers, 2.8 GB at a million, with DuckDB's own; docs/benchmarks.md).
    /// </summary>
    public const int BytesPerCustomerAtOnce = 2_400;

    /// <summary>
    /// Whether the customers are classified all at once by default: when <see cref="BytesPerCustomerAtOnce"/> for each is at most half
    /// the memory the process may use (the machine's, or its container's limit); else in parts of <see cref="DefaultPartSize"/>,
    /// slower (the tally over the whole base first, a collection between parts) but holding one part's classes.
    /// </summary>
    public static bool FitsAtOnce(int customers) => (long)customers * BytesPerCustomerAtOnce <= GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2;

    /// <summary>The customers classified and stored at a time when they do not all fit at once (<see cref="FitsAtOnce"/>).</summary>
    public const int DefaultPartSize = 500_000;

    /// <summary>The tally of a result over every customer: what <see cref="CustomerAnalysis.InParts"/> gives of the whole base.</summary>
    /// <remarks>Each dimension's classes counted on every core (a million customers' classes are some 0.3 s on one).</remarks>
    private static AnalysisTally Tally(AnalysisResult result) =>
        new([.. result.Dimensions.AsParallel().AsOrdered().Select(d => new DimensionTally(d.Dimension, d.Method, d.Counts()))], result.Notes, result.AppliedOverrides.Count);

    /// <summary>The workspace's stored options, or the defaults.</summary>
    /// <exception cref="WorkspaceException">The stored options no longer pass the checks (an option retired or out of range).</exception>
    public static ClassificationOptions StoredOptions(Workspace workspace)
    {
        if (workspace.Meta(OptionsMetaKey) is not { } json) return new ClassificationOptions();
        try
        {
            return ClassificationOptions.FromJson(json, "the workspace's stored options");
        }
        catch (FormatException e)
        {
            throw new WorkspaceException($"{e.Message} Fix them with `clientele options --set FILE` (see `clientele options --explain`), or return to the defaults with `clientele options --reset`.", e);
        }
    }

    /// <summary>
    /// The calibration/holdout split for choosing the model: the last quarter of the data's span (from the summary's first
    /// purchase to its as-of date), at most a year, when the span is at least 120 days; null otherwise.
    /// </summary>
    /// <remarks>The first purchase is the summary's, not a query over the orders: on a sharded workspace that query brought every order's time to the coordinator (19 s at a million customers).</remarks>
    private static HoldoutSample? HoldoutSample(Workspace workspace, CustomerSummary summary, TimeUnit unit)
    {
        if (summary.FirstPurchase.Min() is not { } start) return null;
        var asOf = summary.AsOf;
        var span = asOf.DayNumber - start.DayNumber;
        if (span < 120) return null;
        var holdoutDays = Math.Min(365, span / 4);
        return HoldoutQuery.Sample(workspace, asOf.AddDays(-holdoutDays), asOf, unit);
    }

    /// <summary>
    /// The holdout tracking chart's data: cumulative actual purchase days of the calibration buyers after the calibration
    /// end, and each candidate's prediction, at the days of <see cref="ModelChoice.TrackingDays"/>; null without candidates.
    /// </summary>
    private static HoldoutTracking? Tracking(HoldoutSample holdout, ScoringResult scoring)
    {
        var days = ModelChoice.TrackingDays(holdout);
        if (days.Length == 0 || scoring.Candidates.Count == 0) return null;
        var predicted = scoring.Candidates.Where(c => c.Tracking.Count == days.Length)
            .ToDictionary(c => c.Model, c => (IReadOnlyList<double>)[.. c.Tracking.Select(v => Math.Round(v, 2))]);
        return new HoldoutTracking(holdout.CalibrationEnd, days, [.. ModelChoice.ActualTracking(holdout, days).Select(a => (long)a)], predicted);
    }

    private static AnalysisContext Context(CustomerColumns columns, ScoringResult scoring, ClassificationContext classification, AnalysisTally tally,
        HoldoutTracking? tracking, IReadOnlyList<AnalysisStep> steps, LearnedOn learnedOn) => new()
    {
        AsOf = columns.AsOf,
        TimeUnit = columns.Summary.Unit.ToString().ToLowerInvariant(),
        Customers = columns.Count,
        Buyers = columns.Summary.PurchaseDays.Count(d => d > 0),
        Scoring = ScoringContext.Of(scoring),
        ProspectModel = classification.ProspectGrade.Report,
        Dimensions = tally.Dimensions.ToDictionary(d => d.Dimension, d => new DimensionContext(d.Method, d.Counts.ToDictionary(p => p.Key, p => (long)p.Value))),
        OverridesApplied = tally.OverridesApplied,
        Notes = [.. tally.Notes],
        HoldoutTracking = tracking,
        Steps = steps,
        LearnedOn = learnedOn,
        Classification = classification,
    };
}

/// <summary>What to analyze: the as-of date (default the last order day), the time unit of the models, the horizon, the options (default the workspace's).</summary>
public sealed record AnalysisRequest
{
    /// <summary>The as-of date, or null for the last order day.</summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>The models' time unit.</summary>
    public TimeUnit Unit { get; init; } = TimeUnit.Week;

    /// <summary>The horizon in days, or null for the options' (a year by default).</summary>
    public double? HorizonDays { get; init; }

    /// <summary>The model ("auto", "bgnbd", "pnbd"), or null for the options'.</summary>
    public string? Model { get; init; }

    /// <summary>The options, or null for the workspace's stored ones (else the defaults).</summary>
    public ClassificationOptions? Options { get; init; }

    /// <summary>When the snapshot is made (UTC).</summary>
    public DateTime CreatedAt { get; init; } = DateTime.UnixEpoch;

    /// <summary>
    /// Classify and store the customers this many at a time, so that one part's classes and figures are held at once rather than
    /// every customer's; null for all at once when they fit (<see cref="AnalysisRunner.FitsAtOnce"/>), else in parts of
    /// <see cref="AnalysisRunner.DefaultPartSize"/>. The snapshot is the same either way.
    /// </summary>
    public int? PartSize { get; init; }

    /// <summary>DuckDB's memory limit for the snapshot's load (<see cref="AnalysisRunner.SnapshotMemoryLimitMegabytes"/>; lowered by tests, to see the load run again when it does not fit).</summary>
    internal int SnapshotMemoryLimitMegabytes { get; init; } = AnalysisRunner.SnapshotMemoryLimitMegabytes;
}

/// <summary>One step's name and its wall time.</summary>
public sealed record AnalysisStep([property: System.Text.Json.Serialization.JsonPropertyName("step")] string Name, double Seconds);

/// <summary>An analysis that ran and was stored.</summary>
/// <param name="result">Applies the learned context to every customer again (<see cref="CustomerAnalysis.Apply"/>).</param>
/// <param name="options">The options used.</param>
/// <param name="context">What the run learned and how it ran, as stored with the snapshot (with the snapshot step's time too).</param>
/// <param name="steps">The steps with their times.</param>
public sealed class AnalysisRun(Func<AnalysisResult> result, ClassificationOptions options, AnalysisContext context, IReadOnlyList<AnalysisStep> steps)
{
    private readonly Lazy<AnalysisResult> _result = new(result);

    /// <summary>
    /// Every class, score and reason, as stored: the run's own result (each reason rendered from its figures when asked). The
    /// counts, methods and notes are in <see cref="Context"/>.
    /// </summary>
    public AnalysisResult Result => _result.Value;

    /// <summary>The options used.</summary>
    public ClassificationOptions Options => options;

    /// <summary>What the run learned and how it ran, as stored with the snapshot (with the snapshot step's time too): the customers, the buyers, the notes, each dimension's method and counts.</summary>
    public AnalysisContext Context => context;

    /// <summary>The steps with their times.</summary>
    public IReadOnlyList<AnalysisStep> Steps => steps;

    /// <summary>The customers classified and stored at a time, or null when all were at once (<see cref="AnalysisRequest.PartSize"/>).</summary>
    public int? PartSize { get; init; }
}
