using Clientele.Clv;

namespace Clientele.Core.Tests.Clv;

/// <summary>The check of the simulate-then-fit tests: the fit converged and gave back the parameters it was simulated from.</summary>
internal static class Recovery
{
    /// <summary>
    /// Each estimate within 4 of the fit's own standard errors of the truth (a false alarm about once in 16,000 per
    /// parameter), and each standard error under <paramref name="widest"/> × the true value, so that the band means something.
    /// </summary>
    public static void AssertRecovered(FitReport report, double widest, params (string Name, double Estimate, double Truth)[] parameters)
    {
        Assert.True(report.Converged, report.Reason);
        foreach (var (name, estimate, truth) in parameters)
        {
            Assert.True(report.StandardErrors[name] is not null, $"{name}: no standard error");
            var error = report.StandardErrors[name]!.Value;
            Assert.True(error < widest * truth, $"{name}: standard error {error} is too wide to test against");
            Assert.True(Math.Abs(estimate - truth) < 4 * error, $"{name}: {estimate} is not within 4 × {error} of {truth}");
        }
    }
}
