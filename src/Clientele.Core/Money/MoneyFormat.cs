using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Clientele.Money;

/// <summary>
/// How a workspace writes money: its currency (an ISO 4217 code, or none) and its number format (the thousands and decimal
/// separators, given as an example such as <c>1.234,5</c>, since the app runs without culture data). A display setting:
/// the stored figures, CSV and JSON keep plain numbers; only text for people (CLI tables, the dashboard) uses the separators.
/// </summary>
public sealed partial record MoneyFormat
{
    /// <summary>No currency, <c>1,234.5</c>: the figures as they were written before the setting existed.</summary>
    public static readonly MoneyFormat Default = new();

    /// <summary>The number formats accepted, as examples of one thousand two hundred thirty-four and a half.</summary>
    public static readonly IReadOnlyList<string> NumberFormats = ["1,234.5", "1.234,5", "1 234,5", "1'234.5", "1234.5", "1234,5"];

    /// <summary>The ISO 4217 code (three capital letters), or null when the workspace names no currency.</summary>
    public string? Currency { get; init; }

    /// <summary>The thousands separator: ",", ".", " ", "'" or "" (none).</summary>
    public string GroupSeparator { get; init; } = ",";

    /// <summary>The decimal separator: "." or ",".</summary>
    public string DecimalSeparator { get; init; } = ".";

    /// <summary>The number format as its example, e.g. <c>1.234,5</c>.</summary>
    public string NumberFormat => $"1{GroupSeparator}234{DecimalSeparator}5";

    /// <summary>
    /// Checks a currency code and a number format as a user typed them (null keeps the default) and returns the format.
    /// </summary>
    /// <exception cref="FormatException">The code is not an ISO 4217 code, or the number format is not one of <see cref="NumberFormats"/>; the message says what is allowed.</exception>
    public static MoneyFormat Parse(string? currency, string? numberFormat)
    {
        var format = Default;
        if (currency is not null)
        {
            var code = currency.Trim().ToUpperInvariant();
            if (!CurrencyCodes.All.Contains(code))
                throw new FormatException($"\"{currency}\" is not an ISO 4217 currency code: give three letters such as EUR, USD, GBP, CHF or JPY.");
            format = format with { Currency = code };
        }
        if (numberFormat is not null)
        {
            var match = Example().Match(numberFormat.Trim());
            if (!match.Success || match.Groups["group"].Value == match.Groups["decimal"].Value)
                throw new FormatException($"\"{numberFormat}\" is not a number format: write one thousand two hundred thirty-four and a half as it should look, one of {string.Join(", ", NumberFormats)}.");
            format = format with { GroupSeparator = match.Groups["group"].Value, DecimalSeparator = match.Groups["decimal"].Value };
        }
        return format;
    }

    /// <summary>A number with the separators, rounded to <paramref name="decimals"/> places; "–" when there is none.</summary>
    public string Number(double? value, int decimals = 0)
    {
        if (value is not { } v || !double.IsFinite(v)) return "–";
        var invariant = v.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        // A space between digit groups must not let a figure break across lines.
        var group = GroupSeparator == " " ? "\u00A0" : GroupSeparator;
        return invariant
            .Replace(",", "\u0001", StringComparison.Ordinal).Replace(".", DecimalSeparator, StringComparison.Ordinal)
            .Replace("\u0001", group, StringComparison.Ordinal);
    }

    /// <summary>An amount: the number followed by the currency code when there is one, e.g. <c>1.234 EUR</c>; "–" when there is none.</summary>
    public string Amount(double? value, int decimals = 0)
    {
        var number = Number(value, decimals);
        return Currency is null || number == "–" ? number : number + "\u00A0" + Currency;
    }

    /// <summary>A column or axis name for amounts, e.g. <c>value (EUR)</c>; the name alone without a currency.</summary>
    public string Label(string name) => Currency is null ? name : $"{name} ({Currency})";

    /// <summary>The stored form: <c>{"currency":"EUR","numberFormat":"1.234,5"}</c>.</summary>
    public string ToJson() => JsonSerializer.Serialize(new Stored(Currency, NumberFormat));

    /// <summary>Reads the stored form back.</summary>
    /// <exception cref="FormatException">The text is not a stored money format.</exception>
    public static MoneyFormat FromJson(string json)
    {
        Stored? stored;
        try
        {
            stored = JsonSerializer.Deserialize<Stored>(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"the stored money format is not readable ({e.Message}); set it again with `clientele currency`.", e);
        }
        return Parse(stored?.currency, stored?.numberFormat);
    }

    [GeneratedRegex("^1(?<group>[,. ']?)234(?<decimal>[.,])5$")]
    private static partial Regex Example();

#pragma warning disable IDE1006 // the stored names are camelCase
    private sealed record Stored(string? currency, string? numberFormat);
#pragma warning restore IDE1006
}
