using System.Data.Common;
using Clientele.Storage.Snapshots;

namespace Clientele.Storage.Postgres;

/// <summary>A snapshot's rows streamed to PostgreSQL by binary <c>COPY</c> (<see cref="PostgresTableWriter"/>) as they are written: nothing on disk.</summary>
internal sealed class PostgresSnapshotLoad(DbConnection connection) : SnapshotLoad
{
    public override void Load(string table, IReadOnlyList<(string Name, string Type)> columns, long items, Action<SnapshotRow, long> write)
    {
        using var writer = new PostgresTableWriter(connection, table, [.. columns.Select(c => c.Name)]);
        var row = new CopyRow(writer, table, columns);
        for (long k = 0; k < items; k++) write(row, k);
        writer.Complete();
    }

    /// <summary>A snapshot row as a row of the <c>COPY</c>.</summary>
    private sealed class CopyRow(TableWriter writer, string table, IReadOnlyList<(string Name, string Type)> columns) : SnapshotRow(table, columns)
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
