using System.Diagnostics;

namespace Clientele.Clv.Fitting;

/// <summary>
/// The negative log-likelihood of a model at positive parameters, with its gradient written to
/// <c>gradient</c> (both in the model's own parameters, summed over weighted rows).
/// </summary>
internal delegate double NegativeLogLikelihood(ReadOnlySpan<double> parameters, Span<double> gradient);

/// <summary>
/// Fits positive parameters by maximum likelihood: BFGS on their logarithms (so they stay positive
/// without bounds), an optional L2 penalty λ·Σp², standard errors from the inverse of the Hessian
/// (central differences of the analytic gradient), and a <see cref="FitReport"/> that says honestly how it went:
/// an optimum with a parameter beyond [<see cref="SmallestParameter"/>, <see cref="LargestParameter"/>] or a Hessian
/// that is not positive definite is degenerate (a warning, and not converged), and a likelihood that is not finite
/// where the optimiser ended is an error (<see cref="ClvDataException"/>), so nothing non-finite reaches a model.
/// </summary>
internal static class MaximumLikelihood
{
    /// <summary>
    /// Fits from <paramref name="start"/>, with <paramref name="start"/>'s curvature where known (<see cref="Approach"/>: the
    /// inverse Hessian, in the logarithms of the parameters, that a fit of the same model to a sample ended with).
    /// </summary>
    public static (double[] Parameters, FitReport Report) Fit(
        IReadOnlyList<string> names, double[] start, NegativeLogLikelihood nll, double customers, int rows, double penalty, FitBudget budget,
        double[,]? inverseHessian = null)
    {
        var clock = Stopwatch.StartNew();
        var n = start.Length;
        var minimum = Bfgs.Minimize(Penalised(nll, n, penalty), start.Select(v => Math.Log(v)).ToArray(), budget, inverseHessian: inverseHessian);
        var parameters = minimum.Point.Select(t => Math.Exp(t)).ToArray();
        var logLikelihood = -nll(parameters, new double[n]);
        var gradientNorm = Bfgs.Norm(minimum.Gradient);
        if (!double.IsFinite(logLikelihood) || !double.IsFinite(gradientNorm) || parameters.Any(v => !double.IsFinite(v) || v <= 0))
            throw new ClvDataException(
                $"the likelihood is not finite where the fit ended ({minimum.Reason}): the data holds values the model cannot describe, such as times or counts many orders of magnitude apart.");
        var errors = StandardErrors(nll, parameters, penalty);
        var warning = Degeneracy(names, parameters, errors);
        var report = new FitReport(
            logLikelihood, minimum.Iterations, minimum.Converged && warning is null, minimum.Reason, gradientNorm,
            names.Select((name, i) => (name, errors[i])).ToDictionary(e => e.name, e => e.Item2),
            customers, rows, clock.Elapsed.TotalSeconds, warning);
        return (parameters, report);
    }

    /// <summary>
    /// Where a fit of the same model to a sample of the data ends, as a start for the fit on all of it: the parameters and the
    /// inverse Hessian in their logarithms, scaled by <paramref name="scale"/> (the sample's share of the customers, since the
    /// likelihood of all of them is about 1/share times the sample's); null where that fit did not converge.
    /// </summary>
    public static (double[] Parameters, double[,] InverseHessian)? Approach(double[] start, NegativeLogLikelihood nll, double penalty, FitBudget budget, double scale)
    {
        var minimum = Bfgs.Minimize(Penalised(nll, start.Length, penalty), start.Select(v => Math.Log(v)).ToArray(), budget);
        if (!minimum.Converged || minimum.InverseHessian is not { } h) return null;
        var scaled = (double[,])h.Clone();
        for (var i = 0; i < start.Length; i++)
            for (var j = 0; j < start.Length; j++) scaled[i, j] *= scale;
        return (minimum.Point.Select(t => Math.Exp(t)).ToArray(), scaled);
    }

    /// <summary>The objective BFGS minimises: the penalised negative log-likelihood in the logarithms θ of the parameters.</summary>
    private static Objective Penalised(NegativeLogLikelihood nll, int n, double penalty)
    {
        var p = new double[n];
        var gp = new double[n];
        return (theta, gradient) =>
        {
            for (var i = 0; i < n; i++) p[i] = Math.Exp(theta[i]);
            var value = nll(p, gp);
            for (var i = 0; i < n; i++)
            {
                value += penalty * p[i] * p[i];
                // d/dθ = d/dp · p, as p = e^θ.
                gradient[i] = (gp[i] + 2 * penalty * p[i]) * p[i];
            }
            return value;
        };
    }

    /// <summary>Estimates above this are degenerate: the likelihood rises toward infinity in that parameter, so the data does not pin it down.</summary>
    public const double LargestParameter = 1e6;

    /// <summary>Estimates below this are degenerate: the likelihood rises toward zero in that parameter.</summary>
    public const double SmallestParameter = 1e-6;

    /// <summary>Why the optimum is degenerate, in words, or null when it is not.</summary>
    private static string? Degeneracy(IReadOnlyList<string> names, double[] parameters, double?[] errors)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var problems = new List<string>();
        for (var i = 0; i < parameters.Length; i++)
        {
            if (parameters[i] > LargestParameter)
                problems.Add(string.Create(culture, $"{names[i]} = {parameters[i]:G3} is beyond {LargestParameter:0e0}"));
            else if (parameters[i] < SmallestParameter)
                problems.Add(string.Create(culture, $"{names[i]} = {parameters[i]:G3} is below {SmallestParameter:0e0}"));
        }
        if (errors.All(e => e is null))
            problems.Add("the Hessian is not positive definite (the likelihood is flat or a saddle there, so the parameters are not identified)");
        return problems.Count == 0 ? null : "degenerate optimum: " + string.Join("; ", problems) + ".";
    }

    /// <summary>Square roots of the diagonal of the inverse Hessian of the (penalised) negative log-likelihood; null where it is not positive definite.</summary>
    private static double?[] StandardErrors(NegativeLogLikelihood nll, double[] p, double penalty)
    {
        var n = p.Length;
        var hessian = new double[n, n];
        var up = new double[n];
        var down = new double[n];
        var point = new double[n];
        for (var i = 0; i < n; i++)
        {
            var h = 1e-5 * Math.Max(Math.Abs(p[i]), 1e-3);
            Array.Copy(p, point, n);
            point[i] = p[i] + h;
            nll(point, up);
            point[i] = p[i] - h;
            nll(point, down);
            for (var j = 0; j < n; j++) hessian[i, j] = (up[j] - down[j]) / (2 * h);
            hessian[i, i] += 2 * penalty;
        }
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++) hessian[i, j] = hessian[j, i] = (hessian[i, j] + hessian[j, i]) / 2;
        var inverse = Invert(hessian);
        var errors = new double?[n];
        for (var i = 0; i < n; i++)
            errors[i] = inverse is not null && inverse[i, i] > 0 && double.IsFinite(inverse[i, i]) ? Math.Sqrt(inverse[i, i]) : null;
        return errors;
    }

    /// <summary>The inverse of a symmetric matrix by Cholesky factorisation, or null when it is not positive definite.</summary>
    private static double[,]? Invert(double[,] a)
    {
        var n = a.GetLength(0);
        var l = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = a[i, j];
                for (var k = 0; k < j; k++) sum -= l[i, k] * l[j, k];
                if (i == j)
                {
                    if (!(sum > 0)) return null;
                    l[i, i] = Math.Sqrt(sum);
                }
                else l[i, j] = sum / l[j, j];
            }
        }
        var inverse = new double[n, n];
        for (var column = 0; column < n; column++)
        {
            var y = new double[n];
            for (var i = 0; i < n; i++)
            {
                var sum = i == column ? 1.0 : 0.0;
                for (var k = 0; k < i; k++) sum -= l[i, k] * y[k];
                y[i] = sum / l[i, i];
            }
            for (var i = n - 1; i >= 0; i--)
            {
                var sum = y[i];
                for (var k = i + 1; k < n; k++) sum -= l[k, i] * inverse[k, column];
                inverse[i, column] = sum / l[i, i];
            }
        }
        return inverse;
    }
}
