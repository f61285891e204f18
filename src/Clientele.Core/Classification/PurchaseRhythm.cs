using Clientele.Customers;

namespace Clientele.Classification;

/// <summary>
/// The rule used in place of P(alive) when no model could be fitted: how long a customer has gone without buying,
/// counted in the gaps the customer usually leaves between purchase days. The expected gap is the customer's own
/// mean gap ((last − first purchase) / repeat purchase days) once it rests on enough repeats, the base's typical gap
/// (the median of the own gaps) otherwise.
/// </summary>
internal sealed class PurchaseRhythm
{
    private readonly CustomerSummary _summary;
    private readonly int _ownGapMinRepeats;

    private PurchaseRhythm(CustomerSummary summary, int ownGapMinRepeats, double typicalGapDays)
    {
        _summary = summary;
        _ownGapMinRepeats = Math.Max(1, ownGapMinRepeats);
        TypicalGapDays = typicalGapDays;
    }

    /// <summary>The median own mean gap of the customers with at least one repeat purchase day, in days; NaN when none has.</summary>
    public double TypicalGapDays { get; }

    /// <summary>The rhythm of the customers of <paramref name="summary"/>.</summary>
    public static PurchaseRhythm Of(CustomerSummary summary, int ownGapMinRepeats) =>
        new(summary, ownGapMinRepeats, TypicalGap(summary));

    /// <summary>The rhythm of the customers of <paramref name="summary"/> with a typical gap learned before (<see cref="TypicalGap"/>).</summary>
    public static PurchaseRhythm With(CustomerSummary summary, int ownGapMinRepeats, double typicalGapDays) =>
        new(summary, ownGapMinRepeats, typicalGapDays);

    /// <summary>The median own mean gap of the customers of <paramref name="summary"/> with at least one repeat purchase day, in days; NaN when none has.</summary>
    public static double TypicalGap(CustomerSummary summary)
    {
        var gaps = new List<double>();
        var unitDays = summary.Unit.Days();
        for (var i = 0; i < summary.Count; i++)
        {
            if (summary.Frequency[i] >= 1 && summary.Recency[i] > 0)
                gaps.Add(summary.Recency[i] * unitDays / summary.Frequency[i]);
        }

        return Median(gaps);
    }

    /// <summary>Days from the last purchase to the as-of date; NaN for a customer who has not bought.</summary>
    public double DaysSinceLast(int i) =>
        _summary.LastPurchase[i] is { } last ? _summary.AsOf.DayNumber - last.DayNumber : double.NaN;

    /// <summary>The customer's own mean gap between purchase days, in days; NaN without repeats (or with all repeats on one day).</summary>
    public double OwnGapDays(int i) =>
        _summary.Frequency[i] >= 1 && _summary.Recency[i] > 0 ? _summary.Recency[i] * _summary.Unit.Days() / _summary.Frequency[i] : double.NaN;

    /// <summary>Whether <see cref="ExpectedGapDays"/> is the customer's own gap (true) or the base's (false).</summary>
    public bool UsesOwnGap(int i) => _summary.Frequency[i] >= _ownGapMinRepeats && !double.IsNaN(OwnGapDays(i));

    /// <summary>The gap the customer is expected to leave, in days (at least one day); NaN when neither the customer nor the base has a gap.</summary>
    public double ExpectedGapDays(int i)
    {
        var gap = UsesOwnGap(i) ? OwnGapDays(i) : TypicalGapDays;
        return double.IsNaN(gap) ? gap : Math.Max(1, gap);
    }

    /// <summary>Days since the last purchase in expected gaps; NaN when it cannot be told.</summary>
    public double GapsSinceLast(int i) => DaysSinceLast(i) / ExpectedGapDays(i);

    private static double Median(List<double> values)
    {
        if (values.Count == 0) return double.NaN;
        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
