using Clientele.Clv;
using Clientele.Scoring;

namespace Clientele.Core.Tests.Scoring;

public sealed class FitAcceptanceTests
{
    private static readonly Dictionary<string, double> Parameters = new() { ["r"] = 0.24, ["alpha"] = 4.4, ["a"] = 0.79, ["b"] = 2.4 };

    private static FitReport Report(bool converged, string reason = "the gradient fell below the tolerance", string? warning = null, double logLikelihood = -9582.4) =>
        new(logLikelihood, 24, converged, reason, 1e-6, new Dictionary<string, double?> { ["r"] = 0.01 }, 2357, 1000, 0.1, warning);

    [Fact]
    public void A_converged_fit_with_finite_parameters_is_accepted()
    {
        Assert.Null(FitAcceptance.Refusal(Report(converged: true), Parameters));
    }

    [Fact]
    public void A_degenerate_optimum_is_refused_with_the_reports_warning()
    {
        var refusal = FitAcceptance.Refusal(Report(false, warning: "degenerate optimum: a = 1.16E+07 is beyond 1e6."), Parameters);
        Assert.Equal("degenerate optimum: a = 1.16E+07 is beyond 1e6", refusal);
    }

    [Fact]
    public void A_fit_that_did_not_converge_is_refused_with_the_reason_it_stopped()
    {
        var refusal = FitAcceptance.Refusal(Report(false, "the iteration budget (1,000) ran out."), Parameters);
        Assert.Equal("it did not converge (the iteration budget (1,000) ran out)", refusal);
    }

    [Fact]
    public void Parameters_or_a_log_likelihood_that_are_not_finite_are_refused_even_when_the_report_says_converged()
    {
        var withNaN = new Dictionary<string, double>(Parameters) { ["b"] = double.NaN };
        Assert.Equal("its parameters are not finite (b = NaN)", FitAcceptance.Refusal(Report(true), withNaN));
        Assert.Equal("its log-likelihood is not finite", FitAcceptance.Refusal(Report(true, logLikelihood: double.NegativeInfinity), Parameters));
    }
}
