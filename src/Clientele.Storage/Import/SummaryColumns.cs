namespace Clientele.Storage.Import;

/// <summary>
/// The numeric columns read from a summary file, with where each value came from, so that a rule a row breaks
/// later (in a model's checks) can still be reported with the file, line and column.
/// </summary>
/// <param name="Path">The file's path as given.</param>
/// <param name="Values">Per wanted field (frequency, recency, T, weight, ...), its values, one per data row.</param>
/// <param name="Lines">Per data row, the 1-based line it starts on.</param>
/// <param name="Sources">Per wanted field found, the file column: its 1-based number and its header.</param>
/// <param name="Unused">The headers of the file's columns that no wanted field uses, in file order.</param>
public sealed record SummaryColumns(
    string Path,
    IReadOnlyDictionary<string, double[]> Values,
    IReadOnlyList<long> Lines,
    IReadOnlyDictionary<string, (int Column, string Header)> Sources,
    IReadOnlyList<string> Unused)
{
    /// <summary>The place of a field's value in a data row, e.g. <c>s.csv:3:2 (recency)</c>, as the importer names it.</summary>
    public ImportError Problem(int row, string field, string expected)
    {
        var (column, header) = Sources.TryGetValue(field, out var source) ? source : (0, (string?)null)!;
        return new ImportError(Path, row < Lines.Count ? Lines[row] : 0, column, header, null, expected);
    }
}
