using Clientele.Clv;
using Clientele.Clv.BgNbd;
using Clientele.Clv.GammaGamma;
using Clientele.Customers;

namespace Clientele.Core.Tests.Clv;

/// <summary>Lifetime value by discounted cash flow: its time unit, its discounting, its telescoping sum.</summary>
public sealed class CustomerLifetimeValueTests
{
    private static readonly BgNbdModel Weekly = new(0.243, 4.414, 0.793, 2.426);
    private static readonly double[] X = [0, 2, 5, 14];
    private static readonly double[] Tx = [0, 30.43, 20, 38];
    private static readonly double[] T = [38.86, 38.86, 35, 39];
    private static readonly double[] Spend = [35, 22.35, 40, 18];

    private static double[] Value(IRepeatPurchaseModel model, TimeUnit unit, double scale, int months, double rate)
    {
        var value = new double[X.Length];
        CustomerLifetimeValue.Compute(model, unit, X, [.. Tx.Select(v => v * scale)], [.. T.Select(v => v * scale)], Spend, months, rate, value);
        return value;
    }

    [Fact]
    public void A_model_fitted_in_weeks_and_the_same_model_in_days_give_the_same_value()
    {
        // The same customers in days: alpha (a scale in the time unit) and every time grow sevenfold.
        var daily = Weekly with { Alpha = Weekly.Alpha * 7 };
        var weeks = Value(Weekly, TimeUnit.Week, 1, 12, 0.1);
        var days = Value(daily, TimeUnit.Day, 7, 12, 0.1);
        for (var i = 0; i < X.Length; i++) Assert.Equal(weeks[i], days[i], 1e-9 * Math.Max(1, weeks[i]));
        // Reading the weekly fit's periods as days stretches a year into 365 weeks: a far larger value, the mistake this API prevents.
        Assert.True(Value(Weekly, TimeUnit.Day, 1, 12, 0.1)[1] > weeks[1] * 2);
    }

    [Fact]
    public void Without_discounting_the_value_is_the_expected_purchases_over_the_horizon_times_spend()
    {
        var value = Value(Weekly, TimeUnit.Week, 1, 12, 0);
        var purchases = new double[X.Length];
        Weekly.ExpectedPurchases(12 * CustomerLifetimeValue.DaysPerMonth / 7, X, Tx, T, purchases);
        for (var i = 0; i < X.Length; i++) Assert.Equal(purchases[i] * Spend[i], value[i], 1e-9);
    }

    [Fact]
    public void Discounting_lowers_the_value_and_a_longer_horizon_raises_it()
    {
        var plain = Value(Weekly, TimeUnit.Week, 1, 24, 0);
        var discounted = Value(Weekly, TimeUnit.Week, 1, 24, 0.15);
        var shorter = Value(Weekly, TimeUnit.Week, 1, 12, 0.15);
        for (var i = 0; i < X.Length; i++)
        {
            Assert.True(discounted[i] < plain[i]);
            Assert.True(shorter[i] < discounted[i]);
            Assert.True(shorter[i] > 0);
        }
    }

    [Fact]
    public void Gamma_gamma_supplies_the_spend_per_purchase()
    {
        var spend = new GammaGammaModel(6.25, 3.74, 15.44);
        var perPurchase = new double[X.Length];
        spend.ConditionalExpectedAverageSpend(X, Spend, perPurchase);
        var value = new double[X.Length];
        CustomerLifetimeValue.Compute(Weekly, spend, TimeUnit.Week, X, Tx, T, Spend, 12, 0.1, value);
        var expected = new double[X.Length];
        CustomerLifetimeValue.Compute(Weekly, TimeUnit.Week, X, Tx, T, perPurchase, 12, 0.1, expected);
        Assert.Equal(expected, value);
    }
}
