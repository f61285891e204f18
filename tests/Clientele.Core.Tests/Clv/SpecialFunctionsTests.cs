namespace Clientele.Core.Tests.Clv;

/// <summary>
/// Tests of <see cref="Clientele.Clv.SpecialFunctions"/>, one partial file per source file. Reference values
/// are closed forms, identities, 28-digit decimal series, adaptive quadrature or 40-digit mpmath 1.3.0
/// values; every assertion states its tolerance.
/// </summary>
public sealed partial class SpecialFunctionsTests
{
    private const double EulerGamma = 0.57721566490153286061;

    private static void AssertRelative(double expected, double actual, double tolerance)
    {
        var error = expected == actual ? 0 : Math.Abs(actual - expected) / Math.Abs(expected);
        Assert.True(
            error <= tolerance,
            $"expected {expected:R}, got {actual:R}: relative error {error:E2} exceeds {tolerance:E0}");
    }

    private static void AssertAbsolute(double expected, double actual, double tolerance)
    {
        var error = Math.Abs(actual - expected);
        Assert.True(
            error <= tolerance,
            $"expected {expected:R}, got {actual:R}: absolute error {error:E2} exceeds {tolerance:E0}");
    }

    /// <summary>A uniform draw from [low, high).</summary>
    private static double Uniform(Random random, double low, double high) => low + (high - low) * random.NextDouble();

    /// <summary>10^U(lowExponent, highExponent): spreads points evenly over the orders of magnitude.</summary>
    private static double LogUniform(Random random, double lowExponent, double highExponent) =>
        Math.Pow(10, Uniform(random, lowExponent, highExponent));
}
