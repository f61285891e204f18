using Clientele.Clv.GammaGamma;
using Clientele.Customers;

namespace Clientele.Clv;

/// <summary>
/// Customer lifetime value by discounted cash flow: the expected purchases of each month of the horizon
/// (from a repeat-purchase model) times the expected spend per purchase (from Gamma-Gamma, or given),
/// discounted month by month. The model's time unit is explicit, so a week-based fit is never discounted as
/// if its periods were days (a known mistake of the lifetimes library).
/// </summary>
public static class CustomerLifetimeValue
{
    /// <summary>Days in the average month (365.25 / 12).</summary>
    public const double DaysPerMonth = 365.25 / 12;

    /// <summary>
    /// The discounted value of each customer's purchases over the next <paramref name="months"/> months.
    /// </summary>
    /// <param name="model">The fitted repeat-purchase model.</param>
    /// <param name="unit">The time unit the model was fitted in (its t, t_x and T).</param>
    /// <param name="frequency">x per customer.</param>
    /// <param name="recency">t_x per customer, in <paramref name="unit"/>s.</param>
    /// <param name="age">T per customer, in <paramref name="unit"/>s.</param>
    /// <param name="spendPerPurchase">Expected spend (or margin) per purchase per customer, e.g. Gamma-Gamma's conditional expectation.</param>
    /// <param name="months">The horizon in months.</param>
    /// <param name="annualDiscountRate">The yearly discount rate (0.1 for 10%), applied monthly as (1+d)^(1/12) − 1.</param>
    /// <param name="destination">The value per customer.</param>
    public static void Compute(IRepeatPurchaseModel model, TimeUnit unit, ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency,
        ReadOnlySpan<double> age, ReadOnlySpan<double> spendPerPurchase, int months, double annualDiscountRate, Span<double> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(months);
        if (!(annualDiscountRate > -1)) throw new ArgumentOutOfRangeException(nameof(annualDiscountRate), annualDiscountRate, "the discount rate must be above -100%.");
        var monthly = MonthlyRate(annualDiscountRate);
        var n = frequency.Length;
        var previous = new double[n];
        var current = new double[n];
        destination[..n].Clear();
        for (var month = 1; month <= months; month++)
        {
            model.ExpectedPurchases(month * DaysPerMonth / unit.Days(), frequency, recency, age, current);
            AddMonth(month, monthly, current, previous, spendPerPurchase, destination);
            (previous, current) = (current, previous);
        }
    }

    /// <summary>The monthly rate of a yearly discount rate: (1+d)^(1/12) − 1.</summary>
    internal static double MonthlyRate(double annualDiscountRate) => Math.Pow(1 + annualDiscountRate, 1.0 / 12) - 1;

    /// <summary>Adds month <paramref name="month"/>'s discounted spend: (E[Y(month)] − E[Y(month − 1)]) × spend × (1 + monthly)^−month.</summary>
    internal static void AddMonth(int month, double monthly, ReadOnlySpan<double> current, ReadOnlySpan<double> previous,
        ReadOnlySpan<double> spendPerPurchase, Span<double> destination)
    {
        var discount = Math.Pow(1 + monthly, -month);
        for (var i = 0; i < current.Length; i++) destination[i] += (current[i] - previous[i]) * spendPerPurchase[i] * discount;
    }

    /// <summary>As <see cref="Compute(IRepeatPurchaseModel, TimeUnit, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, int, double, Span{double})"/> with Gamma-Gamma's conditional expected spend per purchase.</summary>
    public static void Compute(IRepeatPurchaseModel model, GammaGammaModel spend, TimeUnit unit, ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency,
        ReadOnlySpan<double> age, ReadOnlySpan<double> monetaryValue, int months, double annualDiscountRate, Span<double> destination)
    {
        var perPurchase = new double[frequency.Length];
        spend.ConditionalExpectedAverageSpend(frequency, monetaryValue, perPurchase);
        Compute(model, unit, frequency, recency, age, perPurchase, months, annualDiscountRate, destination);
    }
}
