using System.Collections.Concurrent;
using DuckDB.NET.Data;
using Clientele.Storage.Snapshots;

namespace Clientele.Storage.DuckDb;

/// <summary>
/// A snapshot's rows written as a CSV file beside the workspace (<paramref name="folder"/> is the path prefix) and inserted
/// by DuckDB's parallel reader; the file is deleted after. At a million customers the appender's call per value (some fifty
/// a row, and millions of line and role rows) cost most of a minute. The rows are formatted in chunks of items on every core
/// and written to the file in item order, so the file is the same bytes as one writer's. A few items' rows (a live update's
/// customers, a tiny workspace's analysis; at most <see cref="FewItems"/>) skip the file and go in as statement parameters.
/// </summary>
internal sealed class DuckDbSnapshotLoad(DuckDBConnection connection, string folder) : SnapshotLoad
{
    /// <summary>Items formatted a chunk: a chunk of wide customer rows is some 8 MB of text.</summary>
    internal const int ChunkItems = 16_384;

    /// <summary>
    /// At most this many items are inserted as statement parameters instead of through a file: a live update's one customer
    /// wrote, closed, read back and deleted a file for each of its three tables (the customer's row 17 ms at the median at a
    /// million customers through the file, 12 ms as parameters).
    /// </summary>
    internal const int FewItems = 64;

    /// <summary>Rows one statement of <see cref="LoadFew"/> inserts at most (each value is a parameter).</summary>
    private const int RowsAStatement = 16;

    public override void Load(string table, IReadOnlyList<(string Name, string Type)> columns, long items, Action<SnapshotRow, long> write)
    {
        if (items <= FewItems)
        {
            LoadFew(table, columns, items, write);
            return;
        }
        var path = $"{folder}-{table}-{Guid.NewGuid():N}.csv";
        try
        {
            using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20)) Format(file, table, columns, items, write);
            if (new FileInfo(path).Length == 0) return;
            var types = "{" + string.Join(", ", columns.Select(c => $"'{c.Name}': '{c.Type}'")) + "}";
            using var command = connection.CreateCommand();
            // By name: the file's columns are matched to the table's by their names, whatever either's order. Every option is
            // given, so the reader does not sniff the file: on a live update's few thousand rows the sniffer read them all once
            // more (10,000 customers' rows: 630 ms inserted with it, 250-420 ms without).
            command.CommandText = $"INSERT INTO {table} BY NAME SELECT * FROM read_csv('{path.Replace("'", "''", StringComparison.Ordinal)}', header = false, auto_detect = false, " +
                $"delim = ',', quote = '\"', escape = '\"', new_line = '\\n', allow_quoted_nulls = false, columns = {types})";
            command.ExecuteNonQuery();
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// Inserts the rows of a few items as the parameters of <c>INSERT … VALUES</c> statements, <see cref="RowsAStatement"/>
    /// rows each, by name as the file is: each value is bound as the double, date, string or number it is and cast to its
    /// column's type, so the rows are the same as the file's. (DuckDB's appender was no faster: one wide row costs DuckDB
    /// some 50 µs a column to insert however it comes, and the appender needs the table's every column in its order.)
    /// </summary>
    private void LoadFew(string table, IReadOnlyList<(string Name, string Type)> columns, long items, Action<SnapshotRow, long> write)
    {
        var row = new ValueRow(table, columns);
        for (long k = 0; k < items; k++) write(row, k);
        var names = string.Join(", ", columns.Select(c => c.Name));
        foreach (var rows in row.Rows.Chunk(RowsAStatement))
        {
            using var command = connection.CreateCommand();
            var values = new List<string>(rows.Length);
            for (var r = 0; r < rows.Length; r++)
            {
                var cells = new string[columns.Count];
                for (var c = 0; c < columns.Count; c++)
                {
                    var name = $"v{r}_{c}";
                    command.Parameters.Add(new DuckDBParameter(name, rows[r][c]));
                    cells[c] = $"CAST(${name} AS {columns[c].Type})";
                }
                values.Add("(" + string.Join(", ", cells) + ")");
            }
            command.CommandText = $"INSERT INTO {table} ({names}) VALUES {string.Join(", ", values)}";
            command.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// Formats the items' rows chunk by chunk on the thread pool, a few chunks ahead of the one written, and writes the chunks
    /// to <paramref name="file"/> in order. A chunk's error (an infinite figure) is thrown once the chunks before it are written.
    /// </summary>
    private static void Format(Stream file, string table, IReadOnlyList<(string Name, string Type)> columns, long items, Action<SnapshotRow, long> write)
    {
        var spare = new ConcurrentBag<CsvRow>();
        var ahead = new Queue<Task<CsvRow>>();
        try
        {
            for (long start = 0; start < items; start += ChunkItems)
            {
                var (from, to) = (start, Math.Min(items, start + ChunkItems));
                ahead.Enqueue(Task.Run(() =>
                {
                    var row = spare.TryTake(out var reused) ? reused : new CsvRow(table, columns);
                    row.NumberFrom(from + 1);
                    for (var k = from; k < to; k++) write(row, k);
                    return row;
                }));
                if (ahead.Count > Environment.ProcessorCount) Flush(ahead.Dequeue(), file, spare);
            }
            while (ahead.Count > 0) Flush(ahead.Dequeue(), file, spare);
        }
        finally
        {
            // After an error, the chunks still formatting finish before the file is deleted; their own errors add nothing.
            try
            {
                Task.WaitAll([.. ahead]);
            }
            catch (AggregateException)
            {
            }
        }
    }

    private static void Flush(Task<CsvRow> chunk, Stream file, ConcurrentBag<CsvRow> spare)
    {
        var row = chunk.GetAwaiter().GetResult();
        file.Write(row.Written);
        row.Clear();
        spare.Add(row);
    }
}
