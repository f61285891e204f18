namespace Clientele.Storage.Snapshots;

/// <summary>
/// How the engine takes a snapshot's many rows (<see cref="SqlDialect.SnapshotLoad"/>), inside the snapshot's open
/// transaction: DuckDB reads a CSV file written beside the workspace with its parallel reader
/// (<see cref="DuckDb.DuckDbSnapshotLoad"/>); PostgreSQL takes a binary <c>COPY</c> (<see cref="Postgres.PostgresSnapshotLoad"/>).
/// </summary>
internal abstract class SnapshotLoad
{
    /// <summary>Inserts the rows <paramref name="write"/> writes into <paramref name="table"/>'s <paramref name="columns"/> (by name; the others get NULL).</summary>
    public abstract void Load(string table, IReadOnlyList<(string Name, string Type)> columns, Action<SnapshotRow> write);
}
