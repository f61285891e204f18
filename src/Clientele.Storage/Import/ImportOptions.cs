namespace Clientele.Storage.Import;

/// <summary>How to read a file into a canonical table. Change with <c>with</c>.</summary>
public sealed record ImportOptions
{
    /// <summary>The field separator; <see cref="Delimiter.Auto"/> detects it from the first line.</summary>
    public Delimiter Delimiter { get; init; } = Delimiter.Auto;

    /// <summary>Whether the first line names the columns. When false, <see cref="Columns"/> must name them.</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>The names of the file's columns, in order, for a file without a header.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>Canonical field → file column, for columns whose name is not the canonical one.</summary>
    public IReadOnlyDictionary<string, string> Map { get; init; } = new Dictionary<string, string>();

    /// <summary>Canonical field → value used where the file has no such column or the cell is empty.</summary>
    public IReadOnlyDictionary<string, string> Defaults { get; init; } = new Dictionary<string, string>();

    /// <summary>Only rows whose column (a file column or a mapped canonical field) holds one of the values are imported.</summary>
    public IReadOnlyList<RowFilter> Where { get; init; } = [];

    /// <summary>A .NET date format such as <c>yyyyMMdd</c>; null accepts ISO 8601 dates and date-times.</summary>
    public string? DateFormat { get; init; }

    /// <summary>Numbers use ',' as the decimal point (12,50), as European spreadsheets write them.</summary>
    public bool DecimalComma { get; init; }

    /// <summary>Reject bad rows (to <see cref="RejectsPath"/>) instead of failing the whole import.</summary>
    public bool SkipBadRows { get; init; }

    /// <summary>Where rejected rows go with <see cref="SkipBadRows"/>; default <c>&lt;file name&gt;.rejects.csv</c> in the current folder.</summary>
    public string? RejectsPath { get; init; }

    /// <summary>The file's text encoding.</summary>
    public ImportEncoding Encoding { get; init; } = ImportEncoding.Utf8;

    /// <summary>For files without ids: fill the table's id column with this prefix and the line number.</summary>
    public string? GenerateIds { get; init; }

    /// <summary>
    /// Field → (file code → word): a cell of the field's column holding a code is read as its word (codes matched
    /// ignoring case); a code not listed is an error naming the listed ones. E.g. <c>channel</c> → 1: Horeca, 2: Retail.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Recode { get; init; } = new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>
    /// A wide spend table (orders only): these file columns each hold a spend of one product line over
    /// <see cref="Period"/>, and every non-zero cell becomes one order of that line (docs/importing.md).
    /// </summary>
    public IReadOnlyList<string>? LinesFromColumns { get; init; }

    /// <summary>The period the spend columns of <see cref="LinesFromColumns"/> cover.</summary>
    public SpendPeriod? Period { get; init; }

    /// <summary>A stable text of the options that change what a file means, recorded with each import.</summary>
    public string Fingerprint() =>
        string.Join("; ",
            $"delimiter={Delimiter}",
            $"header={HasHeader}",
            $"columns={string.Join(',', Columns ?? [])}",
            $"map={string.Join(',', Map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))}",
            $"defaults={string.Join(',', Defaults.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))}",
            $"where={string.Join(',', Where.Select(w => w.ToString()))}",
            $"date-format={DateFormat}",
            $"decimal-comma={DecimalComma}",
            $"encoding={Encoding}",
            $"generate-ids={GenerateIds}")
        + (Recode.Count == 0 ? "" : "; recode=" + string.Join(',', Recode.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
            .Select(p => $"{p.Key.ToLowerInvariant()}=" + string.Join(':', p.Value.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}>{c.Value}")))))
        + (LinesFromColumns is null ? "" : $"; lines-from-columns={string.Join(',', LinesFromColumns)}; period={Period?.Label}");
}
