namespace Clientele.Customers;

/// <summary>
/// The customer base at a glance, from a <see cref="CustomerSummary"/>: how many parties have bought,
/// once or again, how recently, how concentrated revenue is, and what serving them costs.
/// </summary>
/// <param name="AsOf">The summary's date.</param>
/// <param name="Customers">Parties in the summary.</param>
/// <param name="Buyers">Parties with at least one completed order.</param>
/// <param name="RepeatBuyers">Buyers with at least one repeat purchase day.</param>
/// <param name="NeverBought">Parties without a completed order (prospects and contacts).</param>
/// <param name="Orders">Completed orders.</param>
/// <param name="Revenue">Revenue of completed orders.</param>
/// <param name="Margin">Margin of completed orders, or null when the data has none.</param>
/// <param name="ServiceCost">Cost of interactions.</param>
/// <param name="ReturnedAmount">Amount of returned orders.</param>
/// <param name="RecentBuyers">Buyers whose last purchase is within <paramref name="RecentDays"/> of the date.</param>
/// <param name="RecentDays">The window for <paramref name="RecentBuyers"/>.</param>
/// <param name="TopDecileRevenueShare">Share of revenue from the 10% of buyers who spent most.</param>
/// <param name="BelowZero">Buyers whose margin (revenue where no margin is known) is below their service cost plus returns.</param>
/// <param name="Referrals">Referrals made.</param>
/// <param name="ReferralsThatBought">Referred parties who bought.</param>
/// <param name="MeanRepeatPurchases">Mean frequency (repeat purchase days) of buyers.</param>
public sealed record CustomerBaseOverview(
    DateOnly AsOf,
    int Customers,
    int Buyers,
    int RepeatBuyers,
    int NeverBought,
    long Orders,
    double Revenue,
    double? Margin,
    double ServiceCost,
    double ReturnedAmount,
    int RecentBuyers,
    int RecentDays,
    double TopDecileRevenueShare,
    int BelowZero,
    long Referrals,
    long ReferralsThatBought,
    double MeanRepeatPurchases)
{
    /// <summary>Computes the overview; <paramref name="recentDays"/> sets the window of "bought recently".</summary>
    public static CustomerBaseOverview From(CustomerSummary summary, int recentDays = 90)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(recentDays);
        int buyers = 0, repeat = 0, recent = 0, belowZero = 0;
        long orders = 0, referrals = 0, referralsBought = 0;
        double revenue = 0, margin = 0, cost = 0, returned = 0, frequency = 0;
        var anyMargin = false;
        var spend = new List<double>(summary.Count);
        for (var i = 0; i < summary.Count; i++)
        {
            orders += summary.Orders[i];
            revenue += summary.Revenue[i];
            cost += summary.ServiceCost[i];
            returned += summary.ReturnedAmount[i];
            referrals += summary.ReferralsMade[i];
            referralsBought += summary.ReferralsBought[i];
            if (summary.Margin[i] is { } m)
            {
                margin += m;
                anyMargin = true;
            }
            if (summary.LastPurchase[i] is not { } last) continue;
            buyers++;
            spend.Add(summary.Revenue[i]);
            frequency += summary.Frequency[i];
            if (summary.Frequency[i] > 0) repeat++;
            if (summary.AsOf.DayNumber - last.DayNumber <= recentDays) recent++;
            var earned = summary.Margin[i] ?? summary.Revenue[i];
            if (earned < summary.ServiceCost[i] + summary.ReturnedAmount[i]) belowZero++;
        }
        spend.Sort();
        var top = spend.Count == 0 ? 0 : spend.Skip(spend.Count - Math.Max(1, spend.Count / 10)).Sum();
        return new CustomerBaseOverview(
            summary.AsOf, summary.Count, buyers, repeat, summary.Count - buyers, orders, revenue,
            anyMargin ? margin : null, cost, returned, recent, recentDays,
            revenue > 0 ? top / revenue : 0, belowZero, referrals, referralsBought,
            buyers == 0 ? 0 : frequency / buyers);
    }
}
