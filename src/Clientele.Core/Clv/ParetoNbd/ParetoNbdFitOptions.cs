namespace Clientele.Clv.ParetoNbd;

/// <summary>Options of <see cref="ParetoNbdModel.Fit(RepeatPurchases, ParetoNbdFitOptions?)"/>. Change with <c>with</c>.</summary>
public sealed record ParetoNbdFitOptions
{
    /// <summary>L2 penalty λ on the parameters (λ·Σp² added to the negative log-likelihood); 0 (default) for plain maximum likelihood.</summary>
    public double Penalty { get; init; }

    /// <summary>Fit on unique (x, t_x, T) rows with weights: the same result, much faster (default true).</summary>
    public bool Compress { get; init; } = true;

    /// <summary>
    /// Data with more rows than this (after compression) is first fitted on an evenly spaced sample of about half as many
    /// rows, and the fit on every row starts where that one ended: the optimum is the one the fit on every row finds (the
    /// same convergence test, on every row), reached in fewer evaluations of the full likelihood. 0 turns it off (default
    /// 100,000; the published CDNOW fits, with a few thousand rows, never use it).
    /// </summary>
    public int WarmStartRows { get; init; } = 100_000;

    /// <summary>The iteration and time budget of the fit, and its cancellation (default <see cref="FitBudget.Default"/>).</summary>
    public FitBudget Budget { get; init; } = FitBudget.Default;
}
