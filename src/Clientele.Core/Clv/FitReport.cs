namespace Clientele.Clv;

/// <summary>
/// How a maximum-likelihood fit went: where it ended, whether it converged and why, the standard
/// errors of the parameters (from the inverse Hessian of the log-likelihood), and its size and time.
/// </summary>
/// <param name="LogLikelihood">The weighted log-likelihood at the returned parameters.</param>
/// <param name="Iterations">Quasi-Newton iterations.</param>
/// <param name="Converged">
/// Whether the fit can be trusted: the convergence test was met within the budget and the optimum is not degenerate
/// (see <paramref name="Warning"/>). When false, the parameters are the best point found and should not be used as a model.
/// </param>
/// <param name="Reason">Why the optimiser stopped, in words.</param>
/// <param name="GradientNorm">The largest absolute gradient component at the end (in the optimiser's log-parameters).</param>
/// <param name="StandardErrors">Per parameter name; null where the Hessian gave none (not positive definite).</param>
/// <param name="Customers">Customers fitted (the sum of the weights).</param>
/// <param name="UniqueRows">Rows after compression to unique (x, t_x, T).</param>
/// <param name="Seconds">Wall time of the fit.</param>
/// <param name="Warning">
/// Why an optimum the optimiser reached is degenerate, in words (a parameter beyond 1e6 or below 1e-6, a Hessian that
/// is not positive definite), or null. A warning always comes with <paramref name="Converged"/> false.
/// </param>
public sealed record FitReport(
    double LogLikelihood,
    int Iterations,
    bool Converged,
    string Reason,
    double GradientNorm,
    IReadOnlyDictionary<string, double?> StandardErrors,
    double Customers,
    int UniqueRows,
    double Seconds,
    string? Warning = null);
