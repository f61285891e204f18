using System.Globalization;
using Clientele.Clv;
using Clientele.Clv.BgNbd;
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

    /// <summary>
    /// Fits each candidate on the calibration period and returns their holdout errors, the best first. Above
    /// <paramref name="maxCustomers"/> customers a systematic sample (every k-th) is compared: the choice between
    /// two four-parameter models is settled long before a million customers, and it saves two full fits.
    /// </summary>
    public static IReadOnlyList<ModelCandidate> Compare(HoldoutSample sample, int maxCustomers = 100_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCustomers, 1);
        if (sample.Count > maxCustomers) sample = Systematic(sample, maxCustomers);
        var data = RepeatPurchases.Create(sample.Frequency, sample.Recency, sample.Age).Compress();
        var results = new List<ModelCandidate>();
        foreach (var name in Candidates)
        {
            try
            {
                IRepeatPurchaseModel model = name == "pnbd" ? ParetoNbdModel.Fit(data) : BgNbdModel.Fit(data);
                var predicted = new double[sample.Count];
                model.ExpectedPurchases(sample.Length, sample.Frequency, sample.Recency, sample.Age, predicted);
                results.Add(new ModelCandidate(name, Error(sample, predicted), predicted.Sum(), sample.Actual.Sum(), null));
            }
            catch (ClvDataException e)
            {
                results.Add(new ModelCandidate(name, double.PositiveInfinity, double.NaN, sample.Actual.Sum(), e.Message));
            }
        }
        return [.. results.OrderBy(r => r.Error)];
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
/// <param name="Error">Relative holdout error (see <see cref="ModelChoice"/>); infinity when the fit failed.</param>
/// <param name="Predicted">Predicted holdout purchases in total.</param>
/// <param name="Actual">Actual holdout purchases in total.</param>
/// <param name="Failure">Why the fit failed, or null.</param>
public sealed record ModelCandidate(string Model, double Error, double Predicted, int Actual, string? Failure)
{
    /// <summary>The result in words.</summary>
    public override string ToString() => Failure is { } failure
        ? $"{ModelNames.Display(Model)}: could not be fitted ({failure})"
        : string.Create(CultureInfo.InvariantCulture, $"{ModelNames.Display(Model)}: holdout purchases predicted {Predicted:N0} vs actual {Actual:N0}, error {Error:P1}");
}
