namespace Clientele.Storage.Snapshots;

/// <summary>
/// How the engine takes a snapshot's many rows (<see cref="SqlDialect.SnapshotLoad"/>), inside the snapshot's open
/// transaction: DuckDB reads a CSV file written beside the workspace with its parallel reader, the file's rows formatted in
/// chunks on every core, or a few rows as statement parameters (<see cref="DuckDb.DuckDbSnapshotLoad"/>); PostgreSQL takes a binary <c>COPY</c>
/// (<see cref="Postgres.PostgresSnapshotLoad"/>).
/// </summary>
internal abstract class SnapshotLoad
{
    /// <summary>
    /// Inserts into <paramref name="table"/>'s <paramref name="columns"/> (by name; the others get NULL) the rows that
    /// <paramref name="write"/> writes for each item 0 to <paramref name="items"/> - 1 (none, one or more rows an item), in item
    /// order. <paramref name="write"/> may be called on several threads at once, each with a row of its own, so it must only read.
    /// </summary>
    public abstract void Load(string table, IReadOnlyList<(string Name, string Type)> columns, long items, Action<SnapshotRow, long> write);
}
