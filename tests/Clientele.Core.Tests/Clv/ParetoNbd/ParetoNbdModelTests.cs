using Clientele.Clv;
using Clientele.Clv.ParetoNbd;

namespace Clientele.Core.Tests.Clv.ParetoNbd;

/// <summary>
/// Pareto/NBD against the published results on CDNOW (Schmittlein, Morrison &amp; Colombo 1987; Fader &amp; Hardie 2005;
/// the values and tolerances of ../shared/data/README.md), its invariants and a seeded simulate-then-recover test.
/// </summary>
public sealed class ParetoNbdModelTests
{
    // The parameters of the lifetimes / BTYD tests that the README's predictions were computed at.
    private static readonly ParetoNbdModel Reference = new(0.5534, 10.5802, 0.6061, 11.6562);

    [Fact]
    public void Fitting_the_cdnow_summary_gives_the_published_parameters_and_log_likelihood()
    {
        var model = ParetoNbdModel.Fit(CdnowSummary.Load());
        // Reference refit: r 0.5533, alpha 10.5776, s 0.6062, beta 11.6679 (within 1e-3 relative), LL -9594.97 (within 0.01).
        Assert.Equal(0.5533, model.R, 0.5533 * 1e-3);
        Assert.Equal(10.5776, model.Alpha, 10.5776 * 1e-3);
        Assert.Equal(0.6062, model.S, 0.6062 * 1e-3);
        Assert.Equal(11.6679, model.Beta, 11.6679 * 1e-3);
        Assert.Equal(-9594.97, model.Report!.LogLikelihood, 0.01);
        Assert.True(model.Report.Converged, model.Report.Reason);
        Assert.Equal(2357, model.Report.Customers);
        Assert.All(model.Report.StandardErrors.Values, e => Assert.True(e is > 0 and < 10));
    }

    [Fact]
    public void Probability_alive_and_conditional_expected_purchases_match_the_reference()
    {
        var alive = new double[1];
        Reference.ProbabilityAlive([26], [30.86], [31], alive);
        // README: 0.9979 (±0.001).
        Assert.Equal(0.9979, alive[0], 0.001);
        var expected = new double[1];
        Reference.ExpectedPurchases(52, [26], [30.86], [31], expected);
        // README: 25.46 (±0.01).
        Assert.Equal(25.46, expected[0], 0.01);
    }

    [Fact]
    public void Expected_purchases_of_a_new_customer_match_the_reference()
    {
        // README: E[X(t)] for t = 0..9 (±0.01).
        double[] expected = [0, 0.0508, 0.0992, 0.1454, 0.1898, 0.2325, 0.2736, 0.3134, 0.3518, 0.3891];
        for (var t = 0; t < expected.Length; t++) Assert.Equal(expected[t], Reference.ExpectedPurchasesNewCustomer(t), 0.01);
    }

    [Fact]
    public void Expectations_are_continuous_through_s_equal_to_one()
    {
        // At s = 1 the formulas' 1/(s − 1) becomes a logarithm; either side must approach it.
        var at = Reference with { S = 1 };
        var middle = new double[1];
        at.ExpectedPurchases(52, [3], [20], [31], middle);
        foreach (var model in new[] { at with { S = 1 - 1e-9 }, at with { S = 1 + 1e-9 } })
        {
            var side = new double[1];
            model.ExpectedPurchases(52, [3], [20], [31], side);
            Assert.Equal(middle[0], side[0], 1e-7);
            Assert.Equal(at.ExpectedPurchasesNewCustomer(30), model.ExpectedPurchasesNewCustomer(30), 1e-8);
        }
    }

    [Fact]
    public void Heavy_buyers_over_years_stay_finite()
    {
        // README: x, t_x, T of four heavy buyers at r 0.5143, alpha 2.8845, s 0.2856, beta 14.1087 (alpha < beta).
        var model = new ParetoNbdModel(0.5143, 2.8845, 0.2856, 14.1087);
        double[] x = [221, 254, 161, 204], tx = [103.43, 97.14, 94.71, 98.57], T = [103.57, 97.29, 98.00, 99.43];
        Assert.True(double.IsFinite(model.LogLikelihood(RepeatPurchases.Create(x, tx, T))));
        var alive = new double[4];
        var expected = new double[4];
        model.ProbabilityAlive(x, tx, T, alive);
        model.ExpectedPurchases(52, x, tx, T, expected);
        Assert.All(alive, p => Assert.InRange(p, 0, 1));
        Assert.All(expected, e => Assert.True(double.IsFinite(e) && e > 0));
        // The same buyers with alpha >= beta take the other branch of A0.
        var other = model with { Alpha = 20 };
        Assert.True(double.IsFinite(other.LogLikelihood(RepeatPurchases.Create(x, tx, T))));
    }

    [Fact]
    public void The_two_branches_of_A0_agree_where_alpha_meets_beta()
    {
        var data = CdnowSummary.Load().Compress();
        var below = new ParetoNbdModel(0.55, 11 - 1e-9, 0.6, 11).LogLikelihood(data);
        var at = new ParetoNbdModel(0.55, 11, 0.6, 11).LogLikelihood(data);
        var above = new ParetoNbdModel(0.55, 11 + 1e-9, 0.6, 11).LogLikelihood(data);
        Assert.Equal(at, below, 1e-5);
        Assert.Equal(at, above, 1e-5);
    }

    [Fact]
    public void Probability_alive_stays_in_the_unit_interval_on_random_customers()
    {
        var random = new Random(20050101);
        const int n = 2000;
        double[] x = new double[n], tx = new double[n], T = new double[n], p = new double[n];
        for (var i = 0; i < n; i++)
        {
            T[i] = 0.1 + 200 * random.NextDouble();
            x[i] = random.Next(0, 300);
            tx[i] = x[i] == 0 ? 0 : T[i] * random.NextDouble();
        }
        foreach (var model in new[] { Reference, new ParetoNbdModel(0.05, 0.5, 3, 80), new ParetoNbdModel(4, 90, 0.1, 0.7) })
        {
            model.ProbabilityAlive(x, tx, T, p);
            Assert.All(p, v => Assert.InRange(v, 0, 1));
        }
        Reference.ProbabilityAlive([0, 5], [0, 20], [40, 20], p.AsSpan(0, 2));
        // Without repeat purchases a customer is less surely alive than one who just bought (t_x = T gives 1).
        Assert.True(p[0] < 1);
        Assert.Equal(1, p[1]);
    }

    [Fact]
    public void Compressing_identical_customers_changes_neither_the_likelihood_nor_the_fit()
    {
        var data = CdnowSummary.Load();
        var compressed = data.Compress();
        Assert.True(compressed.Rows < data.Rows);
        Assert.Equal(Reference.LogLikelihood(data), Reference.LogLikelihood(compressed), 1e-8);
        var a = ParetoNbdModel.Fit(data, new ParetoNbdFitOptions { Compress = false });
        var b = ParetoNbdModel.Fit(data);
        Assert.Equal(a.R, b.R, 1e-6);
        Assert.Equal(a.Alpha, b.Alpha, 1e-6 * b.Alpha);
        Assert.Equal(a.S, b.S, 1e-6);
        Assert.Equal(a.Beta, b.Beta, 1e-6 * b.Beta);
    }

    [Fact]
    public void Data_without_repeat_purchases_is_refused_with_a_reason()
    {
        var failure = Assert.Throws<ClvDataException>(() => ParetoNbdModel.Fit(RepeatPurchases.Create([0, 0], [0, 0], [3, 4])));
        Assert.Contains("no customer made a repeat purchase", failure.Message);
    }

    [Fact]
    public void Fitting_simulated_customers_recovers_the_parameters_that_made_them()
    {
        var truth = new ParetoNbdModel(0.55, 10.5, 0.6, 11.7);
        var data = Simulate(truth, 20_000, new Random(1987));
        var model = ParetoNbdModel.Fit(data);
        // Maximum-likelihood estimates are asymptotically normal around the truth with the reported standard errors:
        // 4 of them leave a chance of about 6e-5 per parameter of a false alarm, and the seed is fixed anyway.
        // The errors must also be small (below 25% of the value), or the test would prove little.
        Recovery.AssertRecovered(model.Report!, 0.25,
            ("r", model.R, truth.R), ("alpha", model.Alpha, truth.Alpha), ("s", model.S, truth.S), ("beta", model.Beta, truth.Beta));
    }

    [Fact]
    public void A_fit_started_from_a_sample_s_optimum_ends_at_the_optimum_of_a_fit_from_the_default_start_in_fewer_iterations()
    {
        var data = Simulate(new ParetoNbdModel(0.55, 10.5, 0.6, 11.7), 20_000, new Random(1988));
        Assert.True(data.Compress().Rows > 10_000);
        var cold = ParetoNbdModel.Fit(data, new ParetoNbdFitOptions { WarmStartRows = 0 });
        var warm = ParetoNbdModel.Fit(data, new ParetoNbdFitOptions { WarmStartRows = 10_000 });
        Assert.True(cold.Report!.Converged && warm.Report!.Converged, $"{cold.Report!.Reason}; {warm.Report!.Reason}");
        // Both meet the same convergence test on every row: the same optimum to well inside the standard errors.
        foreach (var (name, a, b) in new[] { ("r", cold.R, warm.R), ("alpha", cold.Alpha, warm.Alpha), ("s", cold.S, warm.S), ("beta", cold.Beta, warm.Beta) })
        {
            Assert.True(Math.Abs(a - b) <= 1e-5 * a, $"{name}: {a:R} from the default start, {b:R} from the sample's");
            Assert.True(Math.Abs(a - b) <= 1e-3 * cold.Report.StandardErrors[name]!.Value, name);
        }
        Assert.Equal(cold.Report.LogLikelihood, warm.Report.LogLikelihood, 1e-9 * Math.Abs(cold.Report.LogLikelihood));
        Assert.Equal(cold.Report.StandardErrors["beta"]!.Value, warm.Report.StandardErrors["beta"]!.Value, 1e-4 * cold.Report.StandardErrors["beta"]!.Value);
        Assert.True(warm.Report.Iterations * 2 < cold.Report.Iterations, $"{warm.Report.Iterations} iterations from the sample's optimum, {cold.Report.Iterations} from the default start");
        // Few rows: the default start, whatever the option.
        var small = Simulate(new ParetoNbdModel(0.55, 10.5, 0.6, 11.7), 2_000, new Random(1989));
        Assert.Equal(ParetoNbdModel.Fit(small, new ParetoNbdFitOptions { WarmStartRows = 0 }).R, ParetoNbdModel.Fit(small).R);
    }

    /// <summary>
    /// Customers of the Pareto/NBD story: λ ~ Gamma(r, α) and μ ~ Gamma(s, β) (α, β rates), an exponential lifetime
    /// with rate μ, Poisson purchases at rate λ while alive, observed for T ~ Uniform[26, 52] after the first purchase.
    /// </summary>
    private static RepeatPurchases Simulate(ParetoNbdModel model, int customers, Random random)
    {
        double[] x = new double[customers], tx = new double[customers], T = new double[customers];
        for (var i = 0; i < customers; i++)
        {
            var lambda = Sampling.Gamma(random, model.R) / model.Alpha;
            var mu = Sampling.Gamma(random, model.S) / model.Beta;
            T[i] = 26 + 26 * random.NextDouble();
            var end = Math.Min(T[i], Sampling.Exponential(random) / mu);
            var time = Sampling.Exponential(random) / lambda;
            while (time <= end)
            {
                x[i]++;
                tx[i] = time;
                time += Sampling.Exponential(random) / lambda;
            }
        }
        return RepeatPurchases.Create(x, tx, T);
    }


}
