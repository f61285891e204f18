using System.Numerics;
using Clientele.Clv;

namespace Clientele.Core.Tests.Clv;

public sealed partial class SpecialFunctionsTests
{
    [Theory]
    [InlineData(1e-300, 690.77552789821370521)]
    [InlineData(1e-10, 23.025850929882735274)]
    [InlineData(1e-3, 6.9071788853838536825)]
    [InlineData(0.1, 2.2527126517342059599)]
    [InlineData(0.75, 0.20328095143129537148)]
    [InlineData(1.25, -0.098271836421813161464)]
    [InlineData(1.9, -0.038984275923083330039)]
    [InlineData(2.75, 0.47521466691493713031)]
    [InlineData(3.7, 1.4280723266653879219)]
    [InlineData(11.5, 16.29200047656724132)]
    [InlineData(12.5, 18.734347511936445702)]
    [InlineData(100.5, 361.43554046777762156)]
    [InlineData(1e6, 12815504.56914761166)]
    [InlineData(1e12, 26631021115915.651636)]
    [InlineData(1e300, 6.8977552789821370521e+302)]
    public void LogGamma_matches_40_digit_references_from_tiny_to_huge_arguments(double x, double expected)
    {
        // mpmath 1.3.0 loggamma at 40 digits; 2e-15 is ten units in the last place.
        AssertRelative(expected, SpecialFunctions.LogGamma(x), 2e-15);
    }

    [Fact]
    public void LogGamma_of_one_half_is_half_the_log_of_pi()
    {
        AssertRelative(0.5 * Math.Log(Math.PI), SpecialFunctions.LogGamma(0.5), 1e-15);
    }

    [Fact]
    public void LogGamma_of_an_integer_is_the_log_of_the_previous_factorial()
    {
        Assert.Equal(0.0, SpecialFunctions.LogGamma(1));
        Assert.Equal(0.0, SpecialFunctions.LogGamma(2));
        var factorial = BigInteger.One;
        for (var n = 3; n <= 400; n++)
        {
            factorial *= n - 1;
            // BigInteger.Log is exact to a few units in the last place of the double it returns.
            AssertRelative(BigInteger.Log(factorial), SpecialFunctions.LogGamma(n), 2e-15);
        }
    }

    [Fact]
    public void LogGamma_satisfies_the_recurrence_and_the_duplication_formula_at_random_points()
    {
        var random = new Random(20240601);
        for (var i = 0; i < 2_000; i++)
        {
            var x = LogUniform(random, -8, 8);
            var here = SpecialFunctions.LogGamma(x);
            var next = SpecialFunctions.LogGamma(x + 1);
            // The identities are checked to 4e-15 of the largest term, the scale of the rounding in x + 1.
            var scale = Math.Abs(here) + Math.Abs(next) + Math.Abs(Math.Log(x));
            AssertAbsolute(Math.Log(x), next - here, 4e-15 * scale);

            // Legendre: ln Γ(2x) = (2x − 1) ln 2 − ½ ln π + ln Γ(x) + ln Γ(x + ½).
            var twice = SpecialFunctions.LogGamma(2 * x);
            var legendre = (2 * x - 1) * Math.Log(2) - 0.5 * Math.Log(Math.PI) + here + SpecialFunctions.LogGamma(x + 0.5);
            AssertAbsolute(twice, legendre, 4e-15 * (Math.Abs(twice) + Math.Abs(here) + (2 * x + 1) * Math.Log(2) + 1));
        }
    }

    [Fact]
    public void LogGamma_is_infinite_at_zero_and_undefined_for_negative_arguments()
    {
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.LogGamma(0));
        Assert.True(double.IsNaN(SpecialFunctions.LogGamma(-1.5)));
        Assert.True(double.IsNaN(SpecialFunctions.LogGamma(double.NaN)));
    }

    [Theory]
    [InlineData(1e-10, -10000000000.577215665)]
    [InlineData(1e-3, -1000.5755719318103005)]
    [InlineData(0.1, -10.423754940411076795)]
    [InlineData(0.75, -1.0858608797864721696)]
    [InlineData(1.25, -0.22745353337626540809)]
    [InlineData(1.9, 0.35618416116405971922)]
    [InlineData(2.75, 0.81890102497543259228)]
    [InlineData(3.7, 1.1671535393615113859)]
    [InlineData(11.5, 2.3982391295357816134)]
    [InlineData(12.5, 2.4851956512749120482)]
    [InlineData(100.5, 4.6051743525818452119)]
    [InlineData(1e6, 13.815510057964190771)]
    [InlineData(1e12, 27.631021115928048208)]
    [InlineData(1e300, 690.77552789821370521)]
    public void Digamma_matches_40_digit_references(double x, double expected)
    {
        // mpmath 1.3.0 digamma at 40 digits. 1.25 lies 0.21 from the root 1.4616..., where the error is
        // absolute (~4e-16), hence 1e-14 relative rather than 2e-15 throughout.
        AssertRelative(expected, SpecialFunctions.Digamma(x), 1e-14);
    }

    [Fact]
    public void Digamma_has_its_closed_forms_at_one_and_one_half()
    {
        AssertRelative(-EulerGamma, SpecialFunctions.Digamma(1), 1e-15);
        AssertRelative(-EulerGamma - 2 * Math.Log(2), SpecialFunctions.Digamma(0.5), 1e-15);
        AssertRelative(1 - EulerGamma, SpecialFunctions.Digamma(2), 1e-15);
    }

    [Fact]
    public void Digamma_satisfies_the_recurrence_and_is_the_derivative_of_LogGamma_at_random_points()
    {
        var random = new Random(7);
        for (var i = 0; i < 2_000; i++)
        {
            var x = LogUniform(random, -6, 8);
            var here = SpecialFunctions.Digamma(x);
            var next = SpecialFunctions.Digamma(x + 1);
            AssertAbsolute(1 / x, next - here, 4e-15 * (Math.Abs(here) + Math.Abs(next) + 1 / x));
        }

        for (var i = 0; i < 200; i++)
        {
            // A central difference with step h has error h² ψ'''/6; 1e-6 relative covers it and the rounding.
            var x = Uniform(random, 0.5, 50);
            var h = 1e-4 * x;
            var slope = (SpecialFunctions.LogGamma(x + h) - SpecialFunctions.LogGamma(x - h)) / (2 * h);
            AssertAbsolute(slope, SpecialFunctions.Digamma(x), 1e-6 * (1 + Math.Abs(slope)));
        }
    }

    [Theory]
    [InlineData(1e-10, 1.0e+20)]
    [InlineData(1e-3, 1000001.642533195869)]
    [InlineData(0.1, 101.43329915079275882)]
    [InlineData(0.75, 2.5418796476716064984)]
    [InlineData(1.25, 1.1973291545071107393)]
    [InlineData(1.9, 0.68797205824263561524)]
    [InlineData(3.7, 0.3100378576700383191)]
    [InlineData(11.5, 0.090846661274546234338)]
    [InlineData(12.5, 0.083285224601578370444)]
    [InlineData(100.5, 0.0099999166695831027116)]
    [InlineData(1e6, 1.0000005000001666667e-6)]
    [InlineData(1e12, 1.0000000000005e-12)]
    [InlineData(1e300, 1.0e-300)]
    public void Trigamma_matches_40_digit_references(double x, double expected)
    {
        // mpmath 1.3.0 psi(1, x) at 40 digits.
        AssertRelative(expected, SpecialFunctions.Trigamma(x), 2e-15);
    }

    [Fact]
    public void Trigamma_has_its_closed_forms_and_satisfies_the_recurrence()
    {
        AssertRelative(Math.PI * Math.PI / 6, SpecialFunctions.Trigamma(1), 1e-15);
        AssertRelative(Math.PI * Math.PI / 2, SpecialFunctions.Trigamma(0.5), 1e-15);
        var random = new Random(11);
        for (var i = 0; i < 2_000; i++)
        {
            var x = LogUniform(random, -6, 8);
            var here = SpecialFunctions.Trigamma(x);
            var next = SpecialFunctions.Trigamma(x + 1);
            AssertRelative(here, next + 1 / (x * x), 4e-15);
        }
    }
}
