namespace Clientele.Classification.Internal;

/// <summary>
/// A customer's revenue per year with us: the revenue of the last 365 days, scaled up to a year for a customer known for
/// less than a year (since its first purchase, or since the start of the period its orders total), over at least
/// <see cref="StrategyMatrixOptions.AnnualiseFromDays"/> days so that a few days' purchases are not multiplied a hundredfold.
/// </summary>
internal static class YearlyRevenue
{
    /// <summary>The yearly revenue of customer <paramref name="i"/>; <paramref name="days"/> is the days it is known when under a year (else 0).</summary>
    public static double Of(CustomerColumns columns, int i, int annualiseFromDays, out int days)
    {
        days = 0;
        var revenue = columns.RevenueLastYear[i];
        var first = columns.Summary.FirstPurchase[i];
        if (columns.PeriodStart[i] is { } start && (first is null || start < first)) first = start;
        if (first is not { } since) return revenue;
        var known = columns.AsOf.DayNumber - since.DayNumber + 1;
        if (known >= 365) return revenue;
        days = Math.Max(known, 1);
        return revenue * 365 / Math.Max(days, annualiseFromDays);
    }

    /// <summary>Every customer's yearly revenue, or only that of <paramref name="customers"/> (the others 0).</summary>
    public static double[] All(CustomerColumns columns, int annualiseFromDays, IReadOnlyList<int>? customers = null)
    {
        var yearly = new double[columns.Count];
        var count = customers?.Count ?? yearly.Length;
        for (var k = 0; k < count; k++)
        {
            var i = customers?[k] ?? k;
            yearly[i] = Of(columns, i, annualiseFromDays, out _);
        }
        return yearly;
    }
}
