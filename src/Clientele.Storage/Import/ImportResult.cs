namespace Clientele.Storage.Import;

/// <summary>What an import did.</summary>
/// <param name="Table">The canonical table.</param>
/// <param name="ImportId">The import's number in the workspace, or null when the file had been imported already.</param>
/// <param name="RowsRead">Data rows in the file.</param>
/// <param name="RowsAdded">New rows stored.</param>
/// <param name="RowsUpdated">Stored rows whose values the file changed (tables keyed by id).</param>
/// <param name="RowsAlreadyPresent">Rows that were in the workspace already (or earlier in the file), so added nothing.</param>
/// <param name="RowsRejected">Bad rows written to the rejects file.</param>
/// <param name="RowsFiltered">Rows left out by <c>--where</c>.</param>
/// <param name="CustomersCreated">Customers named by the rows but unknown so far, now created.</param>
/// <param name="IgnoredColumns">File columns the table does not know and could not keep.</param>
/// <param name="AttributeColumns">File columns kept in the <c>attributes</c> JSON.</param>
/// <param name="RejectsPath">The rejects file, when bad rows were skipped.</param>
/// <param name="PreviousImport">The earlier import of the identical file, when this one was recognised as a repeat.</param>
/// <param name="Seconds">Wall time.</param>
/// <param name="ReadSeconds">Of that, reading and checking the file (the rest is storing).</param>
/// <param name="MatchedByName">File columns matched to a field by their spelled-out name, as "file column → field".</param>
public sealed record ImportResult(
    string Table,
    int? ImportId,
    long RowsRead,
    long RowsAdded,
    long RowsUpdated,
    long RowsAlreadyPresent,
    long RowsRejected,
    long RowsFiltered,
    long CustomersCreated,
    IReadOnlyList<string> IgnoredColumns,
    IReadOnlyList<string> AttributeColumns,
    string? RejectsPath,
    ImportRecord? PreviousImport,
    double Seconds,
    double ReadSeconds = 0,
    IReadOnlyList<string>? MatchedByName = null)
{
    /// <summary>
    /// Sentences about what the stored rows mean beyond the counts: product ids the products table lacks (their line
    /// is unknown), named with their row counts. Empty when there is nothing to say.
    /// </summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
