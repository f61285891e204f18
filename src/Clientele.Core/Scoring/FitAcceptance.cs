using System.Globalization;
using Clientele.Clv;

namespace Clientele.Scoring;

/// <summary>
/// Whether a fitted model may score customers. The analysis refuses a fit whose parameters or log-likelihood are not
/// finite, whose optimum is degenerate (a parameter beyond 1e6 or below 1e-6, a Hessian that is not positive definite:
/// <see cref="FitReport.Warning"/>) or that did not converge within its <see cref="FitBudget"/>: such parameters would
/// score every customer from a model the data does not pin down. The fit's own report decides; this says why in words.
/// </summary>
public static class FitAcceptance
{
    /// <summary>Why the fit must not be used, in words ("degenerate optimum: a = 1.3E-22 is below 1e-6; ..."), or null when it may.</summary>
    /// <param name="report">The fit's report (null: a model that was not fitted, which has nothing to refuse).</param>
    /// <param name="parameters">The fitted parameters by their names in the paper.</param>
    public static string? Refusal(FitReport? report, IReadOnlyDictionary<string, double> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var infinite = parameters.Where(p => !double.IsFinite(p.Value)).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} = {p.Value}")).ToList();
        if (infinite.Count > 0) return $"its parameters are not finite ({string.Join(", ", infinite)})";
        if (report is null) return null;
        if (!double.IsFinite(report.LogLikelihood)) return "its log-likelihood is not finite";
        // The report's sentences end with a period; here they sit inside a longer one.
        if (report.Warning is { } warning) return warning.TrimEnd('.', ' ');
        return report.Converged ? null : $"it did not converge ({report.Reason.TrimEnd('.', ' ')})";
    }
}
