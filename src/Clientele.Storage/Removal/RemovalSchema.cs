namespace Clientele.Storage.Removal;

/// <summary>
/// The record of removals: imports undone and customers erased. Neither table holds what was removed; an erasure
/// keeps only when, by whom and a salted hash of the id.
/// </summary>
internal static class RemovalSchema
{
    /// <summary>The metadata key of the workspace's random salt for <c>erasures.customer_hash</c>.</summary>
    public const string SaltKey = "erasure_salt";

    public static readonly string[] Tables =
    [
        """
        CREATE TABLE undone_imports (
            import_id INTEGER NOT NULL, table_name VARCHAR NOT NULL, source_path VARCHAR NOT NULL, imported_at TIMESTAMP NOT NULL,
            undone_at TIMESTAMP NOT NULL, undone_by VARCHAR, rows_removed BIGINT NOT NULL, customers_kept BIGINT NOT NULL)
        """,
        "CREATE TABLE erasures (erased_at TIMESTAMP NOT NULL, erased_by VARCHAR, customer_hash VARCHAR NOT NULL)",
    ];
}
