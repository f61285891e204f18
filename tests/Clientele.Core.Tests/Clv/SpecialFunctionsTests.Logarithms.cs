using Clientele.Clv;

namespace Clientele.Core.Tests.Clv;

public sealed partial class SpecialFunctionsTests
{
    [Theory]
    [InlineData(1e-20, 1e-20)]
    [InlineData(-1e-10, -1.00000000005000000000333e-10)]
    [InlineData(1e-5, 9.9999500003333308333533e-6)]
    [InlineData(0.5, 0.40546510810816438198)]
    [InlineData(-0.75, -1.3862943611198906188)]
    [InlineData(1e300, 690.77552789821370521)]
    public void LogP1_is_accurate_where_Log_of_one_plus_x_is_not(double x, double expected)
    {
        // mpmath 1.3.0 log1p at 40 digits.
        AssertRelative(expected, SpecialFunctions.LogP1(x), 2e-16);
    }

    [Theory]
    [InlineData(1e-20, 1e-20)]
    [InlineData(-1e-10, -9.9999999995000000000166e-11)]
    [InlineData(1e-5, 1.0000050000166667083342e-5)]
    [InlineData(0.5, 0.64872127070012814685)]
    [InlineData(-40, -0.99999999999999999575)]
    [InlineData(30, 10686474581523.462146)]
    public void ExpM1_is_accurate_where_Exp_minus_one_is_not(double x, double expected)
    {
        // mpmath 1.3.0 expm1 at 40 digits.
        AssertRelative(expected, SpecialFunctions.ExpM1(x), 4e-16);
    }

    [Fact]
    public void LogSumExp_equals_the_log_of_the_sum_of_exponentials_where_that_does_not_overflow()
    {
        var random = new Random(42);
        Span<double> values = stackalloc double[40];
        for (var trial = 0; trial < 5_000; trial++)
        {
            var terms = values[..random.Next(1, 41)];
            var sum = 0.0;
            for (var i = 0; i < terms.Length; i++)
            {
                terms[i] = Uniform(random, -300, 300);
                sum += Math.Exp(terms[i]);
            }

            // The naive form is itself rounded once per term: 1e-15 of max(1, |result|) covers both.
            var expected = Math.Log(sum);
            AssertAbsolute(expected, SpecialFunctions.LogSumExp(terms), 1e-15 * Math.Max(1, Math.Abs(expected)));
            if (terms.Length == 2)
            {
                Assert.Equal(SpecialFunctions.LogSumExp(terms), SpecialFunctions.LogSumExp(terms[0], terms[1]), 1e-15 * Math.Max(1, Math.Abs(expected)));
            }
        }
    }

    [Fact]
    public void LogSumExp_stays_finite_and_shift_invariant_where_the_exponentials_overflow_or_underflow()
    {
        var random = new Random(43);
        Span<double> values = stackalloc double[40];
        Span<double> shifted = stackalloc double[40];
        foreach (var offset in new[] { 1_000.0, 1e5, -1_000.0, -1e5 })
        {
            for (var trial = 0; trial < 1_000; trial++)
            {
                var length = random.Next(1, 41);
                var terms = values[..length];
                var reference = shifted[..length];
                for (var i = 0; i < length; i++)
                {
                    reference[i] = Uniform(random, -30, 30);
                    terms[i] = reference[i] + offset;
                }

                var result = SpecialFunctions.LogSumExp(terms);
                Assert.True(double.IsFinite(result));
                // ln Σ e^(xᵢ + k) = k + ln Σ e^xᵢ; adding k rounds every xᵢ and the result: a few ulps of |result|.
                AssertAbsolute(offset + SpecialFunctions.LogSumExp(reference), result, 1e-15 * Math.Abs(result) + 1e-14);
                if (length == 2)
                {
                    Assert.True(double.IsFinite(SpecialFunctions.LogSumExp(terms[0], terms[1])));
                }
            }
        }
    }

    [Fact]
    public void LogSumExp_treats_minus_infinity_as_a_zero_term()
    {
        Assert.Equal(3.0, SpecialFunctions.LogSumExp(double.NegativeInfinity, 3.0));
        Assert.Equal(double.NegativeInfinity, SpecialFunctions.LogSumExp(double.NegativeInfinity, double.NegativeInfinity));
        Assert.Equal(double.NegativeInfinity, SpecialFunctions.LogSumExp([double.NegativeInfinity, double.NegativeInfinity]));
        Assert.Equal(double.NegativeInfinity, SpecialFunctions.LogSumExp(ReadOnlySpan<double>.Empty));
        Assert.Equal(2.0, SpecialFunctions.LogSumExp([double.NegativeInfinity, 2.0, double.NegativeInfinity]));
        Assert.True(double.IsNaN(SpecialFunctions.LogSumExp([1.0, double.NaN])));
    }

    [Fact]
    public void LogDiffExp_is_the_log_of_a_difference_of_exponentials_and_stays_accurate_for_close_arguments()
    {
        AssertRelative(Math.Log(2), SpecialFunctions.LogDiffExp(Math.Log(3), 0), 1e-15);
        AssertRelative(1_000 + Math.Log(1 - Math.Exp(-1)), SpecialFunctions.LogDiffExp(1_000, 999), 1e-15);
        // ln(1 − e^−1e-20) = ln(1e-20) to 1e-20 relative: the naive form gives −∞.
        AssertRelative(Math.Log(1e-20), SpecialFunctions.LogDiffExp(0, -1e-20), 1e-15);
        AssertRelative(-1e-300 + Math.Log(1e-300), SpecialFunctions.LogDiffExp(-1e-300, -2e-300), 1e-15);
        AssertRelative(-Math.Exp(-50), SpecialFunctions.LogDiffExp(0, -50), 1e-15);
        Assert.Equal(double.NegativeInfinity, SpecialFunctions.LogDiffExp(4.2, 4.2));
        Assert.Equal(5.0, SpecialFunctions.LogDiffExp(5, double.NegativeInfinity));
        Assert.True(double.IsNaN(SpecialFunctions.LogDiffExp(1, 2)));
    }

    [Fact]
    public void LogDiffExp_undoes_LogSumExp_at_random_points()
    {
        var random = new Random(44);
        for (var i = 0; i < 5_000; i++)
        {
            var a = Uniform(random, -1_000, 1_000);
            var b = a - LogUniform(random, -12, 1.3);
            var sum = SpecialFunctions.LogSumExp(a, b);
            // Rounding ln(eᵃ + eᵇ) to a double moves it by ~1e-16 |a|; recovering b divides that by e^(b − a).
            var tolerance = 4e-16 * (1 + Math.Abs(a)) * (1 + Math.Exp(a - b)) + 1e-15 * Math.Abs(b);
            AssertAbsolute(b, SpecialFunctions.LogDiffExp(sum, a), tolerance);
        }
    }
}
