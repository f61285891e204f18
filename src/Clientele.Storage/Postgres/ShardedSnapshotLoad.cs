using System.Data.Common;
using Clientele.Storage.Import;
using Clientele.Storage.Snapshots;

namespace Clientele.Storage.Postgres;

/// <summary>
/// An analysis's snapshot on a sharded workspace (<see cref="ShardedWorkspace"/>): the rows of the distributed snapshot tables
/// (<see cref="ShardedSchema.Tables"/>: the customers' wide rows and their product-line rows) are written to their shards
/// directly, one binary <c>COPY</c> per shard at once (<see cref="ShardRowRouter"/>), inside a transaction of the analysis's own on
/// each shard (<see cref="ShardTransactions"/>), which also deletes the rows of an earlier snapshot of the same date; the other
/// tables' rows go through the coordinator's connection (<see cref="PostgresSnapshotLoad"/>). Through the coordinator, each
/// distributed table's rows were copied to a temporary table and moved on through the foreign partitions, 1,000 rows a batch:
/// most of the snapshot step's time at a million customers (docs/benchmarks.md).
/// </summary>
/// <remarks>
/// There is no two-phase commit (docs/scale-out.md): <see cref="Commit"/> commits the shards one after another just before the
/// coordinator's transaction commits, so a failure between leaves the new rows on the shards that had committed while the
/// coordinator still holds the snapshot record it had. Analyzing the same date again replaces them.
/// </remarks>
internal sealed class ShardedSnapshotLoad(DbConnection coordinator, ShardTransactions shards) : SnapshotLoad
{
    /// <summary>The distributed table of the customers' snapshot rows, whose shards every distributed snapshot table shares.</summary>
    public const string Customers = "snapshot_customers";

    private readonly PostgresSnapshotLoad _coordinator = new(coordinator);

    public override void Load(string table, IReadOnlyList<(string Name, string Type)> columns, long items, Action<SnapshotRow, long> write)
    {
        if (Distribution(table) is not { } distribution)
        {
            _coordinator.Load(table, columns, items, write);
            return;
        }
        using var writer = new ShardRowRouter(shards, table, [.. columns.Select(c => c.Name)], distribution);
        var row = new PostgresSnapshotLoad.CopyRow(writer, table, columns);
        for (long k = 0; k < items; k++) write(row, k);
        writer.Complete();
    }

    public override bool Clear(string table, DateOnly asOf)
    {
        if (Distribution(table) is null) return false;
        shards.OnEach((connection, _) =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"DELETE FROM {Schema.WorkspaceSchema.Quote(table)} WHERE as_of = @as_of";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "as_of";
            parameter.Value = asOf;
            command.Parameters.Add(parameter);
            return command.ExecuteNonQuery();
        });
        return true;
    }

    public override void Commit() => shards.Commit();

    public override bool PartlyCommitted => shards.Committed > 0;

    public override void Dispose()
    {
        shards.Dispose();
        base.Dispose();
    }

    /// <summary>The column a distributed table's rows are distributed by, or null for a table that stays on the coordinator.</summary>
    private static string? Distribution(string table) => ShardedSchema.Tables.FirstOrDefault(t => t.Table == table)?.Column;
}
