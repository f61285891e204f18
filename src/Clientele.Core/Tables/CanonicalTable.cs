namespace Clientele.Tables;

/// <summary>
/// A table of the workspace that files are imported into: its columns, how rows are identified,
/// and which of its columns name customers (customers named but unknown are created on import).
/// </summary>
/// <param name="Name">The table name, as given to <c>clientele import</c>.</param>
/// <param name="Description">What a row means.</param>
/// <param name="Columns">The canonical columns, in storage order.</param>
/// <param name="Identity">How a re-imported row is recognised.</param>
/// <param name="Key">The key columns for <see cref="RowIdentity.Upsert"/> and <see cref="RowIdentity.Distinct"/>,
/// or the optional id column for <see cref="RowIdentity.Content"/>.</param>
/// <param name="CustomerColumns">Columns holding customer ids; ids not yet known become new customers.</param>
/// <param name="Internal">Filled by Clientele itself (the simulator's ground truth), not by <c>clientele import</c>.</param>
public sealed record CanonicalTable(
    string Name,
    string Description,
    IReadOnlyList<CanonicalColumn> Columns,
    RowIdentity Identity,
    IReadOnlyList<string> Key,
    IReadOnlyList<string> CustomerColumns,
    bool Internal = false)
{
    /// <summary>The column with this name (case-insensitive), or null.</summary>
    public CanonicalColumn? Find(string name) =>
        Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the table keeps unknown file columns in its <c>attributes</c> JSON column.</summary>
    public bool KeepsAttributes => Find("attributes") is { Type: ColumnType.Json };
}
