using System.Globalization;

namespace Clientele.Storage.Import;

/// <summary>
/// The period a wide spend table covers (<c>--period</c>): each of its non-zero cells becomes one order dated the
/// period's last day, with <c>period_start</c> its first day.
/// </summary>
/// <param name="First">The first day of the period.</param>
/// <param name="Last">The last day of the period (on or after <paramref name="First"/>).</param>
/// <param name="Label">The period as typed: a year (<c>2011</c>) or a range (<c>2011-01-01..2011-06-30</c>); part of the order ids.</param>
public sealed record SpendPeriod(DateOnly First, DateOnly Last, string Label)
{
    /// <summary>What <see cref="Parse"/> accepts, for messages.</summary>
    public const string Forms = "a year (2011) or a range of ISO dates (2011-01-01..2011-06-30)";

    /// <summary>Reads a year or a range <c>FIRST..LAST</c> of ISO dates.</summary>
    /// <exception cref="WorkspaceException">Neither, or a range that ends before it starts.</exception>
    public static SpendPeriod Parse(string text, string option = "--period")
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 4 && int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year >= 1)
            return new SpendPeriod(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), trimmed);
        var dots = trimmed.IndexOf("..", StringComparison.Ordinal);
        if (dots > 0 && Day(trimmed[..dots]) is { } first && Day(trimmed[(dots + 2)..]) is { } last)
        {
            if (last < first) throw new WorkspaceException($"{option} {trimmed}: the period ends before it starts.");
            return new SpendPeriod(first, last, $"{first:yyyy-MM-dd}..{last:yyyy-MM-dd}");
        }
        throw new WorkspaceException($"{option} '{trimmed}' is not {Forms}.");
    }

    private static DateOnly? Day(string text) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
