using Clientele.Classification;

namespace Clientele.Core.Tests.Classification;

/// <summary>Hand-made customers for the value, strategy, prospect and product-line tests, built on <see cref="TestColumns"/>.</summary>
internal static class ValueTestColumns
{
    public static readonly DateOnly Day = new(2025, 6, 1);

    /// <summary>
    /// <paramref name="count"/> customers who each bought once on <see cref="Day"/> (amount 100, margin 30), with past net
    /// value <paramref name="pastValue"/>(i) and no prediction (future NaN).
    /// </summary>
    public static (CustomerColumns Columns, CustomerScores Scores) Buyers(int count, Func<int, double> pastValue, IReadOnlyList<string>? productLines = null)
    {
        var columns = TestColumns.Create(count, productLines);
        for (var i = 0; i < count; i++) TestColumns.Buy(columns, i, [Day]);
        var scores = TestColumns.Scores(columns);
        for (var i = 0; i < count; i++) scores.PastNetValue[i] = pastValue(i);
        return (columns, scores);
    }

    /// <summary>Removes customer <paramref name="i"/>'s orders again: a party who has not bought.</summary>
    public static void Unbuy(CustomerColumns columns, CustomerScores scores, int i)
    {
        var s = columns.Summary;
        s.Orders[i] = 0;
        s.PurchaseDays[i] = 0;
        columns.KeptPurchaseDays[i] = 0;
        s.FirstPurchase[i] = null;
        s.LastPurchase[i] = null;
        s.Frequency[i] = 0;
        s.Recency[i] = 0;
        s.T[i] = double.NaN;
        s.Revenue[i] = 0;
        s.Margin[i] = null;
        columns.RevenueLastYear[i] = 0;
        scores.PastNetValue[i] = 0;
    }
}
