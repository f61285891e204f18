using System.Data.Common;
using Clientele.Storage.Snapshots;

namespace Clientele.Storage.Postgres;

/// <summary>A snapshot's rows streamed to PostgreSQL by binary <c>COPY</c> (<see cref="PostgresTableWriter"/>) as they are written: nothing on disk.</summary>
/// <remarks>
/// A sharded workspace's snapshot tables of customers are partitioned over foreign tables, which PostgreSQL 15 writes row by row
/// from a <c>COPY</c> (a million customers' product lines took more than ten minutes): their rows are copied into a temporary
/// table of the same columns and moved with one <c>INSERT ... SELECT</c>, as an import's are (<see cref="PostgresRowLoad"/>).
/// </remarks>
internal sealed class PostgresSnapshotLoad(DbConnection connection) : SnapshotLoad
{
    /// <summary>The temporary table a sharded table's snapshot rows are copied into first.</summary>
    private const string Routed = "clientele_snapshot_routed";

    public override void Load(string table, IReadOnlyList<(string Name, string Type)> columns, long items, Action<SnapshotRow, long> write)
    {
        var names = columns.Select(c => c.Name).ToList();
        var routed = PostgresRowLoad.BeginRouted(connection, table, Routed);
        using (var writer = new PostgresTableWriter(connection, routed ? Routed : table, names))
        {
            var row = new CopyRow(writer, table, columns);
            for (long k = 0; k < items; k++) write(row, k);
            writer.Complete();
        }
        if (routed) PostgresRowLoad.FinishRouted(connection, table, Routed, names);
    }

    /// <summary>A snapshot row as a row of the <c>COPY</c>.</summary>
    internal sealed class CopyRow(TableWriter writer, string table, IReadOnlyList<(string Name, string Type)> columns) : SnapshotRow(table, columns)
    {
        protected override void Begin() => writer.Row();

        protected override void WriteDate(DateOnly value) => writer.Date(value);

        protected override void WriteText(string? value) => writer.Text(value);

        protected override void WriteNumber(double? value) => writer.Number(value);

        protected override void WriteInteger(int? value) => writer.Integer(value);

        protected override void WriteBoolean(bool? value) => writer.Boolean(value);

        protected override void WriteEnd()
        {
        }
    }
}
