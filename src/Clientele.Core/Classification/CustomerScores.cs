namespace Clientele.Classification;

/// <summary>
/// What the models say about each customer, as columns aligned with <see cref="CustomerColumns"/>. For a
/// customer who has not bought, the model scores are NaN. Money is in the data's currency; the horizon is
/// <see cref="HorizonDays"/>.
/// </summary>
public sealed class CustomerScores
{
    /// <summary>Allocates NaN-filled columns for <paramref name="count"/> customers.</summary>
    public CustomerScores(int count, double horizonDays)
    {
        HorizonDays = horizonDays;
        ProbabilityAlive = NaNs(count);
        ProbabilityAlivePrevious = NaNs(count);
        ExpectedPurchases = NaNs(count);
        ExpectedSpendPerPurchase = NaNs(count);
        ExpectedRevenue = NaNs(count);
        LifetimeValue = NaNs(count);
        PastNetValue = new double[count];
        FutureNetValue = NaNs(count);
        MarginRate = NaNs(count);
    }

    /// <summary>The horizon of <see cref="ExpectedPurchases"/> and <see cref="ExpectedRevenue"/>, in days.</summary>
    public double HorizonDays { get; }

    /// <summary>Whether the scores come from fitted models (false: transparent rules, see <see cref="Method"/>).</summary>
    public bool ModelBased { get; set; }

    /// <summary>How the scores were made, e.g. "Pareto/NBD (chosen by holdout fit) + Gamma-Gamma", or the rule used instead and why.</summary>
    public string Method { get; set; } = "";

    /// <summary>P(alive) as of the as-of date.</summary>
    public double[] ProbabilityAlive { get; }

    /// <summary>P(alive) as it stood <see cref="TrendDays"/> earlier (NaN when the customer bought since or was not yet a customer): the trend is the difference.</summary>
    public double[] ProbabilityAlivePrevious { get; }

    /// <summary>The lag of <see cref="ProbabilityAlivePrevious"/>, in days.</summary>
    public double TrendDays { get; set; } = 90;

    /// <summary>Expected purchase days in the horizon.</summary>
    public double[] ExpectedPurchases { get; }

    /// <summary>Expected spend per purchase (Gamma-Gamma's conditional expectation, or the customer's mean).</summary>
    public double[] ExpectedSpendPerPurchase { get; }

    /// <summary>Expected revenue in the horizon: <see cref="ExpectedPurchases"/> × <see cref="ExpectedSpendPerPurchase"/>.</summary>
    public double[] ExpectedRevenue { get; }

    /// <summary>Customer lifetime value: discounted expected revenue over the lifetime horizon (option), before margin and cost.</summary>
    public double[] LifetimeValue { get; }

    /// <summary>Net value to date: margin of completed orders + margin of returns (a loss) − cost to serve; revenue where the data has no margin.</summary>
    public double[] PastNetValue { get; }

    /// <summary>Predicted net value: <see cref="LifetimeValue"/> × <see cref="MarginRate"/> − expected cost to serve over the same horizon.</summary>
    public double[] FutureNetValue { get; }

    /// <summary>The margin rate applied to the customer's future revenue (its own, shrunk toward the base's), or 1 where the data has no margins.</summary>
    public double[] MarginRate { get; }

    /// <summary>Whether past and future values are margins (true) or revenues because the data has no margin (false).</summary>
    public bool UsesMargin { get; set; }

    /// <summary>Customer value: <see cref="PastNetValue"/> + <see cref="FutureNetValue"/> (future 0 where NaN).</summary>
    public double Value(int i) => PastNetValue[i] + (double.IsNaN(FutureNetValue[i]) ? 0 : FutureNetValue[i]);

    /// <summary>The scores of the <paramref name="count"/> customers from index <paramref name="start"/>, in order.</summary>
    public CustomerScores Slice(int start, int count)
    {
        var part = new CustomerScores(count, HorizonDays) { ModelBased = ModelBased, Method = Method, TrendDays = TrendDays, UsesMargin = UsesMargin };
        Array.Copy(ProbabilityAlive, start, part.ProbabilityAlive, 0, count);
        Array.Copy(ProbabilityAlivePrevious, start, part.ProbabilityAlivePrevious, 0, count);
        Array.Copy(ExpectedPurchases, start, part.ExpectedPurchases, 0, count);
        Array.Copy(ExpectedSpendPerPurchase, start, part.ExpectedSpendPerPurchase, 0, count);
        Array.Copy(ExpectedRevenue, start, part.ExpectedRevenue, 0, count);
        Array.Copy(LifetimeValue, start, part.LifetimeValue, 0, count);
        Array.Copy(PastNetValue, start, part.PastNetValue, 0, count);
        Array.Copy(FutureNetValue, start, part.FutureNetValue, 0, count);
        Array.Copy(MarginRate, start, part.MarginRate, 0, count);
        return part;
    }

    private static double[] NaNs(int n)
    {
        var array = new double[n];
        Array.Fill(array, double.NaN);
        return array;
    }
}
