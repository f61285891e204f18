using Clientele.Clv;
using Clientele.Clv.BgNbd;

namespace Clientele.Core.Tests.Clv.BgNbd;

/// <summary>
/// BG/NBD against the published results on CDNOW (Fader, Hardie &amp; Lee 2005; the values and tolerances
/// of ../shared/data/README.md) and its invariants.
/// </summary>
public sealed class BgNbdModelTests
{
    private static readonly BgNbdModel Published = new(0.243, 4.414, 0.793, 2.426);

    [Fact]
    public void Fitting_the_cdnow_summary_gives_the_published_parameters_and_log_likelihood()
    {
        var model = BgNbdModel.Fit(CdnowSummary.Load());
        // Reference refit: r 0.2426, alpha 4.4135, a 0.7929, b 2.4258, LL -9582.43 (4 decimals given: half a unit of the last).
        Assert.Equal(0.2426, model.R, 0.00051);
        Assert.Equal(4.4135, model.Alpha, 0.00051);
        Assert.Equal(0.7929, model.A, 0.00051);
        Assert.Equal(2.4258, model.B, 0.00051);
        Assert.Equal(-9582.43, model.Report!.LogLikelihood, 0.0051);
        Assert.True(model.Report.Converged, model.Report.Reason);
        Assert.Equal(2357, model.Report.Customers);
        Assert.All(model.Report.StandardErrors.Values, e => Assert.True(e is > 0 and < 10));
    }

    [Fact]
    public void Expected_purchases_of_a_new_customer_match_the_paper_at_the_fitted_parameters()
    {
        var model = BgNbdModel.Fit(CdnowSummary.Load());
        double[] t = [0.1429, 1, 3, 31.8571, 32, 78];
        double[] expected = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
        for (var i = 0; i < t.Length; i++) Assert.Equal(expected[i], model.ExpectedPurchasesNewCustomer(t[i]), 0.0005);
        Assert.Equal(1.8605, Published.ExpectedPurchasesNewCustomer(78), 0.0005);
    }

    [Fact]
    public void Conditional_expected_purchases_match_the_paper()
    {
        var model = BgNbdModel.Fit(CdnowSummary.Load());
        var result = new double[1];
        model.ExpectedPurchases(39, [2], [30.43], [38.86], result);
        Assert.Equal(1.226, result[0], 0.001);
    }

    [Fact]
    public void Probabilities_of_purchase_counts_match_the_spreadsheet_at_the_published_parameters()
    {
        Assert.Equal(1.07869e-07, Published.ProbabilityOfPurchases(2, 10), 1e-11);
        Assert.Equal(0.5737864, Published.ProbabilityOfPurchases(39, 0), 1e-4);
        double[] expected = [0.0019995214, 0.0015170236, 0.0011633150, 0.0009003148, 0.0007023638, 0.0005517902, 0.0004361913, 0.0003467171, 0.0002769613, 0.0002222260];
        for (var n = 11; n <= 20; n++) Assert.Equal(expected[n - 11], Published.ProbabilityOfPurchases(30, n), 0.000005);
    }

    [Fact]
    public void Probability_alive_is_one_without_repeat_purchases_and_stays_in_the_unit_interval()
    {
        var result = new double[5];
        Published.ProbabilityAlive([0, 1, 5, 300, 2], [0, 1, 30, 500, 0.5], [10, 40, 38, 520, 60], result);
        Assert.Equal(1, result[0]);
        Assert.All(result, p => Assert.InRange(p, 0, 1));
        Assert.True(result[4] < result[2]);
    }

    [Fact]
    public void Compressing_identical_customers_changes_neither_the_likelihood_nor_the_fit()
    {
        var data = CdnowSummary.Load();
        var compressed = data.Compress();
        Assert.True(compressed.Rows < data.Rows);
        Assert.Equal(Published.LogLikelihood(data), Published.LogLikelihood(compressed), 1e-8);
        var a = BgNbdModel.Fit(data, new BgNbdFitOptions { Compress = false });
        var b = BgNbdModel.Fit(data);
        Assert.Equal(a.R, b.R, 1e-6);
        Assert.Equal(a.Alpha, b.Alpha, 1e-5);
        Assert.Equal(a.A, b.A, 1e-6);
        Assert.Equal(a.B, b.B, 1e-5);
        var again = BgNbdModel.Fit(data);
        Assert.Equal((b.R, b.Alpha, b.A, b.B, b.Report!.LogLikelihood), (again.R, again.Alpha, again.A, again.B, again.Report!.LogLikelihood));
    }

    /// <summary>
    /// 20,000 customers simulated from known parameters (T uniform in 26-52 weeks) give them back: each estimate
    /// within 4 of the fit's own standard errors (a false alarm about once in 16,000 per parameter), and each
    /// standard error under a quarter of its estimate so the band means something.
    /// </summary>
    [Fact]
    public void Parameters_are_recovered_from_customers_simulated_from_them()
    {
        var truth = new BgNbdModel(0.25, 4, 0.8, 2.5);
        var random = new Random(2005);
        const int customers = 20_000;
        var x = new double[customers];
        var tx = new double[customers];
        var age = new double[customers];
        for (var c = 0; c < customers; c++)
        {
            age[c] = 26 + 26 * random.NextDouble();
            var lambda = Sampling.Gamma(random, truth.R) / truth.Alpha;
            var p = Sampling.Beta(random, truth.A, truth.B);
            var clock = 0.0;
            while (true)
            {
                clock += Sampling.Exponential(random, lambda);
                if (clock > age[c]) break;
                x[c]++;
                tx[c] = clock;
                // BG/NBD: a customer may drop out after each repeat purchase.
                if (random.NextDouble() < p) break;
            }
        }
        var fit = BgNbdModel.Fit(RepeatPurchases.Create(x, tx, age));
        Recovery.AssertRecovered(fit.Report!, 0.25, ("r", fit.R, truth.R), ("alpha", fit.Alpha, truth.Alpha), ("a", fit.A, truth.A), ("b", fit.B, truth.B));
    }

    /// <summary>
    /// lifetimes reports overflow warnings and NaN standard errors at 2.5M customers (its issue #332): 2.5M customers
    /// simulated from known parameters (ages spread over two years, so about a million distinct rows) fit with
    /// finite standard errors, and give the parameters back.
    /// </summary>
    [Fact]
    public void Two_and_a_half_million_customers_fit_without_overflow_or_missing_standard_errors()
    {
        var truth = new BgNbdModel(0.25, 4, 0.8, 2.5);
        var random = new Random(332);
        const int customers = 2_500_000;
        var x = new double[customers];
        var tx = new double[customers];
        var age = new double[customers];
        for (var c = 0; c < customers; c++)
        {
            age[c] = Math.Round(1 + 103 * random.NextDouble(), 2);
            var lambda = Sampling.Gamma(random, truth.R) / truth.Alpha;
            var p = Sampling.Beta(random, truth.A, truth.B);
            var clock = 0.0;
            while ((clock += Sampling.Exponential(random, lambda)) <= age[c])
            {
                x[c]++;
                // A repeat purchase within the rounding of the first still comes after it: recency 0 is refused with repeats.
                tx[c] = Math.Max(0.01, Math.Round(clock, 2));
                if (random.NextDouble() < p) break;
            }
        }
        var fit = BgNbdModel.Fit(RepeatPurchases.Create(x, tx, age));
        Assert.True(double.IsFinite(fit.Report!.LogLikelihood));
        Assert.All(fit.Report.StandardErrors.Values, e => Assert.True(e is > 0 && double.IsFinite(e.Value)));
        Recovery.AssertRecovered(fit.Report, 0.25, ("r", fit.R, truth.R), ("alpha", fit.Alpha, truth.Alpha), ("a", fit.A, truth.A), ("b", fit.B, truth.B));
    }

    [Fact]
    public void A_small_sample_of_extreme_customers_converges_or_says_why()
    {
        // Five customers, two of them with hundreds of purchases in a few weeks: the kind of sample that makes other tools loop or overflow.
        var data = RepeatPurchases.Create([0, 1, 350, 0, 600], [0, 2, 9.5, 0, 9.9], [10, 10, 10, 10, 10]);
        var fit = BgNbdModel.Fit(data);
        Assert.True(double.IsFinite(fit.Report!.LogLikelihood));
        Assert.True(new[] { fit.R, fit.Alpha, fit.A, fit.B }.All(double.IsFinite));
        // Either it converged, or it says it did not and why (the iteration limit, a failed line search, a run to a boundary, or a
        // degenerate optimum reached by a converging optimiser), with its best point kept.
        if (!fit.Report.Converged) Assert.Matches("iteration limit|line search|ran off toward a boundary|the gradient fell|stopped changing", fit.Report.Reason);
        Assert.True(fit.Report.LogLikelihood >= new BgNbdModel(1, 10, 1, 1).LogLikelihood(data));
        Assert.All(fit.Report.StandardErrors.Values, e => Assert.True(e is null || double.IsFinite(e.Value)));
    }

    [Fact]
    public void The_likelihood_of_the_data_is_the_sum_of_the_customers_likelihoods()
    {
        var data = CdnowSummary.Load();
        var sum = 0.0;
        var gradient = new double[4];
        double[] p = [Published.R, Published.Alpha, Published.A, Published.B];
        for (var i = 0; i < data.Rows; i++)
            sum += BgNbdLikelihood.LogLikelihood(data.Frequency[i], data.Recency[i], data.Age[i], 1, p, gradient);
        Assert.Equal(sum, Published.LogLikelihood(data), 1e-9 * Math.Abs(sum));
    }

    [Fact]
    public void Very_large_frequencies_and_ages_stay_finite()
    {
        var data = RepeatPurchases.Create([0, 300, 1500, 2], [0, 1000, 2999, 10], [5, 1100, 3000, 3000]);
        Assert.True(double.IsFinite(Published.LogLikelihood(data)));
        var result = new double[4];
        Published.ProbabilityAlive(data.Frequency, data.Recency, data.Age, result);
        Assert.All(result, p => Assert.True(double.IsFinite(p)));
    }

    [Fact]
    public void Data_without_repeat_purchases_is_refused_with_a_reason()
    {
        var failure = Assert.Throws<ClvDataException>(() => BgNbdModel.Fit(RepeatPurchases.Create([0, 0], [0, 0], [3, 4])));
        Assert.Contains("no customer made a repeat purchase", failure.Message);
        Assert.Contains("T < recency", Assert.Throws<ClvDataException>(() => RepeatPurchases.Create([1], [5], [4])).Message);
        Assert.Contains("not a finite number", Assert.Throws<ClvDataException>(() => RepeatPurchases.Create([1], [double.NaN], [4])).Message);
    }
}
