using Clientele.Clv;
using Clientele.Core.Tests.Clv;
using Clientele.Scoring;

namespace Clientele.Core.Tests.Scoring;

public sealed class ModelChoiceTests
{
    [Fact]
    public void Every_candidate_has_a_name_in_words_and_another_name_stays_as_it_is()
    {
        Assert.Equal(["BG/NBD", "Pareto/NBD"], ModelChoice.Candidates.Select(ModelChoice.Title));
        Assert.Equal("gg", ModelChoice.Title("gg"));
    }

    /// <summary>
    /// The comparison predicts in parallel chunks and days (Pareto/NBD's P(alive) once for every day): each candidate's
    /// predicted total and tracking curve are the very doubles one call per day over every customer, summed, gives.
    /// </summary>
    [Fact]
    public void Predicted_totals_and_tracking_curves_are_bit_for_bit_those_of_one_call_per_day()
    {
        // CDNOW's calibration summary eight times over: 18,856 customers, several chunks, all of them tracked (at most 20,000).
        var cdnow = CdnowSummary.Load();
        var copies = 8;
        double[] Repeat(double[] column) => [.. Enumerable.Range(0, copies).SelectMany(_ => column)];
        var (x, tx, T) = (Repeat(cdnow.Frequency.ToArray()), Repeat(cdnow.Recency.ToArray()), Repeat(cdnow.Age.ToArray()));
        var actual = x.Select((v, i) => (int)(v + i % 3) / 2).ToArray();
        var daily = Enumerable.Range(0, 39 * 7).Select(d => actual.Sum() / (39 * 7) + d % 5).ToArray();
        var sample = new HoldoutSample(x, tx, T, actual, 39, new DateOnly(1997, 9, 30)) { DailyActual = daily };
        var days = ModelChoice.TrackingDays(sample);
        var data = RepeatPurchases.Create(x, tx, T).Compress();

        var candidates = ModelChoice.Compare(sample);

        Assert.Equal(2, candidates.Count);
        foreach (var candidate in candidates)
        {
            Assert.Null(candidate.Failure);
            var model = CandidateFit.Fit(candidate.Model, data).Model;
            var predicted = new double[x.Length];
            model.ExpectedPurchases(sample.Length, x, tx, T, predicted);
            Assert.Equal(predicted.Sum(), candidate.Predicted);
            Assert.Equal(days.Length, candidate.Tracking.Count);
            for (var k = 0; k < days.Length; k++)
            {
                model.ExpectedPurchases(days[k] / (days[^1] / sample.Length), x, tx, T, predicted);
                Assert.Equal(predicted.Sum() * ((double)x.Length / x.Length), candidate.Tracking[k]);
            }
        }
    }
}
