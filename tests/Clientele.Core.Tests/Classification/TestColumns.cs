using Clientele.Classification;
using Clientele.Customers;
using Clientele.Tables;

namespace Clientele.Core.Tests.Classification;

/// <summary>Hand-made customer columns for the dimension tests: customers C1..Cn who have not bought, whose fields a test then sets.</summary>
internal static class TestColumns
{
    public static readonly DateOnly AsOf = new(2025, 12, 31);

    /// <summary><paramref name="count"/> customers C1..Cn known since 2024-01-01, no orders, no interactions; days as the time unit.</summary>
    public static CustomerColumns Create(int count, IReadOnlyList<string>? productLines = null, DateOnly? asOf = null)
    {
        var summary = new CustomerSummary(count, asOf ?? AsOf, TimeUnit.Day, CanonicalTables.InteractionKinds);
        for (var i = 0; i < count; i++)
        {
            summary.CustomerId[i] = $"C{i + 1}";
            summary.T[i] = double.NaN;
        }
        var columns = new CustomerColumns(summary, productLines ?? []);
        for (var i = 0; i < count; i++) columns.AcquiredAt[i] = new DateOnly(2024, 1, 1);
        return columns;
    }

    /// <summary>Gives customer <paramref name="i"/> one completed order of <paramref name="amount"/> (margin <paramref name="marginRate"/> of it) on each day (a day given twice: two orders, one purchase occasion), keeping the summary and the kept purchase days consistent.</summary>
    public static void Buy(CustomerColumns columns, int i, IEnumerable<DateOnly> days, double amount = 100, double marginRate = 0.3)
    {
        var s = columns.Summary;
        var sorted = days.Order().ToArray();
        var distinct = sorted.Distinct().ToArray();
        s.Orders[i] = sorted.Length;
        s.PurchaseDays[i] = distinct.Length;
        columns.KeptPurchaseDays[i] = distinct.Length;
        s.FirstPurchase[i] = distinct[0];
        s.LastPurchase[i] = distinct[^1];
        s.Frequency[i] = distinct.Length - 1;
        s.Recency[i] = distinct[^1].DayNumber - distinct[0].DayNumber;
        s.T[i] = s.AsOf.DayNumber - distinct[0].DayNumber;
        s.Revenue[i] = amount * sorted.Length;
        s.MonetaryValue[i] = distinct.Length > 1 ? amount * (sorted.Length - sorted.Count(d => d == distinct[0])) / (distinct.Length - 1) : 0;
        s.Margin[i] = amount * marginRate * sorted.Length;
        columns.RevenueLastYear[i] = amount * sorted.Count(d => d > s.AsOf.AddDays(-365));
    }

    /// <summary>Days from <paramref name="first"/>, every <paramref name="everyDays"/> days, <paramref name="count"/> of them.</summary>
    public static IEnumerable<DateOnly> Every(DateOnly first, int everyDays, int count) =>
        Enumerable.Range(0, count).Select(k => first.AddDays(k * everyDays));

    /// <summary>Sets the count of one interaction kind of the summary.</summary>
    public static void Interactions(CustomerColumns columns, int i, string kind, int count)
    {
        var k = columns.Summary.InteractionKinds.ToList().IndexOf(kind);
        columns.Summary.InteractionCounts[k][i] = count;
    }

    /// <summary>Empty scores (no model): every model score NaN, past net value = margin − service cost.</summary>
    public static CustomerScores Scores(CustomerColumns columns, double horizonDays = 365)
    {
        var scores = new CustomerScores(columns.Count, horizonDays) { UsesMargin = true };
        for (var i = 0; i < columns.Count; i++)
            scores.PastNetValue[i] = (columns.Summary.Margin[i] ?? 0) + columns.ReturnMargin[i] - columns.Summary.ServiceCost[i];
        return scores;
    }
}
