namespace Clientele.Storage.Removal;

/// <summary>What undoing an import changes: shown before it is done, returned once it is.</summary>
/// <param name="Import">The import undone.</param>
/// <param name="Removed">Rows removed per table (only tables with rows to remove), customers included.</param>
/// <param name="CustomersKept">
/// Customers the import created or last updated that rows of other imports (or overrides) still name: kept as bare
/// ids, as those imports would have created them.
/// </param>
/// <param name="LatestAnalysis">The as-of date of the latest analysis, which still includes the removed rows; null when there is none.</param>
public sealed record UndoPlan(ImportRecord Import, IReadOnlyList<TableRows> Removed, long CustomersKept, DateOnly? LatestAnalysis)
{
    /// <summary>Rows removed over every table.</summary>
    public long RowsRemoved => Removed.Sum(t => t.Rows);

    /// <summary>
    /// After an undo: the live update of the customers the import named whose rows a live update had rewritten (their
    /// classes re-computed from what remains); null when there were none, and for a plan.
    /// </summary>
    public Live.LiveResult? Live { get; init; }
}
