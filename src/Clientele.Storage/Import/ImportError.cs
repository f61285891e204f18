using System.Globalization;

namespace Clientele.Storage.Import;

/// <summary>One rejected value or row: where it is and what was expected.</summary>
/// <param name="File">The file's path as given.</param>
/// <param name="Line">The 1-based line the row starts on (0 for the file as a whole).</param>
/// <param name="Column">The 1-based column number (0 when the problem is the whole row).</param>
/// <param name="ColumnName">The file column's name, when known.</param>
/// <param name="Value">The offending value, when there is one; beyond <see cref="MaxShown"/> characters only its start, an ellipsis and its length.</param>
/// <param name="Expected">What was expected, in words.</param>
public sealed record ImportError(string File, long Line, int Column, string? ColumnName, string? Value, string Expected)
{
    /// <summary>The most characters of a value repeated in a message: a message about a huge value stays short.</summary>
    public const int MaxShown = 100;

    /// <summary>The offending value as shown in messages (see <see cref="MaxShown"/>).</summary>
    public string? Value { get; init => field = Excerpt(value); } = Excerpt(Value);

    /// <summary>The place, e.g. <c>orders.csv:12:3 (amount)</c>.</summary>
    public string Location =>
        Line == 0 ? File
        : Column == 0 ? $"{File}:{Line}"
        : $"{File}:{Line}:{Column}" + (ColumnName is null ? "" : $" ({Excerpt(ColumnName)})");

    /// <summary>
    /// Text as a message shows it: up to <see cref="MaxShown"/> characters as they are; a longer one cut there, followed
    /// by an ellipsis and its length, like <c>aaaa… (2,000,000 characters)</c>.
    /// </summary>
    public static string Excerpt(ReadOnlySpan<char> text)
    {
        if (text.Length <= MaxShown) return text.ToString();
        var cut = char.IsHighSurrogate(text[MaxShown - 1]) ? MaxShown - 1 : MaxShown;
        return string.Create(CultureInfo.InvariantCulture, $"{text[..cut]}… ({text.Length:N0} characters)");
    }

    private static string? Excerpt(string? text) => text is null ? null : Excerpt(text.AsSpan());

    /// <inheritdoc />
    public override string ToString() =>
        Value is null ? $"{Location}: {Expected}" : $"{Location}: '{Value}' is not {Expected}";
}
