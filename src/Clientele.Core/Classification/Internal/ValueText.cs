using System.Globalization;

namespace Clientele.Classification.Internal;

/// <summary>
/// Invariant number formats of the reasons: money and counts as "N0", rates and probabilities as "0.00". Numbers that a
/// reason compares or adds up are formatted together (<see cref="Pair"/>, <see cref="Sum"/>) with as many decimals as
/// the statement needs to read true as printed: "3.65 below the median 3.80", never "4 below the median 3.8".
/// </summary>
internal static class ValueText
{
    private const int MaxDecimals = 6;

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
    public static string ValueKind(CustomerScores scores) => ValueKind(scores.UsesMargin);

    /// <summary>What a value is: net margin, or revenue where the data has no margins.</summary>
    public static string ValueKind(bool usesMargin) => usesMargin ? "net margin" : "revenue (no margins in the data)";

    /// <summary>
    /// Two amounts a reason compares, with the same decimals: none for amounts of 100 and more, two below, and more where
    /// fewer would print two different amounts equal or in the wrong order ("0.0049 below 0.0051"). Equal amounts print equal.
    /// </summary>
    public static (string Left, string Right) Pair(double left, double right)
    {
        var decimals = Math.Abs(left) >= 100 && Math.Abs(right) >= 100 ? 0 : 2;
        for (; decimals < MaxDecimals; decimals++)
        {
            var l = Math.Round(left, decimals, MidpointRounding.AwayFromZero);
            var r = Math.Round(right, decimals, MidpointRounding.AwayFromZero);
            if (l.CompareTo(r) == left.CompareTo(right)) break;
        }
        return (Fixed(left, decimals), Fixed(right, decimals));
    }

    /// <summary>
    /// A total and the parts it is the sum of, with the same decimals, so that the parts add up to the total as printed:
    /// the fewest decimals (none from 100 up, else two) for which the rounded parts sum to the rounded total, up to two more;
    /// where rounding still disagrees, the total printed is the sum of the printed parts (within a unit of its last digit).
    /// </summary>
    public static (string Total, string[] Parts) Sum(double total, params double[] parts)
    {
        var start = Math.Abs(total) >= 100 ? 0 : 2;
        for (var decimals = start; decimals <= start + 2; decimals++)
        {
            var sum = 0m;
            foreach (var part in parts) sum += (decimal)Math.Round(part, decimals, MidpointRounding.AwayFromZero);
            if (sum == (decimal)Math.Round(total, decimals, MidpointRounding.AwayFromZero))
                return (Fixed(total, decimals), [.. parts.Select(p => Fixed(p, decimals))]);
        }
        var last = start + 2;
        var printed = parts.Sum(p => Math.Round(p, last, MidpointRounding.AwayFromZero));
        return (Fixed(printed, last), [.. parts.Select(p => Fixed(p, last))]);
    }

    /// <summary>
    /// Amounts printed together with the fewest decimals from <paramref name="start"/> up for which <paramref name="reads"/>
    /// holds of the printed (rounded) amounts; at most six. Used where one reason both adds up and compares the same figures.
    /// </summary>
    public static string[] Together(int start, double[] values, Func<decimal[], bool> reads)
    {
        var rounded = new decimal[values.Length];
        var decimals = start;
        for (; decimals <= MaxDecimals; decimals++)
        {
            for (var k = 0; k < values.Length; k++) rounded[k] = (decimal)Math.Round(values[k], decimals, MidpointRounding.AwayFromZero);
            if (reads(rounded)) break;
        }
        decimals = Math.Min(decimals, MaxDecimals);
        return [.. values.Select(v => Fixed(v, decimals))];
    }

    /// <summary>The decimals amounts start with: none when all are 100 or more in size, else two.</summary>
    public static int StartDecimals(params double[] values) => values.All(v => Math.Abs(v) >= 100 || !double.IsFinite(v)) ? 0 : 2;

    /// <summary>An amount with exactly <paramref name="decimals"/> decimals and thousands separators; −0 prints as 0.</summary>
    public static string Fixed(double value, int decimals)
    {
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        if (rounded == 0) rounded = 0;
        return rounded.ToString(decimals == 0 ? "N0" : "N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
