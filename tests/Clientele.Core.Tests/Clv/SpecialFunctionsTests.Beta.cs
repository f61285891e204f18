using Clientele.Clv;

namespace Clientele.Core.Tests.Clv;

public sealed partial class SpecialFunctionsTests
{
    [Theory]
    [InlineData(1e-3, 1e12, 6.8795478642679256338)]
    [InlineData(1e6, 1e12, -14815517.046780269882)]
    [InlineData(0.5, 1e12, -13.243145615039449017)]
    [InlineData(20.5, 30.25, -34.562183632116847456)]
    [InlineData(1e-10, 1e-10, 23.71899811050040215)]
    [InlineData(7.5, 1e15, -251.50645872507143087)]
    public void LogBeta_matches_40_digit_references_when_an_argument_is_huge(double a, double b, double expected)
    {
        // mpmath 1.3.0 at 40 digits. The naive sum of log-gammas is off by ~3e-3 at (1e-3, 1e12).
        AssertRelative(expected, SpecialFunctions.LogBeta(a, b), 1e-14);
        AssertRelative(expected, SpecialFunctions.LogBeta(b, a), 1e-14);
    }

    [Fact]
    public void LogBeta_has_its_closed_forms()
    {
        AssertRelative(Math.Log(Math.PI), SpecialFunctions.LogBeta(0.5, 0.5), 1e-15);
        AssertAbsolute(0, SpecialFunctions.LogBeta(1, 1), 1e-16);
        var random = new Random(3);
        for (var i = 0; i < 1_000; i++)
        {
            // B(1, b) = 1/b for every b, through each of the three branches.
            var b = LogUniform(random, -5, 15);
            AssertAbsolute(-Math.Log(b), SpecialFunctions.LogBeta(1, b), 4e-15 * (1 + Math.Abs(Math.Log(b))));
        }
    }

    [Fact]
    public void LogBeta_satisfies_the_recurrence_in_its_first_argument_at_random_points()
    {
        var random = new Random(5);
        for (var i = 0; i < 2_000; i++)
        {
            // B(a, b) = B(a + 1, b) (a + b) / a.
            var a = LogUniform(random, -4, 9);
            var b = LogUniform(random, -4, 13);
            var here = SpecialFunctions.LogBeta(a, b);
            var next = SpecialFunctions.LogBeta(a + 1, b);
            var step = Math.Log((a + b) / a);
            AssertAbsolute(here, next + step, 1e-14 * (Math.Abs(here) + Math.Abs(next) + Math.Abs(step)));
        }
    }
}
