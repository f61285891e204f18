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

    /// <summary>
    /// The <c>--recode field=code:word[,code:word...]</c> values: per field (any case), the file's codes (matched
    /// ignoring case) and the words they stand for.
    /// </summary>
    /// <exception cref="WorkspaceException">A value not of that form, a field named twice, or a code given twice.</exception>
    public static Dictionary<string, IReadOnlyDictionary<string, string>> Recodes(IEnumerable<string>? values, string option = "--recode")
    {
        var recodes = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (field, list) in Pairs(option, values))
        {
            var codes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in list.Split(','))
            {
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                var (code, word) = colon < 0 ? ("", "") : (pair[..colon].Trim(), pair[(colon + 1)..].Trim());
                if (code.Length == 0 || word.Length == 0)
                    throw new WorkspaceException($"{option} {field}={list}: expected code:word pairs separated by commas (like 1:Horeca,2:Retail), not '{pair.Trim()}'.");
                if (!codes.TryAdd(code, word)) throw new WorkspaceException($"{option} {field}={list}: the code '{code}' is given twice.");
            }
            recodes.Add(field, codes);
        }
        return recodes;
    }

    /// <summary>The spend columns of <c>--lines-from-columns</c> and the period they cover, checked together; (null, null) when neither is given.</summary>
    /// <exception cref="WorkspaceException">One without the other, an empty column name, or a bad period.</exception>
    public static (string[]? Columns, SpendPeriod? Period) WideSpend(string? columns, string? period, string columnsOption = "--lines-from-columns", string periodOption = "--period")
    {
        var names = Columns(columns);
        var hasPeriod = !string.IsNullOrWhiteSpace(period);
        if (names is null && !hasPeriod) return (null, null);
        if (names is null) throw new WorkspaceException($"{periodOption} gives the period of a wide spend table: name its spend columns with {columnsOption} too.");
        if (!hasPeriod) throw new WorkspaceException($"{columnsOption} needs {periodOption}: the period the spend columns cover, {SpendPeriod.Forms}.");
        if (names.Any(n => n.Length == 0)) throw new WorkspaceException($"{columnsOption} '{columns}' names an empty column.");
        return (names, SpendPeriod.Parse(period!, periodOption));
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
