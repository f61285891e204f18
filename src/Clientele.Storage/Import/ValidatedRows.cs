using System.Globalization;
using System.Text;
using Clientele.Storage.Schema;
using Clientele.Tables;

namespace Clientele.Storage.Import;

/// <summary>
/// The rows of one import that passed every check, every value already converted (ISO timestamps, plain numbers,
/// lower-case choices), and identified by content where the table has no id. Two ways out, chosen by the engine
/// (<see cref="SqlDialect.ImportLoad"/>): plain normalised CSV files beside the workspace so that DuckDB's parallel reader
/// can load them (text always quoted, NULL empty; every <c>rowsPerChunk</c> rows the file is closed and handed on, so
/// loading overlaps reading), or typed values streamed to a <see cref="TableWriter"/> (PostgreSQL's binary <c>COPY</c>,
/// which the server parses while the file is read).
/// </summary>
internal sealed class ValidatedRows : IDisposable
{
    /// <summary>Rows per file handed to the loader, unless told otherwise.</summary>
    public const int DefaultChunkRows = 1_000_000;

    private readonly CanonicalTable _table;
    private readonly bool _keepRaw;
    private readonly string _workspacePath;
    private readonly Action<string> _chunkReady;
    private readonly int _rowsPerChunk;
    private readonly char[] _scratch = new char[64];

    // For rows identified by content: how often each row hash has been seen in this file, and the id column.
    private readonly Dictionary<ulong, int>? _occurrences;
    private readonly int _idColumn = -1;

    private StreamWriter? _writer;
    private string? _chunkPath;
    private long _chunkRows;

    // Streamed instead: the writer over the columns of StreamColumns, and the import's number that content rows carry.
    private readonly TableWriter? _rows;
    private readonly int _importId;

    /// <summary>Rows written as CSV files, each handed to <paramref name="chunkReady"/> when complete.</summary>
    public ValidatedRows(string workspacePath, CanonicalTable table, bool keepRaw, Action<string> chunkReady, int rowsPerChunk = DefaultChunkRows)
        : this(table, keepRaw)
    {
        _rowsPerChunk = rowsPerChunk;
        _workspacePath = workspacePath;
        _chunkReady = chunkReady;
    }

    /// <summary>Rows streamed to <paramref name="rows"/>, a writer over <see cref="StreamColumns"/> of the table they go to.</summary>
    public ValidatedRows(CanonicalTable table, bool keepRaw, TableWriter rows, int importId)
        : this(table, keepRaw)
    {
        _rows = rows;
        _importId = importId;
    }

    private ValidatedRows(CanonicalTable table, bool keepRaw)
    {
        _workspacePath = "";
        _chunkReady = _ => { };
        _table = table;
        _keepRaw = keepRaw;
        if (table.Identity == RowIdentity.Content)
        {
            _occurrences = [];
            _idColumn = ColumnPlan.IndexOf(table, table.Key[0]);
        }
        var count = table.Columns.Count;
        Text = new ReadOnlyMemory<char>[count];
        NumberText = new ReadOnlyMemory<char>[count];
        Number = new double[count];
        Time = new DateTime[count];
        Flag = new bool[count];
        IsSet = new bool[count];
    }

    /// <summary>The name every temporary file of this workspace's imports starts with.</summary>
    public static string TemporaryPrefix(string workspacePath) => $".{Path.GetFileName(workspacePath)}.import-";

    /// <summary>
    /// Deletes files left by an import or an analysis whose process was killed (only the process holding the workspace may
    /// run): every file named with <see cref="TemporaryPrefix"/> — the normalised rows, the snapshot's CSV files and the
    /// analysis's reasons spilled to disk.
    /// </summary>
    public static void DeleteLeftovers(string workspacePath)
    {
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(workspacePath)!, TemporaryPrefix(workspacePath) + "*"))
            File.Delete(file);
    }

    // The row being built: one slot per canonical column, typed by the column.
    public ReadOnlyMemory<char>[] Text { get; }

    /// <summary>For number columns: the file's own text when it is a plain decimal (written as is), else empty.</summary>
    public ReadOnlyMemory<char>[] NumberText { get; }
    public double[] Number { get; }
    public DateTime[] Time { get; }
    public bool[] Flag { get; }
    public bool[] IsSet { get; }

    public void Clear()
    {
        Array.Clear(IsSet);
        Array.Clear(NumberText);
    }

    /// <summary>Whether each row keeps the file's raw line (for a rejects file written after the reference check).</summary>
    public bool KeepRaw => _keepRaw;

    public void Append(long line, string raw)
    {
        if (_rows is not null)
        {
            Stream(line, raw);
            return;
        }
        if (_writer is null)
        {
            _chunkPath = Path.Combine(Path.GetDirectoryName(_workspacePath)!, $"{TemporaryPrefix(_workspacePath)}{Guid.NewGuid():N}.csv");
            _writer = new StreamWriter(_chunkPath, false, new UTF8Encoding(false), 1 << 20);
            _chunkRows = 0;
        }
        var w = _writer;
        w.Write(line);
        var columns = _table.Columns;
        for (var c = 0; c < columns.Count; c++)
        {
            w.Write(',');
            if (!IsSet[c]) continue;
            switch (columns[c].Type)
            {
                case ColumnType.Number:
                    if (!NumberText[c].IsEmpty)
                    {
                        w.Write(NumberText[c].Span);
                        break;
                    }
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
                    WriteQuoted(w, Text[c].Span);
                    break;
            }
        }
        if (_occurrences is not null)
        {
            w.Write(',');
            if (ContentIdentity() is var (hash, seen))
            {
                w.Write(hash);
                w.Write(',');
                w.Write(seen);
            }
            else w.Write(',');
        }
        if (_keepRaw)
        {
            w.Write(',');
            WriteQuoted(w, raw);
        }
        w.Write('\n');
        if (++_chunkRows == _rowsPerChunk) Complete();
    }

    /// <summary>
    /// Rows without an id are identified by content: a hash and the row's occurrence among identical rows of the file.
    /// Null for a row with an id.
    /// </summary>
    private (ulong Hash, int Occurrence)? ContentIdentity()
    {
        if (IsSet[_idColumn]) return null;
        var hash = HashRow();
        ref var seen = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_occurrences!, hash, out _);
        seen++;
        return (hash, seen);
    }

    /// <summary>
    /// The columns a streamed row fills, in order: for a table whose rows may be identified by content (rows go straight to
    /// it), its columns, the hash, the occurrence and the import's number; for the others (rows go to a staging table, see
    /// <see cref="FileColumns"/>), the line, the columns and the raw line if kept.
    /// </summary>
    public static IReadOnlyList<string> StreamColumns(CanonicalTable table, bool keepRaw) => table.Identity == RowIdentity.Content
        ? [.. table.Columns.Select(c => c.Name), WorkspaceSchema.RowHashColumn, WorkspaceSchema.RowOccurrenceColumn, WorkspaceSchema.ImportIdColumn]
        : [.. FileColumns(table, keepRaw).Select(c => c.Name)];

    private void Stream(long line, string raw)
    {
        var w = _rows!.Row();
        if (_occurrences is null) w.Integer(line);
        var columns = _table.Columns;
        for (var c = 0; c < columns.Count; c++)
        {
            var set = IsSet[c];
            _ = columns[c].Type switch
            {
                ColumnType.Number => w.Number(set ? Number[c] : null),
                ColumnType.Integer => w.Integer(set ? (long)Number[c] : null),
                ColumnType.Timestamp => w.Timestamp(set ? Time[c] : null),
                ColumnType.Boolean => w.Boolean(set ? Flag[c] : null),
                _ => w.Text(set ? Text[c].ToString() : null),
            };
        }
        if (_occurrences is not null)
        {
            var identity = ContentIdentity();
            w.Unsigned(identity?.Hash).Integer(identity?.Occurrence).Integer(_importId);
        }
        else if (_keepRaw) w.Text(raw);
    }

    /// <summary>Writes <c>yyyy-MM-dd[ HH:mm:ss[.ffffff]]</c> by hand: the custom-format path costs more than the rest of a row.</summary>
    private void WriteTimestamp(StreamWriter w, DateTime time)
    {
        var b = _scratch.AsSpan();
        Digits(b, 0, time.Year, 4);
        b[4] = '-';
        Digits(b, 5, time.Month, 2);
        b[7] = '-';
        Digits(b, 8, time.Day, 2);
        var length = 10;
        var ticks = time.TimeOfDay.Ticks;
        if (ticks != 0)
        {
            b[10] = ' ';
            Digits(b, 11, time.Hour, 2);
            b[13] = ':';
            Digits(b, 14, time.Minute, 2);
            b[16] = ':';
            Digits(b, 17, time.Second, 2);
            length = 19;
            var micros = (int)(ticks % TimeSpan.TicksPerSecond / 10);
            if (micros != 0)
            {
                b[19] = '.';
                Digits(b, 20, micros, 6);
                length = 26;
            }
        }
        w.Write(_scratch, 0, length);
    }

    private static void Digits(Span<char> buffer, int at, int value, int width)
    {
        for (var i = at + width - 1; i >= at; i--)
        {
            buffer[i] = (char)('0' + value % 10);
            value /= 10;
        }
    }

    private static void WriteQuoted(StreamWriter w, ReadOnlySpan<char> text)
    {
        w.Write('"');
        var quote = text.IndexOf('"');
        while (quote >= 0)
        {
            w.Write(text[..(quote + 1)]);
            w.Write('"');
            text = text[(quote + 1)..];
            quote = text.IndexOf('"');
        }
        w.Write(text);
        w.Write('"');
    }

    /// <summary>Closes the current file and hands it to the loader (which deletes it once loaded); streamed rows wait for <see cref="TableWriter.Complete"/>.</summary>
    public void Complete()
    {
        if (_writer is null) return;
        _writer.Dispose();
        _writer = null;
        _chunkReady(_chunkPath!);
        _chunkPath = null;
    }

    /// <summary>The columns of a normalised file of <paramref name="table"/>'s rows (and of its staging table), in order, with their SQL types.</summary>
    public static IEnumerable<(string Name, string Type)> FileColumns(CanonicalTable table, bool keepRaw)
    {
        yield return ("_line", "BIGINT");
        foreach (var column in table.Columns) yield return (column.Name, WorkspaceSchema.SqlType(column.Type));
        if (table.Identity == RowIdentity.Content)
        {
            yield return (WorkspaceSchema.RowHashColumn, "UBIGINT");
            yield return (WorkspaceSchema.RowOccurrenceColumn, "INTEGER");
        }
        if (keepRaw) yield return ("_raw", "VARCHAR");
    }

    /// <summary>A <c>read_csv</c> call that reads one of the files with every column's type given.</summary>
    public static string ReadCsv(CanonicalTable table, bool keepRaw, string path)
    {
        var columns = string.Join(", ", FileColumns(table, keepRaw).Select(c => $"'{c.Name}': '{c.Type}'"));
        return $"read_csv('{path.Replace("'", "''", StringComparison.Ordinal)}', header = false, auto_detect = false, " +
               $"delim = ',', quote = '\"', escape = '\"', new_line = '\\n', columns = {{{columns}}})";
    }

    /// <summary>
    /// A 64-bit hash of the row's canonical values (not of their spelling in the file: 2024-01-05 and
    /// 2024-01-05T00:00:00 hash alike). Our own function, so it stays the same across DuckDB versions. An empty column
    /// added by a later schema leaves the hash as it was before the column existed.
    /// </summary>
    private ulong HashRow()
    {
        var hash = 0x9E3779B97F4A7C15UL;
        var columns = _table.Columns;
        for (var c = 0; c < columns.Count; c++)
        {
            ulong value;
            if (!IsSet[c] && columns[c].AddedInSchema > 1) continue;
            if (!IsSet[c]) value = 0xA5A5_5A5A_A5A5_5A5AUL;
            else
            {
                value = columns[c].Type switch
                {
                    ColumnType.Number or ColumnType.Integer => (ulong)BitConverter.DoubleToInt64Bits(Number[c]),
                    ColumnType.Timestamp => (ulong)Time[c].Ticks,
                    ColumnType.Boolean => Flag[c] ? 1UL : 2UL,
                    _ => HashText(Text[c].Span),
                };
            }
            hash = Mix(hash ^ Mix(value + (ulong)c));
        }
        return hash;
    }

    private static ulong HashText(ReadOnlySpan<char> text)
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
        _writer?.Dispose();
        _writer = null;
        if (_chunkPath is not null) File.Delete(_chunkPath);
    }
}
