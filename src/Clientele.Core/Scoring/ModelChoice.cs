using System.Globalization;
using Clientele.Clv;
using Clientele.Clv.ParetoNbd;

namespace Clientele.Scoring;

/// <summary>
/// Chooses between BG/NBD and Pareto/NBD by how well each, fitted on the calibration period, predicts the
/// holdout period: the error is the sum over groups of customers with the same calibration purchases
/// (0, 1, ..., 6, 7+) of |actual − predicted| purchases, plus the error of the total, relative to the actual
/// total — the comparison Fader, Hardie and Lee (2005) draw as their conditional-expectation chart.
/// </summary>
public static class ModelChoice
{
    /// <summary>The candidates' names, as <see cref="ScoringOptions.Model"/> names them.</summary>
    public static readonly IReadOnlyList<string> Candidates = ["bgnbd", "pnbd"];

    /// <summary>A candidate's name in words ("Pareto/NBD" for pnbd, "BG/NBD" for bgnbd); any other name as it is.</summary>
    public static string Title(string name) => name switch
    {
        "bgnbd" => "BG/NBD",
        "pnbd" => "Pareto/NBD",
        _ => name,
    };

    /// <summary>
    /// Fits each candidate on the calibration period and returns their holdout errors, the best first. Above
    /// <paramref name="maxCustomers"/> customers a systematic sample (every k-th) is compared: the choice between
    /// two four-parameter models is settled long before a million customers, and it saves two full fits. A candidate whose
    /// calibration fit <see cref="FitAcceptance"/> refuses has an infinite error and says why in <see cref="ModelCandidate.Failure"/>.
    /// </summary>
    public static IReadOnlyList<ModelCandidate> Compare(HoldoutSample sample, int maxCustomers = 100_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCustomers, 1);
        var population = sample.Count;
        if (sample.Count > maxCustomers) sample = Systematic(sample, maxCustomers);
        var tracked = sample.Count > MaxTrackingCustomers ? Systematic(sample, MaxTrackingCustomers) : sample;
        var trackingDays = TrackingDays(sample);
        var data = RepeatPurchases.Create(sample.Frequency, sample.Recency, sample.Age).Compress();
        var results = new List<ModelCandidate>();
        foreach (var name in Candidates)
        {
            try
            {
                var fit = CandidateFit.Fit(name, data);
                if (fit.Refusal is { } why)
                {
                    // A degenerate or unconverged calibration fit predicts from parameters the data does not pin down: out of the race.
                    results.Add(new ModelCandidate(name, double.PositiveInfinity, double.NaN, sample.Actual.Sum(), $"refused: {why}"));
                    continue;
                }
                var model = fit.Model;
                var predicted = new double[sample.Count];
                InChunks(sample.Count, (start, length) => model.ExpectedPurchases(sample.Length, sample.Frequency.AsSpan(start, length),
                    sample.Recency.AsSpan(start, length), sample.Age.AsSpan(start, length), predicted.AsSpan(start, length)));
                results.Add(new ModelCandidate(name, Error(sample, predicted), predicted.Sum(), sample.Actual.Sum(), null)
                {
                    Tracking = Track(model, tracked, trackingDays, (double)population / Math.Max(1, tracked.Count)),
                });
            }
            catch (ClvDataException e)
            {
                results.Add(new ModelCandidate(name, double.PositiveInfinity, double.NaN, sample.Actual.Sum(), $"could not be fitted ({e.Message.TrimEnd('.', ' ')})"));
            }
        }
        return [.. results.OrderBy(r => r.Error)];
    }

    /// <summary>At most this many points on the holdout tracking curve.</summary>
    public const int MaxTrackingPoints = 53;

    /// <summary>The tracking curve is computed on a systematic sample of at most this many customers, scaled up (it only draws a chart).</summary>
    public const int MaxTrackingCustomers = 20_000;

    /// <summary>
    /// The days after the calibration end (1 = the first holdout day) at which the tracking curve is drawn: every time
    /// unit (7 days for weeks), coarser when that gives more than <see cref="MaxTrackingPoints"/>, and the last day. Empty
    /// when the sample has no <see cref="HoldoutSample.DailyActual"/>.
    /// </summary>
    public static int[] TrackingDays(HoldoutSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (sample.DailyActual is not { Length: > 0 } daily || !(sample.Length > 0)) return [];
        var days = daily.Length;
        var unit = Math.Max(1, (int)Math.Round(days / sample.Length));
        var step = unit * (int)Math.Ceiling(days / (double)(MaxTrackingPoints * unit));
        var points = new List<int>();
        for (var d = step; d < days; d += step) points.Add(d);
        points.Add(days);
        return [.. points];
    }

    /// <summary>Cumulative actual holdout purchases at each of <paramref name="days"/> (see <see cref="TrackingDays"/>).</summary>
    public static int[] ActualTracking(HoldoutSample sample, IReadOnlyList<int> days)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(days);
        var daily = sample.DailyActual ?? [];
        var result = new int[days.Count];
        int total = 0, next = 0;
        for (var k = 0; k < days.Count; k++)
        {
            for (; next < Math.Min(days[k], daily.Length); next++) total += daily[next];
            result[k] = total;
        }
        return result;
    }

    /// <remarks>
    /// The days in parallel, each customer's prediction as one call of <see cref="IRepeatPurchaseModel.ExpectedPurchases"/>
    /// gives it; Pareto/NBD's P(alive) (a hypergeometric series each) is computed once for every day
    /// (<see cref="ParetoNbdModel.TimesExpectedGivenAlive"/>: the same doubles).
    /// </remarks>
    private static double[] Track(IRepeatPurchaseModel model, HoldoutSample sample, int[] days, double scale)
    {
        if (days.Length == 0) return [];
        var unitDays = days[^1] / sample.Length;
        double[]? alive = null;
        if (model is ParetoNbdModel pareto)
        {
            alive = new double[sample.Count];
            InChunks(sample.Count, (start, length) => pareto.ProbabilityAlive(sample.Frequency.AsSpan(start, length), sample.Recency.AsSpan(start, length),
                sample.Age.AsSpan(start, length), alive.AsSpan(start, length)));
        }
        var result = new double[days.Length];
        Parallel.For(0, days.Length, k =>
        {
            var t = days[k] / unitDays;
            double[] predicted;
            if (alive is not null)
            {
                predicted = (double[])alive.Clone();
                ((ParetoNbdModel)model).TimesExpectedGivenAlive(t, sample.Frequency, sample.Age, predicted);
            }
            else
            {
                predicted = new double[sample.Count];
                model.ExpectedPurchases(t, sample.Frequency, sample.Recency, sample.Age, predicted);
            }
            result[k] = predicted.Sum() * scale;
        });
        return result;
    }

    /// <summary>Runs <paramref name="work"/> over chunks of 4,096 of <paramref name="count"/> customers in parallel: each customer's prediction is its own, so chunks change no figure.</summary>
    private static void InChunks(int count, Action<int, int> work)
    {
        const int Chunk = 4_096;
        Parallel.For(0, (count + Chunk - 1) / Chunk, c => work(c * Chunk, Math.Min(Chunk, count - c * Chunk)));
    }

    private static HoldoutSample Systematic(HoldoutSample sample, int size)
    {
        var step = (double)sample.Count / size;
        var picked = Enumerable.Range(0, size).Select(k => (int)(k * step)).ToArray();
        return sample with
        {
            Frequency = [.. picked.Select(i => sample.Frequency[i])],
            Recency = [.. picked.Select(i => sample.Recency[i])],
            Age = [.. picked.Select(i => sample.Age[i])],
            Actual = [.. picked.Select(i => sample.Actual[i])],
        };
    }

    private static double Error(HoldoutSample sample, double[] predicted)
    {
        var actualByGroup = new double[8];
        var predictedByGroup = new double[8];
        for (var i = 0; i < sample.Count; i++)
        {
            var group = (int)Math.Min(sample.Frequency[i], 7);
            actualByGroup[group] += sample.Actual[i];
            predictedByGroup[group] += predicted[i];
        }
        var error = Math.Abs(actualByGroup.Sum() - predictedByGroup.Sum());
        for (var g = 0; g < 8; g++) error += Math.Abs(actualByGroup[g] - predictedByGroup[g]);
        return error / Math.Max(1, actualByGroup.Sum());
    }
}

/// <summary>A candidate model's holdout result.</summary>
/// <param name="Model">"bgnbd" or "pnbd".</param>
/// <param name="Error">Relative holdout error (see <see cref="ModelChoice"/>); infinity when the fit failed or was refused.</param>
/// <param name="Predicted">Predicted holdout purchases in total.</param>
/// <param name="Actual">Actual holdout purchases in total.</param>
/// <param name="Failure">Why the calibration fit failed or was refused, in words ("could not be fitted (...)", "refused: degenerate optimum: ..."), or null.</param>
public sealed record ModelCandidate(string Model, double Error, double Predicted, int Actual, string? Failure)
{
    /// <summary>
    /// Predicted cumulative holdout purchases of every calibration buyer at each day of <see cref="ModelChoice.TrackingDays"/>
    /// (empty when the daily actuals were not known or the fit failed).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<double> Tracking { get; init; } = [];

    /// <summary>The result in words.</summary>
    public override string ToString() => Failure is { } failure
        ? $"{ModelNames.Display(Model)}: {failure}"
        : string.Create(CultureInfo.InvariantCulture,
            $"{ModelNames.Display(Model)}: holdout repeat purchases predicted {Predicted:N0} vs actual {Actual:N0} (total error {TotalErrorText}; composite error {Error:P1}, the choice's measure: the total's error plus every calibration-purchase group's, over the actual total)");

    /// <summary>The signed error of the predicted total against the actual total, as a share of the actual (−0.052 = 5.2% under).</summary>
    public double TotalError => Actual > 0 ? (Predicted - Actual) / Actual : double.NaN;

    private string TotalErrorText => double.IsNaN(TotalError) ? "n/a" : (TotalError < 0 ? "−" : "+") + Math.Abs(TotalError).ToString("P1", CultureInfo.InvariantCulture);
}
