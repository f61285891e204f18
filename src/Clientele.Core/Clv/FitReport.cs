namespace Clientele.Clv;

/// <summary>
/// How a maximum-likelihood fit went: where it ended, whether it converged and why, the standard
/// errors of the parameters (from the inverse Hessian of the log-likelihood), and its size and time.
/// </summary>
/// <param name="LogLikelihood">The weighted log-likelihood at the returned parameters.</param>
/// <param name="Iterations">Quasi-Newton iterations.</param>
/// <param name="Converged">Whether the convergence test was met; when false, the parameters are the best point found.</param>
/// <param name="Reason">Why the optimiser stopped, in words.</param>
/// <param name="GradientNorm">The largest absolute gradient component at the end (in the optimiser's log-parameters).</param>
/// <param name="StandardErrors">Per parameter name; null where the Hessian gave none (not positive definite).</param>
/// <param name="Customers">Customers fitted (the sum of the weights).</param>
/// <param name="UniqueRows">Rows after compression to unique (x, t_x, T).</param>
/// <param name="Seconds">Wall time of the fit.</param>
public sealed record FitReport(
    double LogLikelihood,
    int Iterations,
    bool Converged,
    string Reason,
    double GradientNorm,
    IReadOnlyDictionary<string, double?> StandardErrors,
    double Customers,
    int UniqueRows,
    double Seconds);
