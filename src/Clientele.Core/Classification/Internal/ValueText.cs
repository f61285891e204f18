using System.Globalization;

namespace Clientele.Classification.Internal;

/// <summary>Invariant number formats of the reasons: money and counts as "N0", rates and probabilities as "0.00".</summary>
internal static class ValueText
{
    public static string Money(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A cut between customers' values: "N0" from 100 up, else with up to two decimals so a cut of 10.5 does not read as 10.</summary>
    public static string Cut(double value) =>
        value.ToString(Math.Abs(value) >= 100 ? "N0" : "#,##0.##", CultureInfo.InvariantCulture);

    public static string Rate(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A share as a percentage without trailing zeros: 0.05 → "5%", 0.125 → "12.5%".</summary>
    public static string Percent(double share) => (share * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>"1 visit", "3 visits".</summary>
    public static string Count(int n, string singular, string plural) =>
        n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? singular : plural);

    /// <summary>"net margin" or "revenue": what the customer values are made of.</summary>
    public static string ValueKind(CustomerScores scores) => scores.UsesMargin ? "net margin" : "revenue (no margins in the data)";
}
