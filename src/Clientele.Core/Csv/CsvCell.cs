using System.Globalization;
using System.Text;

namespace Clientele.Csv;

/// <summary>
/// How a text value is written as one cell of every CSV file Clientele hands out (exports, listings, summaries, rejects
/// files): quoted when it holds a comma, quote or line break (quotes doubled, RFC 4180), and neutralised when a
/// spreadsheet would evaluate it as a formula — it starts with one of <see cref="FormulaStarts"/> (the OWASP
/// CSV-injection rule) — by a leading apostrophe, which spreadsheets show as text. Numbers written as numbers are not
/// text and stay as they are (-12.5 stays a number); JSON and Parquet keep the original value.
/// </summary>
public static class CsvCell
{
    /// <summary>The first characters that make a spreadsheet evaluate a cell: = + - @ tab and carriage return.</summary>
    public const string FormulaStarts = "=+-@\t\r";

    /// <summary>The character put before a text that would be evaluated.</summary>
    public const char Neutraliser = '\'';

    /// <summary>Whether a spreadsheet would evaluate this text as a formula.</summary>
    public static bool IsFormula(ReadOnlySpan<char> text) => !text.IsEmpty && FormulaStarts.Contains(text[0], StringComparison.Ordinal);

    /// <summary>The text with <see cref="Neutraliser"/> before it when it would be evaluated, else the text itself.</summary>
    public static string Neutralised(string text) => IsFormula(text) ? Neutraliser + text : text;

    /// <summary>
    /// The value a neutralised cell stood for: the text without the <see cref="Neutraliser"/> that
    /// <see cref="Neutralised"/> put before a formula start (for readers of our own CSV files).
    /// </summary>
    public static string Original(string cell) =>
        cell.Length >= 2 && cell[0] == Neutraliser && IsFormula(cell.AsSpan(1)) ? cell[1..] : cell;

    /// <summary>A text value as a CSV cell: neutralised, then quoted when it holds a comma, quote or line break.</summary>
    public static string Text(string text)
    {
        text = Neutralised(text);
        return text.AsSpan().IndexOfAny(",\"\n\r") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>
    /// Any value as a CSV cell: null empty; a double with up to 15 significant digits (invariant; NaN and infinities, which
    /// say "no value", empty); a bool true/false; a day yyyy-MM-dd; a moment ISO 8601 (yyyy-MM-ddTHH:mm:ss, with Z when it is UTC);
    /// an integer as it is; anything else as <see cref="Text"/>.
    /// </summary>
    public static string Value(object? value) => value switch
    {
        null => "",
        double d when !double.IsFinite(d) => "",
        double d => d.ToString("G15", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString(t.Kind == DateTimeKind.Utc ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        string s => Text(s),
        int or long => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        _ => Text(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    /// <summary>
    /// A DuckDB SQL expression of a VARCHAR column as <see cref="Neutralised"/> writes it, for CSV files DuckDB writes itself
    /// (<c>clientele export</c>); DuckDB's writer quotes.
    /// </summary>
    public static string SqlNeutralised(string column)
    {
        var starts = new StringBuilder();
        foreach (var c in FormulaStarts)
        {
            if (starts.Length > 0) starts.Append(", ");
            starts.Append("chr(").Append(((int)c).ToString(CultureInfo.InvariantCulture)).Append(')');
        }
        return $"CASE WHEN left({column}, 1) IN ({starts}) THEN '{Neutraliser}{Neutraliser}' || {column} ELSE {column} END";
    }
}
