using System.Text;
using DuckDB.NET.Data;
using Clientele.Storage.Snapshots;

namespace Clientele.Storage.DuckDb;

/// <summary>
/// A snapshot's rows written as a CSV file beside the workspace (<paramref name="folder"/> is the path prefix) and inserted
/// by DuckDB's parallel reader; the file is deleted after. At a million customers the appender's call per value (some fifty
/// a row, and millions of line and role rows) cost most of a minute.
/// </summary>
internal sealed class DuckDbSnapshotLoad(DuckDBConnection connection, string folder) : SnapshotLoad
{
    public override void Load(string table, IReadOnlyList<(string Name, string Type)> columns, Action<SnapshotRow> write)
    {
        var path = $"{folder}-{table}-{Guid.NewGuid():N}.csv";
        try
        {
            using (var file = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20)) write(new CsvRow(file, table, columns));
            if (new FileInfo(path).Length == 0) return;
            var types = "{" + string.Join(", ", columns.Select(c => $"'{c.Name}': '{c.Type}'")) + "}";
            using var command = connection.CreateCommand();
            // By name: the file's columns are matched to the table's by their names, whatever either's order.
            command.CommandText = $"INSERT INTO {table} BY NAME SELECT * FROM read_csv('{path.Replace("'", "''", StringComparison.Ordinal)}', header = false, delim = ',', " +
                $"quote = '\"', escape = '\"', allow_quoted_nulls = false, columns = {types})";
            command.ExecuteNonQuery();
        }
        finally
        {
            File.Delete(path);
        }
    }
}
