namespace Clientele.Clv;

/// <summary>
/// A model of how many purchases customers make (BG/NBD, Pareto/NBD, MBG/NBD): what lifetime value and the
/// classifications need from it, whichever was chosen. Times are in the unit the model was fitted in.
/// </summary>
public interface IRepeatPurchaseModel
{
    /// <summary>P(alive | x, t_x, T) per customer.</summary>
    void ProbabilityAlive(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, Span<double> destination);

    /// <summary>E[Y(t) | x, t_x, T]: expected purchases per customer in the next t time units.</summary>
    void ExpectedPurchases(double t, ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, Span<double> destination);

    /// <summary>E[X(t)]: expected purchases of a new customer in its first t time units.</summary>
    double ExpectedPurchasesNewCustomer(double t);
}
