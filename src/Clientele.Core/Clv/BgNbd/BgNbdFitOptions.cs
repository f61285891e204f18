namespace Clientele.Clv.BgNbd;

/// <summary>Options of <see cref="BgNbdModel.Fit(RepeatPurchases, BgNbdFitOptions?)"/>. Change with <c>with</c>.</summary>
public sealed record BgNbdFitOptions
{
    /// <summary>L2 penalty λ on the parameters (λ·Σp² added to the negative log-likelihood); 0 (default) for plain maximum likelihood.</summary>
    public double Penalty { get; init; }

    /// <summary>Fit on unique (x, t_x, T) rows with weights: the same result, much faster (default true).</summary>
    public bool Compress { get; init; } = true;

    /// <summary>The iteration and time budget of the fit, and its cancellation (default <see cref="FitBudget.Default"/>).</summary>
    public FitBudget Budget { get; init; } = FitBudget.Default;
}
