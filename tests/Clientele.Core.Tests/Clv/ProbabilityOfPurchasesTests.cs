using Clientele.Clv.BgNbd;
using Clientele.Clv.MbgNbd;
using Clientele.Clv.ParetoNbd;

namespace Clientele.Core.Tests.Clv;

/// <summary>
/// P(X(t) = n) of the three repeat-purchase models is a distribution whose mean is E[X(t)], and it matches the
/// process it describes (simulated, seeded).
/// </summary>
public sealed class ProbabilityOfPurchasesTests
{
    private static readonly BgNbdModel Bg = new(0.243, 4.414, 0.793, 2.426);
    private static readonly MbgNbdModel Mbg = new(0.5248, 6.183, 1.8914, 1.614);
    private static readonly ParetoNbdModel Pareto = new(0.5534, 10.5802, 0.6061, 11.6562);

    private static void AssertDistributionWithMean(Func<int, double> probability, double mean)
    {
        double total = 0, weighted = 0;
        for (var n = 0; n <= 3000; n++)
        {
            var p = probability(n);
            Assert.InRange(p, 0, 1);
            total += p;
            weighted += n * p;
        }
        Assert.Equal(1, total, 1e-9);
        Assert.Equal(mean, weighted, 1e-6 * Math.Max(1, mean));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(39)]
    [InlineData(78)]
    public void The_probabilities_of_each_model_sum_to_one_with_mean_the_expected_purchases(double t)
    {
        AssertDistributionWithMean(n => Bg.ProbabilityOfPurchases(t, n), Bg.ExpectedPurchasesNewCustomer(t));
        AssertDistributionWithMean(n => Mbg.ProbabilityOfPurchases(t, n), Mbg.ExpectedPurchasesNewCustomer(t));
        AssertDistributionWithMean(n => Pareto.ProbabilityOfPurchases(t, n), Pareto.ExpectedPurchasesNewCustomer(t));
    }

    /// <summary>200,000 simulated customers per model; the share with n purchases has a standard error below 0.0012, so 0.005 is allowed.</summary>
    [Fact]
    public void The_probabilities_match_simulated_customers()
    {
        const int customers = 200_000;
        const double t = 30;
        var random = new Random(1987);
        var mbg = new int[5];
        var pareto = new int[5];
        for (var c = 0; c < customers; c++)
        {
            var lambda = Sampling.Gamma(random, Mbg.R) / Mbg.Alpha;
            var p = Sampling.Beta(random, Mbg.A, Mbg.B);
            var count = 0;
            if (random.NextDouble() >= p)
            {
                var clock = 0.0;
                while ((clock += Sampling.Exponential(random, lambda)) <= t)
                {
                    count++;
                    if (random.NextDouble() < p) break;
                }
            }
            if (count < mbg.Length) mbg[count]++;

            lambda = Sampling.Gamma(random, Pareto.R) / Pareto.Alpha;
            var mu = Sampling.Gamma(random, Pareto.S) / Pareto.Beta;
            var end = Math.Min(t, Sampling.Exponential(random, mu));
            count = 0;
            for (var clock = Sampling.Exponential(random, lambda); clock <= end; clock += Sampling.Exponential(random, lambda)) count++;
            if (count < pareto.Length) pareto[count]++;
        }
        for (var n = 0; n < 5; n++)
        {
            Assert.Equal(Mbg.ProbabilityOfPurchases(t, n), mbg[n] / (double)customers, 0.005);
            Assert.Equal(Pareto.ProbabilityOfPurchases(t, n), pareto[n] / (double)customers, 0.005);
        }
    }
}
