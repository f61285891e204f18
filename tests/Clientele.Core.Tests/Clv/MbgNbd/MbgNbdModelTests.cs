using Clientele.Clv;
using Clientele.Clv.MbgNbd;

namespace Clientele.Core.Tests.Clv.MbgNbd;

/// <summary>MBG/NBD against the reference fit on CDNOW (../shared/data/README.md) and a simulation of its own process.</summary>
public sealed class MbgNbdModelTests
{
    [Fact]
    public void Fitting_the_cdnow_summary_gives_the_reference_parameters_and_log_likelihood()
    {
        var model = MbgNbdModel.Fit(CdnowSummary.Load());
        // Reference refit: r 0.5248, alpha 6.183, a 0.8914, b 1.614, LL -9582.13 (half a unit of the last digit given).
        Assert.Equal(0.5248, model.R, 0.00051);
        Assert.Equal(6.183, model.Alpha, 0.0051);
        Assert.Equal(0.8914, model.A, 0.00051);
        Assert.Equal(1.614, model.B, 0.0051);
        Assert.Equal(-9582.13, model.Report!.LogLikelihood, 0.0051);
        Assert.True(model.Report.Converged, model.Report.Reason);
    }

    /// <summary>
    /// The expectations' formulas checked against the process they describe: 200,000 simulated customers
    /// (seeded), each with λ ~ Gamma(r, α) and p ~ Beta(a, b), dropping out with probability p at the first
    /// purchase and after each one. The mean count over t has a standard error below 0.5% here; 2% is allowed.
    /// </summary>
    [Fact]
    public void Expected_purchases_of_a_new_customer_agree_with_a_simulation_of_the_process()
    {
        var model = new MbgNbdModel(0.5248, 6.183, 1.8914, 1.614);
        var random = new Random(20261123);
        const int customers = 200_000;
        const double t = 20;
        var total = 0L;
        for (var c = 0; c < customers; c++)
        {
            var lambda = Sampling.Gamma(random, model.R) / model.Alpha;
            var p = Sampling.Beta(random, model.A, model.B);
            if (random.NextDouble() < p) continue;
            var clock = 0.0;
            while (true)
            {
                clock += -Math.Log(1 - random.NextDouble()) / lambda;
                if (clock > t) break;
                total++;
                if (random.NextDouble() < p) break;
            }
        }
        Assert.Equal(model.ExpectedPurchasesNewCustomer(t), total / (double)customers, model.ExpectedPurchasesNewCustomer(t) * 0.02);
        // Near t = 0 only customers who survived the first purchase buy: E[X(t)] ≈ t·(r/α)·b/(a+b).
        Assert.Equal(1e-4 * model.R / model.Alpha * model.B / (model.A + model.B), model.ExpectedPurchasesNewCustomer(1e-4), 1e-9);
    }

    /// <summary>
    /// 20,000 customers simulated from known parameters (dropout possible at the first purchase too, T uniform in
    /// 26-52 weeks) give them back: each estimate within 4 of the fit's own standard errors (a false alarm about
    /// once in 16,000 per parameter), and each standard error under a quarter of its estimate so the band means something.
    /// </summary>
    [Fact]
    public void Parameters_are_recovered_from_customers_simulated_from_them()
    {
        var truth = new MbgNbdModel(0.5, 6, 1.2, 2.5);
        var data = Simulate(truth, 20_000, new Random(2007));
        var fit = MbgNbdModel.Fit(data);
        Recovery.AssertRecovered(fit.Report!, 0.25, ("r", fit.R, truth.R), ("alpha", fit.Alpha, truth.Alpha), ("a", fit.A, truth.A), ("b", fit.B, truth.B));
    }

    private static RepeatPurchases Simulate(MbgNbdModel model, int customers, Random random)
    {
        var x = new double[customers];
        var tx = new double[customers];
        var age = new double[customers];
        for (var c = 0; c < customers; c++)
        {
            age[c] = 26 + 26 * random.NextDouble();
            var lambda = Sampling.Gamma(random, model.R) / model.Alpha;
            var p = Sampling.Beta(random, model.A, model.B);
            if (random.NextDouble() < p) continue;
            var clock = 0.0;
            while (true)
            {
                clock += Sampling.Exponential(random, lambda);
                if (clock > age[c]) break;
                x[c]++;
                tx[c] = clock;
                if (random.NextDouble() < p) break;
            }
        }
        return RepeatPurchases.Create(x, tx, age);
    }

    [Fact]
    public void Probability_alive_is_below_one_even_without_repeat_purchases_and_conditional_expectations_are_finite()
    {
        var model = new MbgNbdModel(0.5248, 6.183, 0.8914, 1.614);
        var alive = new double[3];
        model.ProbabilityAlive([0, 3, 250], [0, 20, 100], [30, 30, 104], alive);
        Assert.All(alive, p => Assert.InRange(p, 0, 1));
        Assert.True(alive[0] < 1);
        var expected = new double[3];
        model.ExpectedPurchases(39, [0, 3, 250], [0, 20, 100], [30, 30, 104], expected);
        Assert.All(expected, e => Assert.True(double.IsFinite(e) && e >= 0));
    }
}
