using System.Globalization;
using System.Text;
using Clientele.Storage.Schema;
using Clientele.Tables;

namespace Clientele.Storage.Import;

/// <summary>
/// The rows of one import that passed every check, written in a plain normalised CSV beside the
/// workspace so that DuckDB's parallel reader can load them in one statement: every value already
/// converted (ISO timestamps, round-trip numbers, lower-case choices), text always quoted, NULL empty.
/// The file is deleted when the import ends.
/// </summary>
internal sealed class ValidatedRows : IDisposable
{
    private readonly CanonicalTable _table;
    private readonly bool _keepRaw;
    private readonly Dictionary<ulong, int>? _occurrences;
    private readonly char[] _scratch = new char[64];
    private StreamWriter? _writer;

    public ValidatedRows(string workspacePath, CanonicalTable table, bool keepRaw)
    {
        _table = table;
        _keepRaw = keepRaw;
        if (table.Identity == RowIdentity.Content)
        {
            _occurrences = [];
            _idColumn = ColumnPlan.IndexOf(table, table.Key[0]);
        }
        var count = table.Columns.Count;
        Text = new string?[count];
        Number = new double[count];
        Time = new DateTime[count];
        Flag = new bool[count];
        IsSet = new bool[count];
        FilePath = Path.Combine(Path.GetDirectoryName(workspacePath)!, $"{TemporaryPrefix(workspacePath)}{Guid.NewGuid():N}.csv");
        _writer = new StreamWriter(FilePath, false, new UTF8Encoding(false), 1 << 20);
    }

    private readonly int _idColumn = -1;

    public string FilePath { get; }

    /// <summary>The name every temporary file of this workspace's imports starts with.</summary>
    public static string TemporaryPrefix(string workspacePath) => $".{Path.GetFileName(workspacePath)}.import-";

    /// <summary>Deletes files left by an import whose process was killed (only the process holding the workspace may run).</summary>
    public static void DeleteLeftovers(string workspacePath)
    {
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(workspacePath)!, TemporaryPrefix(workspacePath) + "*.csv"))
            File.Delete(file);
    }

    // The row being built: one slot per canonical column, typed by the column.
    public string?[] Text { get; }
    public double[] Number { get; }
    public DateTime[] Time { get; }
    public bool[] Flag { get; }
    public bool[] IsSet { get; }

    public long Rows { get; private set; }

    public void Clear() => Array.Clear(IsSet);

    public void Append(long line, string? raw)
    {
        var w = _writer!;
        w.Write(line);
        var columns = _table.Columns;
        for (var c = 0; c < columns.Count; c++)
        {
            w.Write(',');
            if (!IsSet[c]) continue;
            switch (columns[c].Type)
            {
                case ColumnType.Number:
                    Number[c].TryFormat(_scratch, out var written, "R", CultureInfo.InvariantCulture);
                    w.Write(_scratch, 0, written);
                    break;
                case ColumnType.Integer:
                    ((long)Number[c]).TryFormat(_scratch, out written, default, CultureInfo.InvariantCulture);
                    w.Write(_scratch, 0, written);
                    break;
                case ColumnType.Timestamp:
                    WriteTimestamp(w, Time[c]);
                    break;
                case ColumnType.Boolean:
                    w.Write(Flag[c] ? "true" : "false");
                    break;
                default:
                    WriteQuoted(w, Text[c]!);
                    break;
            }
        }
        if (_occurrences is not null)
        {
            // Rows without an id are identified by content: a hash and the row's occurrence among identical rows.
            w.Write(',');
            if (!IsSet[_idColumn])
            {
                var hash = HashRow();
                ref var seen = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_occurrences, hash, out _);
                seen++;
                w.Write(hash);
                w.Write(',');
                w.Write(seen);
            }
            else w.Write(',');
        }
        if (_keepRaw)
        {
            w.Write(',');
            WriteQuoted(w, raw!);
        }
        w.Write('\n');
        Rows++;
    }

    private void WriteTimestamp(StreamWriter w, DateTime time)
    {
        var format = time.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss.ffffff";
        time.TryFormat(_scratch, out var written, format, CultureInfo.InvariantCulture);
        w.Write(_scratch, 0, written);
    }

    private static void WriteQuoted(StreamWriter w, string text)
    {
        w.Write('"');
        if (text.Contains('"', StringComparison.Ordinal)) w.Write(text.Replace("\"", "\"\"", StringComparison.Ordinal));
        else w.Write(text);
        w.Write('"');
    }

    /// <summary>Closes the file so DuckDB can read it.</summary>
    public void Complete()
    {
        _writer?.Dispose();
        _writer = null;
    }

    /// <summary>The columns of the normalised file, in order, with their SQL types.</summary>
    public IEnumerable<(string Name, string Type)> FileColumns()
    {
        yield return ("_line", "BIGINT");
        foreach (var column in _table.Columns) yield return (column.Name, WorkspaceSchema.SqlType(column.Type));
        if (_occurrences is not null)
        {
            yield return (WorkspaceSchema.RowHashColumn, "UBIGINT");
            yield return (WorkspaceSchema.RowOccurrenceColumn, "INTEGER");
        }
        if (_keepRaw) yield return ("_raw", "VARCHAR");
    }

    /// <summary>A <c>read_csv</c> call that reads the file with every column's type given.</summary>
    public string ReadCsv()
    {
        var columns = string.Join(", ", FileColumns().Select(c => $"'{c.Name}': '{c.Type}'"));
        return $"read_csv('{FilePath.Replace("'", "''", StringComparison.Ordinal)}', header = false, auto_detect = false, " +
               $"delim = ',', quote = '\"', escape = '\"', new_line = '\\n', columns = {{{columns}}})";
    }

    /// <summary>
    /// A 64-bit hash of the row's canonical values (not of their spelling in the file: 2024-01-05 and
    /// 2024-01-05T00:00:00 hash alike). Our own function, so it stays the same across DuckDB versions.
    /// </summary>
    private ulong HashRow()
    {
        var hash = 0x9E3779B97F4A7C15UL;
        var columns = _table.Columns;
        for (var c = 0; c < columns.Count; c++)
        {
            ulong value;
            if (!IsSet[c]) value = 0xA5A5_5A5A_A5A5_5A5AUL;
            else
            {
                value = columns[c].Type switch
                {
                    ColumnType.Number or ColumnType.Integer => (ulong)BitConverter.DoubleToInt64Bits(Number[c]),
                    ColumnType.Timestamp => (ulong)Time[c].Ticks,
                    ColumnType.Boolean => Flag[c] ? 1UL : 2UL,
                    _ => HashText(Text[c]!),
                };
            }
            hash = Mix(hash ^ Mix(value + (ulong)c));
        }
        return hash;
    }

    private static ulong HashText(string text)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var ch in text)
        {
            hash ^= ch;
            hash *= 0x100000001B3UL;
        }
        return hash;
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public void Dispose()
    {
        Complete();
        File.Delete(FilePath);
    }
}
