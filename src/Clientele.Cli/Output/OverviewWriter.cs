using System.Globalization;
using Clientele.Customers;

namespace Clientele.Cli.Output;

/// <summary>Prints a <see cref="CustomerBaseOverview"/> as a short table of figures with their meaning.</summary>
internal static class OverviewWriter
{
    public static void Write(IAnsiConsole console, CustomerBaseOverview o)
    {
        static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
        static string P(double part, double whole) => whole <= 0 ? "" : (part / whole).ToString("P1", CultureInfo.InvariantCulture);
        var table = new Table().Title($"The customer base as of {o.AsOf:yyyy-MM-dd}")
            .AddColumn("").AddColumn(new TableColumn("").RightAligned()).AddColumn(new TableColumn("").RightAligned()).HideHeaders();
        table.AddRow("parties (persons and organizations)", N(o.Customers), "");
        table.AddRow("  who have bought", N(o.Buyers), P(o.Buyers, o.Customers));
        table.AddRow("  who bought again (repeat buyers)", N(o.RepeatBuyers), P(o.RepeatBuyers, o.Buyers) + " of buyers");
        table.AddRow($"  who bought in the last {o.RecentDays} days", N(o.RecentBuyers), P(o.RecentBuyers, o.Buyers) + " of buyers");
        table.AddRow("  who never bought (prospects, others known)", N(o.NeverBought), P(o.NeverBought, o.Customers));
        table.AddRow("completed orders", N(o.Orders), "");
        table.AddRow("repeat purchase days per buyer", o.MeanRepeatPurchases.ToString("N1", CultureInfo.InvariantCulture), "");
        table.AddRow("revenue", N(o.Revenue), "");
        table.AddRow("  from the top 10% of buyers", "", o.TopDecileRevenueShare.ToString("P1", CultureInfo.InvariantCulture));
        table.AddRow("margin", o.Margin is { } m ? N(m) : "not in the data", o.Margin is { } mm ? P(mm, o.Revenue) + " of revenue" : "");
        table.AddRow("cost to serve (interactions)", N(o.ServiceCost), "");
        table.AddRow("returned", N(o.ReturnedAmount), "");
        table.AddRow("buyers who cost more than they bring", N(o.BelowZero), P(o.BelowZero, o.Buyers) + " of buyers");
        table.AddRow("referrals made / referred who bought", $"{N(o.Referrals)} / {N(o.ReferralsThatBought)}", "");
        console.Write(table);
    }
}
