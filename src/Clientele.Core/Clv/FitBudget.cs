namespace Clientele.Clv;

/// <summary>
/// How much work a maximum-likelihood fit may do before it stops and reports itself as not converged: an
/// iteration budget, a wall-time budget and a cancellation token. Every model's fit options carry one
/// (<c>Budget</c>), so no fit runs away whatever the data. Change with <c>with</c>.
/// </summary>
public sealed record FitBudget
{
    /// <summary>The budget every fit has unless told otherwise: 1,000 iterations and 10 minutes (a guard: a fit of millions of customers on a busy machine takes minutes, a small one seconds).</summary>
    public static FitBudget Default { get; } = new();

    /// <summary>Quasi-Newton iterations at most (default 1,000).</summary>
    public int MaxIterations { get; init; } = 1000;

    /// <summary>Wall time at most (default 10 minutes); checked at every evaluation of the likelihood.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Cancels the fit: it then throws <see cref="OperationCanceledException"/> (default: none).</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>What is left of the wall time after <paramref name="spent"/> (a fit in stages shares one budget).</summary>
    internal FitBudget After(TimeSpan spent) => this with { TimeLimit = TimeLimit > spent ? TimeLimit - spent : TimeSpan.Zero };
}
