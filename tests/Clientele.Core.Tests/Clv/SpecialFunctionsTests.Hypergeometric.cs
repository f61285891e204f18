using Clientele.Clv;

namespace Clientele.Core.Tests.Clv;

public sealed partial class SpecialFunctionsTests
{
    [Theory]
    [InlineData(-50.0)]
    [InlineData(-10.0)]
    [InlineData(-2.0)]
    [InlineData(-0.5)]
    [InlineData(-0.125)]
    [InlineData(0.0625)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.75)]
    [InlineData(0.9375)]
    [InlineData(0.99)]
    public void Hypergeometric_one_one_two_is_minus_log_one_minus_z_over_z(double z)
    {
        // 1 − z is exact for every z here, so the reference is rounded only in Log and the division.
        var expected = -Math.Log(1 - z) / z;
        AssertRelative(expected, SpecialFunctions.Hypergeometric2F1(1, 1, 2, z), 1e-14);
        AssertAbsolute(Math.Log(expected), SpecialFunctions.LogHypergeometric2F1(1, 1, 2, z), 1e-14);
    }

    [Fact]
    public void Hypergeometric_with_c_equal_to_b_is_a_power_of_one_minus_z()
    {
        foreach (var a in new[] { 0.5, 3.7, 250.3 })
        {
            foreach (var b in new[] { 0.7, 2.5, 40.0 })
            {
                foreach (var z in new[] { -50, -3, -0.4, 0.3, 0.7, 0.99 })
                {
                    // The transformed series terminates after one term; what is left is the power itself.
                    var logExpected = -a * Math.Log(1 - z);
                    AssertAbsolute(logExpected, SpecialFunctions.LogHypergeometric2F1(a, b, b, z), 1e-14 * (1 + Math.Abs(logExpected)));
                    if (Math.Abs(logExpected) < 700)
                    {
                        AssertRelative(Math.Pow(1 - z, -a), SpecialFunctions.Hypergeometric2F1(a, b, b, z), 1e-14);
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(-0.99)]
    [InlineData(-0.7)]
    [InlineData(-0.3)]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.8)]
    [InlineData(0.95)]
    [InlineData(0.99)]
    public void Hypergeometric_one_half_one_half_three_halves_of_z_squared_is_arcsine_over_z(double z)
    {
        // z² is rounded once; the function's slope turns that into at most ~1e-15 relative at z = 0.99.
        AssertRelative(Math.Asin(z) / z, SpecialFunctions.Hypergeometric2F1(0.5, 0.5, 1.5, z * z), 1e-14);
    }

    [Theory]
    [InlineData(0.5, 0.5, 0.5)]
    [InlineData(3.25, 1.5, -0.5)]
    [InlineData(3.25, 1.5, 0.375)]
    [InlineData(100.5, 1.25, 0.5)]
    [InlineData(300.25, 1.28125, -0.5)]
    [InlineData(221.75, 40.5, 0.25)]
    [InlineData(221.75, 20.5, -0.5)]
    [InlineData(0.125, 4.75, 0.5)]
    [InlineData(1.0, 1.0, -0.25)]
    [InlineData(12.5, 0.5, 0.4375)]
    public void Hypergeometric_with_c_equal_to_a_plus_one_matches_a_28_digit_decimal_series(double a, double b, double z)
    {
        // Parameters are dyadic, so they convert to decimal exactly; the decimal series carries 28 digits,
        // of which alternating terms at z = −0.5 cost at most 8.
        var expected = DecimalSeriesWithCEqualToAPlusOne((decimal)a, (decimal)b, (decimal)z);
        AssertRelative(expected, SpecialFunctions.Hypergeometric2F1(a, b, a + 1, z), 1e-13);
        AssertAbsolute(Math.Log(expected), SpecialFunctions.LogHypergeometric2F1(a, b, a + 1, z), 1e-13);
    }

    [Fact]
    public void Hypergeometric_agrees_with_its_Pfaff_and_Euler_transformations_at_random_points()
    {
        var random = new Random(2005);
        for (var i = 0; i < 2_000; i++)
        {
            var a = Uniform(random, 0.1, 20);
            var b = Uniform(random, 0.1, 20);
            var c = Uniform(random, Math.Max(a, b) + 0.1, 40);
            var z = Uniform(random, -20, 0.95);
            var logValue = SpecialFunctions.LogHypergeometric2F1(a, b, c, z);
            var logOneMinusZ = Math.Log(1 - z);

            // Pfaff (DLMF 15.8.1): F(a, b; c; z) = (1 − z)^−a F(a, c − b; c; z/(z − 1)).
            var pfaff = -a * logOneMinusZ + SpecialFunctions.LogHypergeometric2F1(a, c - b, c, z / (z - 1));
            // Euler: F(a, b; c; z) = (1 − z)^(c − a − b) F(c − a, c − b; c; z).
            var euler = (c - a - b) * logOneMinusZ + SpecialFunctions.LogHypergeometric2F1(c - a, c - b, c, z);

            // The two sides travel different routes; 1e-13 of the largest log term bounds their rounding.
            var scale = 1 + Math.Abs(logValue) + (a + Math.Abs(c - a - b)) * Math.Abs(logOneMinusZ);
            AssertAbsolute(logValue, pfaff, 1e-13 * scale);
            AssertAbsolute(logValue, euler, 1e-13 * scale);
        }
    }

    [Fact]
    public void Hypergeometric_in_log_and_linear_space_agree_and_never_return_NaN_on_the_Pareto_NBD_domain()
    {
        var random = new Random(1987);
        for (var i = 0; i < 3_000; i++)
        {
            var a = Uniform(random, 0.1, 500);
            var b = Uniform(random, 0.1, 5);
            var z = Uniform(random, -50, 0.99);
            var linear = SpecialFunctions.Hypergeometric2F1(a, b, a + 1, z);
            var log = SpecialFunctions.LogHypergeometric2F1(a, b, a + 1, z);

            Assert.False(double.IsNaN(linear), $"2F1({a}, {b}; {a + 1}; {z}) is NaN");
            Assert.True(double.IsFinite(log), $"ln 2F1({a}, {b}; {a + 1}; {z}) = {log}");
            Assert.True(linear > 0);
            // Linear and log differ only in Pow versus Exp(e ln(1 − z)): a few ulps of |log|.
            AssertAbsolute(log, Math.Log(linear), 1e-14 * (1 + Math.Abs(log)));

            if (i % 10 == 0)
            {
                // Euler's integral by adaptive quadrature, a route that shares nothing with the series.
                AssertRelative(EulerIntegralWithCEqualToAPlusOne(a, b, z), linear, 1e-10);
            }
        }
    }

    [Fact]
    public void Hypergeometric_is_NaN_outside_its_domain()
    {
        Assert.True(double.IsNaN(SpecialFunctions.Hypergeometric2F1(1, 1, 2, 1.5)));
        Assert.True(double.IsNaN(SpecialFunctions.Hypergeometric2F1(1, 1, -2, 0.5)));
        Assert.True(double.IsNaN(SpecialFunctions.LogHypergeometric2F1(1, 1, 2, double.NaN)));
        // At z = 1 Gauss's sum: F(1, 1; 3; 1) = Γ(3)Γ(1)/(Γ(2)Γ(2)) = 2.
        AssertRelative(2, SpecialFunctions.Hypergeometric2F1(1, 1, 3, 1), 1e-15);
        Assert.Equal(1.0, SpecialFunctions.Hypergeometric2F1(2, 3, 4, 0));
    }

    /// <summary>Σₙ a/(a + n) (b)ₙ/n! zⁿ = ₂F₁(a, b; a + 1; z), in 28-digit decimal arithmetic.</summary>
    private static double DecimalSeriesWithCEqualToAPlusOne(decimal a, decimal b, decimal z)
    {
        decimal term = 1, sum = 1;
        for (var n = 0; n < 600; n++)
        {
            term *= (b + n) * z / (n + 1);
            sum += term * a / (a + n + 1);
        }

        return (double)sum;
    }
}
