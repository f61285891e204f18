namespace Clientele.Storage.Import;

/// <summary>
/// Reads the import options as people type them (the command line's <c>clientele import</c> and the API's upload form
/// share it): the delimiter's name, field=value pairs, the encoding's name, a comma-separated column list.
/// </summary>
public static class ImportOptionText
{
    /// <summary>The delimiter names accepted, as the messages list them.</summary>
    public const string DelimiterNames = "auto, ',', ';', tab, whitespace";

    /// <summary>The delimiter named by <paramref name="text"/>: auto, ',' (comma), ';' (semicolon), tab, whitespace.</summary>
    /// <exception cref="WorkspaceException">Not one of them.</exception>
    public static Delimiter Delimiter(string text, string option = "--delimiter") => text.ToLowerInvariant() switch
    {
        "auto" or "" => Import.Delimiter.Auto,
        "," or "comma" => Import.Delimiter.Comma,
        ";" or "semicolon" => Import.Delimiter.Semicolon,
        "tab" or "\t" or "\\t" => Import.Delimiter.Tab,
        "whitespace" or "space" or "blank" or " " => Import.Delimiter.Whitespace,
        _ => throw new WorkspaceException($"{option} '{text}' is not one of: {DelimiterNames}."),
    };

    /// <summary>
    /// The field=value pairs of a repeatable option (fields in any case); for <c>--map</c> the value may not be empty.
    /// </summary>
    /// <exception cref="WorkspaceException">A value without '=', or a field named twice.</exception>
    public static Dictionary<string, string> Pairs(string option, IEnumerable<string>? values)
    {
        var pairs = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var value in values ?? [])
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == value.Length - 1 && option.EndsWith("map", StringComparison.Ordinal))
                throw new WorkspaceException($"{option} expects field=value, not '{value}'.");
            var field = value[..equals].Trim();
            if (!pairs.TryAdd(field, value[(equals + 1)..].Trim()))
                throw new WorkspaceException($"{option} names the field '{field}' twice.");
        }
        return pairs;
    }

    /// <summary>The encoding names accepted.</summary>
    public static readonly IReadOnlyList<string> EncodingNames = ["utf-8", "utf8", "latin1", "iso-8859-1"];

    /// <summary>The encoding named by <paramref name="text"/> (utf-8 when null or empty).</summary>
    /// <exception cref="WorkspaceException">Not utf-8 or latin1.</exception>
    public static ImportEncoding Encoding(string? text, string option = "--encoding") => (text ?? "").Trim().ToLowerInvariant() switch
    {
        "" or "utf-8" or "utf8" => ImportEncoding.Utf8,
        "latin1" or "iso-8859-1" => ImportEncoding.Latin1,
        _ => throw new WorkspaceException($"{option} '{text}' is not one of: utf-8, latin1."),
    };

    /// <summary>The column names of a comma-separated list, trimmed; null for null or blank text.</summary>
    public static string[]? Columns(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : [.. text.Split(',').Select(c => c.Trim())];
}
