namespace Clientele.Storage.Import;

/// <summary>One rejected value or row: where it is and what was expected.</summary>
/// <param name="File">The file's path as given.</param>
/// <param name="Line">The 1-based line the row starts on (0 for the file as a whole).</param>
/// <param name="Column">The 1-based column number (0 when the problem is the whole row).</param>
/// <param name="ColumnName">The file column's name, when known.</param>
/// <param name="Value">The offending value, when there is one.</param>
/// <param name="Expected">What was expected, in words.</param>
public sealed record ImportError(string File, long Line, int Column, string? ColumnName, string? Value, string Expected)
{
    /// <summary>The place, e.g. <c>orders.csv:12:3 (amount)</c>.</summary>
    public string Location =>
        Line == 0 ? File
        : Column == 0 ? $"{File}:{Line}"
        : $"{File}:{Line}:{Column}" + (ColumnName is null ? "" : $" ({ColumnName})");

    /// <inheritdoc />
    public override string ToString() =>
        Value is null ? $"{Location}: {Expected}" : $"{Location}: '{Value}' is not {Expected}";
}
