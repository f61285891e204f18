namespace Clientele.Classification.Internal;

/// <summary>
/// The base's margin rate the classification counts at: Σ margin / Σ revenue over the customers whose orders give a margin and
/// who have revenue, not below 0; 1 where the data has no margins (values are then revenue) or no such customer. The value
/// class counts a customer's growth potential at it where the customer has no margin of its own, and the influence roles
/// value followers' purchases at it: one rate, learned once per analysis by each (their contexts store it).
/// </summary>
/// <remarks>
/// The scores' own base rate (<see cref="Scoring.ScoringModel.BaseMarginRate"/>) is another figure: it counts returned
/// orders' margins too, and each buyer's margin rate is shrunk toward it.
/// </remarks>
internal static class BaseMargin
{
    public static double Rate(CustomerColumns columns, bool usesMargin)
    {
        if (!usesMargin) return 1;
        double margin = 0, revenue = 0;
        var s = columns.Summary;
        for (var i = 0; i < columns.Count; i++)
        {
            if (s.Margin[i] is { } m && s.Revenue[i] > 0)
            {
                margin += m;
                revenue += s.Revenue[i];
            }
        }
        return revenue > 0 ? Math.Max(0, margin / revenue) : 1;
    }
}
