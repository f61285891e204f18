namespace Clientele.Tables;

/// <summary>How an import decides that a row is already in the workspace.</summary>
public enum RowIdentity
{
    /// <summary>
    /// The key columns identify the row; a re-imported key updates the stored row with the file's
    /// non-empty values (customers, contacts, products, targets, overrides).
    /// </summary>
    Upsert,

    /// <summary>The key columns identify the row; a row whose key is stored already is skipped.</summary>
    Distinct,

    /// <summary>
    /// Rows are identified by their content: the k-th identical row of a file matches the k-th
    /// identical row already stored, so a re-import adds nothing while repeated lines inside one
    /// file (separate orders that look alike) are all kept. When the optional key column
    /// (<c>order_id</c>, <c>interaction_id</c>) is given, it identifies the row instead.
    /// </summary>
    Content,
}
