using System.Text.Json;
using System.Text.Json.Serialization;
using Clientele.Classification;
using Clientele.Clv;
using Clientele.Scoring;
using Clientele.Storage.Snapshots;

namespace Clientele.Storage.Analysis;

/// <summary>
/// What an analysis learned about the whole base and how it ran, stored with its snapshot as one typed record (the
/// <c>report</c> column of <c>snapshots</c>, JSON): the models and their fits, the prospect model, each dimension's
/// method and class counts, the base it was learned on (for the drift of <see cref="AnalysisDrift"/>), the holdout
/// tracking, the steps' times and the notes. Read back typed by <see cref="SnapshotQuery.Context"/>; the API's models,
/// the report, the analysis runs and <c>analyze --format json</c> read it, never the JSON key by key.
/// </summary>
/// <remarks>
/// The JSON keeps the shape snapshots stored before this record existed (camelCase, non-finite numbers as null), so an
/// older snapshot reads as one whose <see cref="LearnedOn"/> is unknown.
/// </remarks>
public sealed record AnalysisContext
{
    /// <summary>The as-of date.</summary>
    public DateOnly AsOf { get; init; }

    /// <summary>The models' time unit: "week" or "day".</summary>
    public string TimeUnit { get; init; } = "week";

    /// <summary>Customers analyzed.</summary>
    public long Customers { get; init; }

    /// <summary>Of them, those who had bought by the as-of date.</summary>
    public long Buyers { get; init; }

    /// <summary>The models behind the scores (<see cref="ScoringContext.Unknown"/> in a stored report without them).</summary>
    public ScoringContext Scoring { get; init; } = ScoringContext.Unknown;

    /// <summary>The prospect model's report (its method, training examples, accuracy and coefficients), or null.</summary>
    public ProspectModelReport? ProspectModel { get; init; }

    /// <summary>Each dimension's method and class counts, by dimension name (<see cref="Classification.Dimensions"/>).</summary>
    public IReadOnlyDictionary<string, DimensionContext> Dimensions { get; init; } = new Dictionary<string, DimensionContext>();

    /// <summary>How many stored overrides were applied.</summary>
    public int OverridesApplied { get; init; }

    /// <summary>What was chosen, estimated or fallen back on, in words.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The holdout comparison's tracking curve, or null (no automatic choice, or too short a history).</summary>
    public HoldoutTracking? HoldoutTracking { get; init; }

    /// <summary>Each step's wall time; the stored record lacks the snapshot step's own.</summary>
    public IReadOnlyList<AnalysisStep> Steps { get; init; } = [];

    /// <summary>The base the analysis learned on, for measuring how far it has drifted since; null for snapshots stored before it was kept.</summary>
    public LearnedOn? LearnedOn { get; init; }

    /// <summary>Serialisation options: JSON's web defaults (camelCase), non-finite numbers as null.</summary>
    public static JsonSerializerOptions Json => SnapshotWriter.Json;

    // For people: indented, and "+" or "é" as themselves rather than \u escapes (the text goes to a terminal or a file, never into HTML).
    private static readonly JsonSerializerOptions Indented = new(SnapshotWriter.Json) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The record as stored (indented for people to read).</summary>
    public string ToJson(bool indented = false) => JsonSerializer.Serialize(this, indented ? Indented : Json);

    /// <summary>Reads a stored record.</summary>
    /// <exception cref="WorkspaceException">The stored JSON is not an analysis context (the workspace was edited by hand, or is damaged).</exception>
    public static AnalysisContext Parse(string json, DateOnly asOf)
    {
        try
        {
            var context = JsonSerializer.Deserialize<AnalysisContext>(json, Json) ?? throw new JsonException("the stored report is empty");
            // A report written by hand or by an early version may lack parts: the snapshot's own date stands.
            return context.AsOf == default ? context with { AsOf = asOf } : context;
        }
        catch (JsonException e)
        {
            throw new WorkspaceException($"the analysis of {asOf:yyyy-MM-dd} has a damaged stored report ({e.Message}): analyze again to replace it.", e);
        }
    }
}

/// <summary>The models behind an analysis' scores.</summary>
/// <param name="Method">How the scores were made, in words.</param>
/// <param name="ModelBased">Whether the scores came from a model (else from rules).</param>
/// <param name="Model">The repeat-purchase model's key ("bgnbd", "pnbd", ...), or null when no model was used.</param>
/// <param name="Parameters">Its fitted parameters by their names in the papers (empty without a model).</param>
/// <param name="Fit">Its fit report, or null.</param>
/// <param name="Spend">Gamma-Gamma's spend parameters (p, q, gamma); empty when each customer's mean spend was used.</param>
/// <param name="SpendFit">Gamma-Gamma's fit report, or null.</param>
/// <param name="Candidates">The holdout comparison behind an automatic choice, best first (empty when the model was given).</param>
/// <param name="UsesMargin">Whether values are net margin (else revenue).</param>
/// <param name="HorizonDays">The horizon of the predicted purchases and value, in days.</param>
/// <param name="BaseMarginRate">The base's margin rate each customer's is shrunk toward (1 without margins; NaN in reports stored before it was kept).</param>
public sealed record ScoringContext(
    string Method, bool ModelBased, string? Model, IReadOnlyDictionary<string, double> Parameters, FitReport? Fit,
    IReadOnlyDictionary<string, double> Spend, FitReport? SpendFit, IReadOnlyList<ModelCandidate> Candidates, bool UsesMargin, double HorizonDays,
    double BaseMarginRate = double.NaN)
{
    /// <summary>What scoring learned, to score customers again without fitting (<see cref="CustomerScoring.Apply"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ScoringModel Learned => new(Model, Parameters, Spend, UsesMargin, BaseMarginRate);

    /// <summary>What a stored report without its scoring part reads as.</summary>
    public static readonly ScoringContext Unknown = new("unknown", false, null, new Dictionary<string, double>(), null, new Dictionary<string, double>(), null, [], false, double.NaN);

    /// <summary>The scoring part of a result.</summary>
    public static ScoringContext Of(ScoringResult scoring)
    {
        ArgumentNullException.ThrowIfNull(scoring);
        return new ScoringContext(scoring.Scores.Method, scoring.Scores.ModelBased, scoring.Model, scoring.Parameters, scoring.Fit,
            scoring.Spend, scoring.SpendFit, scoring.Candidates, scoring.Scores.UsesMargin, scoring.Scores.HorizonDays, scoring.BaseMarginRate);
    }
}

/// <summary>One dimension's method and class counts.</summary>
/// <param name="Method">How the classes were decided, in words.</param>
/// <param name="Counts">Customers per class ("n/a" where the dimension does not apply), the largest first.</param>
public sealed record DimensionContext(string Method, IReadOnlyDictionary<string, long> Counts);

/// <summary>The holdout tracking curve: cumulative purchase days after the calibration end of the customers who bought by then.</summary>
/// <param name="CalibrationEnd">The last calibration day.</param>
/// <param name="Days">Days after the calibration end of each point.</param>
/// <param name="Actual">Actual cumulative purchase days at each point.</param>
/// <param name="Predicted">Each candidate's predicted cumulative purchase days at each point, by model key.</param>
public sealed record HoldoutTracking(DateOnly CalibrationEnd, IReadOnlyList<int> Days, IReadOnlyList<long> Actual, IReadOnlyDictionary<string, IReadOnlyList<double>> Predicted);

/// <summary>
/// The base an analysis learned on: its buyers, completed orders and how the buyers' purchase days and revenue were
/// spread (ten bins each), enough to measure later how far the base has moved (<see cref="AnalysisDrift"/>).
/// </summary>
/// <param name="Customers">Customers analyzed.</param>
/// <param name="Buyers">Of them, those who had bought.</param>
/// <param name="PurchaseDays">The buyers' purchase days (days with a completed order) by bin.</param>
/// <param name="Revenue">The buyers' revenue of completed orders by bin.</param>
public sealed record LearnedOn(long Customers, long Buyers, Distribution PurchaseDays, Distribution Revenue)
{
    /// <summary>The base of a summary, as of its date.</summary>
    public static LearnedOn Of(Customers.CustomerSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var days = new List<double>(summary.Count);
        var revenue = new List<double>(summary.Count);
        for (var i = 0; i < summary.Count; i++)
        {
            if (summary.PurchaseDays[i] <= 0) continue;
            days.Add(summary.PurchaseDays[i]);
            revenue.Add(summary.Revenue[i]);
        }
        return new LearnedOn(summary.Count, days.Count, Distribution.Of(days), Distribution.Of(revenue));
    }
}

/// <summary>
/// How a value is spread over a population: the upper edges of up to ten bins (deciles, ties merged) and each bin's
/// share. A value falls in the first bin whose edge it does not exceed; values above the last edge fall in the last bin.
/// </summary>
/// <param name="Edges">Each bin's upper edge, ascending.</param>
/// <param name="Shares">Each bin's share of the population (they sum to 1).</param>
public sealed record Distribution(IReadOnlyList<double> Edges, IReadOnlyList<double> Shares)
{
    /// <summary>The deciles of <paramref name="values"/> (fewer bins where values tie), with the share in each.</summary>
    public static Distribution Of(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) return new Distribution([], []);
        var sorted = values.Order().ToArray();
        var edges = new List<double>();
        for (var k = 1; k <= 10; k++)
        {
            var edge = sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(k * sorted.Length / 10.0) - 1)];
            if (edges.Count == 0 || edge > edges[^1]) edges.Add(edge);
        }
        var counts = Counts(edges, sorted);
        return new Distribution(edges, [.. counts.Select(c => (double)c / sorted.Length)]);
    }

    /// <summary>How many of <paramref name="values"/> fall in each of the bins of <paramref name="edges"/>.</summary>
    public static long[] Counts(IReadOnlyList<double> edges, IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(edges);
        ArgumentNullException.ThrowIfNull(values);
        var counts = new long[edges.Count];
        if (edges.Count == 0) return counts;
        foreach (var v in values)
        {
            var bin = 0;
            while (bin < edges.Count - 1 && v > edges[bin]) bin++;
            counts[bin]++;
        }
        return counts;
    }

    /// <summary>
    /// The population stability index of <paramref name="counts"/> (the same bins, now) against these shares:
    /// Σ (now − then) × ln(now / then), each share floored at 0.0001 so an empty bin counts as a large move, not infinity.
    /// </summary>
    public double StabilityIndex(IReadOnlyList<long> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentOutOfRangeException.ThrowIfNotEqual(counts.Count, Shares.Count, nameof(counts));
        var total = counts.Sum();
        if (total == 0 || Shares.Count == 0) return 0;
        var psi = 0.0;
        for (var b = 0; b < Shares.Count; b++)
        {
            var then = Math.Max(Shares[b], 1e-4);
            var now = Math.Max((double)counts[b] / total, 1e-4);
            psi += (now - then) * Math.Log(now / then);
        }
        return psi;
    }
}
