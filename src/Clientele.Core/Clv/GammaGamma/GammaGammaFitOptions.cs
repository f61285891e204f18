namespace Clientele.Clv.GammaGamma;

/// <summary>Options of <see cref="GammaGammaModel.Fit"/>. Change with <c>with</c>.</summary>
public sealed record GammaGammaFitOptions
{
    /// <summary>L2 penalty λ on the parameters (λ·Σp² added to the negative log-likelihood); 0 (default) for plain maximum likelihood.</summary>
    public double Penalty { get; init; }

    /// <summary>Fit on unique (x, m_x) rows with weights: the same result, faster (default true).</summary>
    public bool Compress { get; init; } = true;

    /// <summary>
    /// Repeat buyers' rows beyond this many (after compression) are first fitted on an evenly spaced sample of about half as
    /// many, and the fit on every row starts from that optimum and its curvature: the same optimum in fewer evaluations of the
    /// full likelihood (as <c>ParetoNbdFitOptions.WarmStartRows</c>). 0 turns it off (default 100,000).
    /// </summary>
    public int WarmStartRows { get; init; } = 100_000;

    /// <summary>The iteration and time budget of the fit, and its cancellation (default <see cref="FitBudget.Default"/>).</summary>
    public FitBudget Budget { get; init; } = FitBudget.Default;
}
