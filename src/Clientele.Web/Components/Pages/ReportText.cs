using System.Globalization;
using Clientele.Storage.Snapshots;

namespace Clientele.Web.Components.Pages;

/// <summary>How the report pages write figures and links: invariant culture, dashes for nothing.</summary>
internal static class ReportText
{
    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A number that is not money (money goes through the workspace's <see cref="Clientele.Money.MoneyFormat"/>).</summary>
    public static string Number(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("N0", CultureInfo.InvariantCulture) : "–";

    /// <summary>A rate with two decimals (0.50 referrals per customer), not money.</summary>
    public static string Rate(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("N2", CultureInfo.InvariantCulture) : "–";

    public static string Share(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("P1", CultureInfo.InvariantCulture) : "–";

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A signed change, e.g. +12 or −3.</summary>
    public static string Change(long? change) => change switch
    {
        null => "–",
        > 0 => "+" + Count(change.Value),
        _ => Count(change.Value),
    };

    /// <summary>The customer table filtered to one class of a dimension.</summary>
    public static string CustomersWhere(string dimension, string @class) => CustomersWhere([new ClassFilter(dimension, [@class])]);

    /// <summary>The customer table filtered by every one of <paramref name="filters"/> (a playbook action's audience).</summary>
    public static string CustomersWhere(IEnumerable<ClassFilter> filters) =>
        "/customers?" + string.Join('&', filters.Select(f => "where=" + Uri.EscapeDataString(f.ToString())));

    /// <summary>One customer's page.</summary>
    public static string Customer(string customerId) => "/customers/" + Uri.EscapeDataString(customerId);

    /// <summary>Whether a message says the workspace has no analysis yet.</summary>
    public static bool IsNoAnalysis(string message) => message.StartsWith(SnapshotQuery.NoAnalysis, StringComparison.Ordinal);
}
