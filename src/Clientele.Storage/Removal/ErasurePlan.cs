namespace Clientele.Storage.Removal;

/// <summary>What erasing a customer removes: shown before it is done, returned once it is.</summary>
/// <param name="CustomerId">The customer erased.</param>
/// <param name="Removed">Rows removed per table (only tables with rows to remove), snapshot tables included.</param>
/// <param name="Cleared">Rows of other customers that named this one as parent or referrer, whose field is emptied.</param>
public sealed record ErasurePlan(string CustomerId, IReadOnlyList<TableRows> Removed, long Cleared)
{
    /// <summary>Rows removed over every table.</summary>
    public long RowsRemoved => Removed.Sum(t => t.Rows);
}
