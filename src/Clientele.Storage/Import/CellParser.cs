using System.Globalization;
using System.Text.Json;
using Clientele.Tables;

namespace Clientele.Storage.Import;

/// <summary>Parses one cell into a canonical column's type. Fast paths for the common date and number shapes.</summary>
internal sealed class CellParser(string? dateFormat, bool decimalComma = false)
{
    private static readonly NumberFormatInfo CommaDecimals = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "\u00a0" };

    private readonly string? _dateFormat = dateFormat;
    private readonly NumberFormatInfo _numbers = decimalComma ? CommaDecimals : NumberFormatInfo.InvariantInfo;

    /// <summary>Whether numbers use ',' as the decimal point (<c>--decimal-comma</c>).</summary>
    public bool DecimalComma { get; } = decimalComma;
    private readonly bool _compactDates = dateFormat == "yyyyMMdd";

    /// <summary>What the column expects, in words, for error messages.</summary>
    public string Expected(CanonicalColumn column) => column.Type switch
    {
        ColumnType.Number => DecimalComma ? "a number (like 12,50; ',' as the decimal point, as --decimal-comma says)" : "a number (like 12.50; '.' as the decimal point; for 12,50 pass --decimal-comma)",
        ColumnType.Integer => "a whole number",
        ColumnType.Timestamp => _dateFormat is null
            ? "an ISO date or date-time (like 2024-03-31 or 2024-03-31T14:05:00; pass --date-format for other shapes)"
            : $"a date in the format {_dateFormat}",
        ColumnType.Boolean => "true or false (also yes/no, 1/0)",
        ColumnType.Choice => "one of: " + string.Join(", ", column.Allowed!),
        ColumnType.Json => "a JSON object",
        _ => "text",
    };

    /// <summary>A finite number with the file's decimal point.</summary>
    public bool TryNumber(ReadOnlySpan<char> text, out double value) =>
        double.TryParse(text, NumberStyles.Float, _numbers, out value) && double.IsFinite(value);

    public static bool TryInteger(ReadOnlySpan<char> text, out long value) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    public static bool TryBoolean(ReadOnlySpan<char> text, out bool value)
    {
        if (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("yes", StringComparison.OrdinalIgnoreCase)
            || text.SequenceEqual("1") || text.Equals("y", StringComparison.OrdinalIgnoreCase) || text.Equals("t", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }
        if (text.Equals("false", StringComparison.OrdinalIgnoreCase) || text.Equals("no", StringComparison.OrdinalIgnoreCase)
            || text.SequenceEqual("0") || text.Equals("n", StringComparison.OrdinalIgnoreCase) || text.Equals("f", StringComparison.OrdinalIgnoreCase))
        {
            value = false;
            return true;
        }
        value = false;
        return false;
    }

    public static string? Choice(CanonicalColumn column, ReadOnlySpan<char> text)
    {
        foreach (var allowed in column.Allowed!)
            if (text.Equals(allowed, StringComparison.OrdinalIgnoreCase)) return allowed;
        return null;
    }

    /// <summary>Digits with at most one '.' and a leading '-': text DuckDB reads as exactly the same double.</summary>
    public static bool IsPlainDecimal(ReadOnlySpan<char> text)
    {
        if (text.Length > 0 && text[0] == '-') text = text[1..];
        if (text.IsEmpty || text.Length > 20) return false;
        var dots = 0;
        foreach (var c in text)
        {
            if (c == '.') dots++;
            else if ((uint)(c - '0') > 9) return false;
        }
        return dots <= 1 && text[0] != '.' && text[^1] != '.';
    }

    public static bool IsJsonObject(ReadOnlyMemory<char> text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public bool TryTimestamp(ReadOnlySpan<char> text, out DateTime value)
    {
        if (_compactDates)
        {
            if (text.Length == 8 && TryDigits(text[..4], out var y) && TryDigits(text.Slice(4, 2), out var m) && TryDigits(text.Slice(6, 2), out var d))
                return TryDate(y, m, d, out value);
            value = default;
            return false;
        }
        if (_dateFormat is not null)
            return DateTime.TryParseExact(text, _dateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out value);
        // ISO date: the common case, parsed by hand.
        if (text.Length == 10 && text[4] == '-' && text[7] == '-'
            && TryDigits(text[..4], out var year) && TryDigits(text.Slice(5, 2), out var month) && TryDigits(text.Slice(8, 2), out var day))
            return TryDate(year, month, day, out value);
        // ISO date-time without fraction or zone, the usual export shape, by hand too.
        if (text.Length == 19 && text[4] == '-' && text[7] == '-' && (text[10] == 'T' || text[10] == ' ') && text[13] == ':' && text[16] == ':'
            && TryDigits(text[..4], out year) && TryDigits(text.Slice(5, 2), out month) && TryDigits(text.Slice(8, 2), out day)
            && TryDigits(text.Slice(11, 2), out var hour) && TryDigits(text.Slice(14, 2), out var minute) && TryDigits(text.Slice(17, 2), out var second)
            && hour < 24 && minute < 60 && second < 60 && TryDate(year, month, day, out value))
        {
            value = value.Add(new TimeSpan(hour, minute, second));
            return true;
        }
        if (text.Length >= 16 && text[4] == '-' && text[7] == '-' && (text[10] == 'T' || text[10] == ' ')
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var offset))
        {
            value = offset.UtcDateTime;
            return true;
        }
        value = default;
        return false;
    }

    private static bool TryDate(int year, int month, int day, out DateTime value)
    {
        if (year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
        {
            value = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified);
            return true;
        }
        value = default;
        return false;
    }

    private static bool TryDigits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if ((uint)(c - '0') > 9) return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }
}
