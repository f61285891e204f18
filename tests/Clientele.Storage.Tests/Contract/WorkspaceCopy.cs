using Clientele.Storage.Schema;

namespace Clientele.Storage.Tests.Contract;

/// <summary>
/// Copies the canonical tables of one workspace into another through the bulk writer, column by column by name and type:
/// how the contract gets data imported by the DuckDB importer into a PostgreSQL workspace before import runs there.
/// The content-hash columns are left out (no reader of the summary uses them); the purchase days are counted from the copied orders.
/// </summary>
public static class WorkspaceCopy
{
    public static void Tables(Workspace from, Workspace to)
    {
        var skipped = new HashSet<string>(StringComparer.Ordinal) { WorkspaceSchema.RowHashColumn, WorkspaceSchema.RowOccurrenceColumn };
        foreach (var table in Clientele.Tables.CanonicalTables.All)
        {
            var columns = SchemaColumns.Of(from).Where(c => c.Table == table.Name && !skipped.Contains(c.Column)).ToList();
            using var read = from.Command($"SELECT {string.Join(", ", columns.Select(c => WorkspaceSchema.Quote(c.Column)))} FROM {WorkspaceSchema.Quote(table.Name)}");
            using var reader = read.ExecuteReader();
            using var writer = to.Dialect.BulkWriter(to.Db, table.Name, [.. columns.Select(c => c.Column)]);
            while (reader.Read())
            {
                writer.Row();
                for (var i = 0; i < columns.Count; i++)
                {
                    var isNull = reader.IsDBNull(i);
                    _ = columns[i].Type switch
                    {
                        "VARCHAR" => writer.Text(isNull ? null : reader.GetString(i)),
                        "DOUBLE" => writer.Number(isNull ? null : reader.GetDouble(i)),
                        "BIGINT" or "INTEGER" => writer.Integer(isNull ? null : Convert.ToInt64(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)),
                        "BOOLEAN" => writer.Boolean(isNull ? null : reader.GetBoolean(i)),
                        "TIMESTAMP" => writer.Timestamp(isNull ? null : reader.GetDateTime(i)),
                        var other => throw new NotSupportedException($"{table.Name}.{columns[i].Column}: {other}"),
                    };
                }
            }
            writer.Complete();
        }
        // What the import keeps beside the orders it stores: the purchase days, counted from the orders copied.
        Clientele.Storage.Summary.CustomerDays.Rebuild(to);
    }
}
