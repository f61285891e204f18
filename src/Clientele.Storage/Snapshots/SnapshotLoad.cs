namespace Clientele.Storage.Snapshots;

/// <summary>
/// How the engine takes a snapshot's many rows (<see cref="SqlDialect.SnapshotLoad"/>), inside the snapshot's open
/// transaction: DuckDB reads a CSV file written beside the workspace with its parallel reader, the file's rows formatted in
/// chunks on every core, or a few rows as statement parameters (<see cref="DuckDb.DuckDbSnapshotLoad"/>); PostgreSQL takes a binary <c>COPY</c>
/// (<see cref="Postgres.PostgresSnapshotLoad"/>), and an analysis on a sharded workspace writes the distributed tables' rows
/// to their shards directly (<see cref="Postgres.ShardedSnapshotLoad"/>, from <see cref="SqlDialect.AnalysisSnapshotLoad"/>).
/// </summary>
internal abstract class SnapshotLoad : IDisposable
{
    /// <summary>
    /// Inserts into <paramref name="table"/>'s <paramref name="columns"/> (by name; the others get NULL) the rows that
    /// <paramref name="write"/> writes for each item 0 to <paramref name="items"/> - 1 (none, one or more rows an item), in item
    /// order. <paramref name="write"/> may be called on several threads at once, each with a row of its own, so it must only read.
    /// </summary>
    public abstract void Load(string table, IReadOnlyList<(string Name, string Type)> columns, long items, Action<SnapshotRow, long> write);

    /// <summary>
    /// Deletes <paramref name="table"/>'s rows of the snapshot of <paramref name="asOf"/> where this load writes that table's
    /// rows itself, outside the workspace connection's transaction (a shard), and returns true; false when the table's rows
    /// are the workspace connection's to delete.
    /// </summary>
    public virtual bool Clear(string table, DateOnly asOf) => false;

    /// <summary>
    /// Commits what this load wrote outside the workspace connection's transaction (the shards' transactions); called just before
    /// that transaction's own commit. Nothing to do where every row went through the workspace connection.
    /// </summary>
    public virtual void Commit()
    {
    }

    /// <summary>Whether <see cref="Commit"/> committed some of the rows written outside the workspace's transaction (a failure after it leaves them).</summary>
    public virtual bool PartlyCommitted => false;

    /// <summary>Rolls back what was not committed and lets go of the connections of its own.</summary>
    public virtual void Dispose()
    {
    }
}
