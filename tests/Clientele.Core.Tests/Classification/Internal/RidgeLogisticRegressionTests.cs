using Clientele.Classification.Internal;

namespace Clientele.Core.Tests.Classification.Internal;

public sealed class RidgeLogisticRegressionTests
{
    [Fact]
    public void Coefficients_of_a_simulated_logistic_model_are_recovered_within_three_standard_errors()
    {
        // 20,000 rows of x1 ~ N(0, 1), x2 ~ Bernoulli(0.5), logit = -0.5 + 1.2 x1 - 0.8 x2: standard errors are about 0.03.
        var random = new Random(11);
        var n = 20_000;
        var x = new double[n][];
        var y = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var x1 = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            var x2 = random.NextDouble() < 0.5 ? 1.0 : 0.0;
            x[i] = [x1, x2];
            y[i] = random.NextDouble() < 1 / (1 + Math.Exp(-(-0.5 + 1.2 * x1 - 0.8 * x2)));
        }

        var fit = RidgeLogisticRegression.Fit(x, y, [.. Enumerable.Range(0, n)], lambda: 1e-6);

        var b = fit.RawCoefficients();
        Assert.Equal(-0.5, b[0], 0.1);
        Assert.Equal(1.2, b[1], 0.1);
        Assert.Equal(-0.8, b[2], 0.1);
        Assert.True(fit.Iterations < 15, $"{fit.Iterations} iterations");
    }

    [Fact]
    public void Separable_outcomes_give_finite_coefficients_under_the_penalty()
    {
        double[][] x = [[0.0], [1.0], [2.0], [3.0]];
        bool[] y = [false, false, true, true];

        var fit = RidgeLogisticRegression.Fit(x, y, [0, 1, 2, 3], lambda: 1);

        Assert.All(fit.RawCoefficients(), b => Assert.True(double.IsFinite(b)));
        Assert.True(fit.Probability([3.0]) > 0.5 && fit.Probability([0.0]) < 0.5);
    }

    [Fact]
    public void A_constant_feature_drops_out()
    {
        double[][] x = [[1.0, 0.0], [1.0, 1.0], [1.0, 2.0], [1.0, 3.0], [1.0, 0.5], [1.0, 2.5]];
        bool[] y = [false, true, true, true, false, false];

        var fit = RidgeLogisticRegression.Fit(x, y, [0, 1, 2, 3, 4, 5], lambda: 1);

        Assert.Equal(0, fit.RawCoefficients()[1]);
    }
}
