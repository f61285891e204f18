using System.Text;
using Clientele.Storage.Schema;
using Clientele.Tables;
using DuckDB.NET.Data;

namespace Clientele.Storage.Import;

/// <summary>
/// The rows of one import on their way in: a temporary table (never written to the workspace file)
/// filled through DuckDB's appender. The final move into the canonical table is one transaction.
/// </summary>
internal sealed class StagingTable : IDisposable
{
    public const string Name = "clientele_stage";

    private readonly DuckDBConnection _connection;
    private readonly CanonicalTable _table;
    private readonly bool _hashRows;
    private readonly bool _keepRaw;
    private DuckDBAppender? _appender;

    public StagingTable(DuckDBConnection connection, CanonicalTable table, bool keepRaw)
    {
        _connection = connection;
        _table = table;
        _hashRows = table.Identity == RowIdentity.Content;
        _keepRaw = keepRaw;
        var count = table.Columns.Count;
        Text = new string?[count];
        Number = new double[count];
        Time = new DateTime[count];
        Flag = new bool[count];
        IsSet = new bool[count];
        var sql = new StringBuilder($"CREATE OR REPLACE TEMP TABLE {Name} (_line BIGINT");
        foreach (var column in table.Columns)
            sql.Append(", ").Append(WorkspaceSchema.Quote(column.Name)).Append(' ').Append(WorkspaceSchema.SqlType(column.Type));
        if (_hashRows) sql.Append(", row_hash UBIGINT");
        if (_keepRaw) sql.Append(", _raw VARCHAR");
        sql.Append(')');
        WorkspaceSchema.Execute(connection, sql.ToString());
        _appender = connection.CreateAppender("temp", "main", Name);
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
        var row = _appender!.CreateRow().AppendValue((long?)line);
        var columns = _table.Columns;
        for (var c = 0; c < columns.Count; c++)
        {
            if (!IsSet[c])
            {
                row.AppendNullValue();
                continue;
            }
            switch (columns[c].Type)
            {
                case ColumnType.Number: row.AppendValue((double?)Number[c]); break;
                case ColumnType.Integer: row.AppendValue((long?)Number[c]); break;
                case ColumnType.Timestamp: row.AppendValue((DateTime?)Time[c]); break;
                case ColumnType.Boolean: row.AppendValue((bool?)Flag[c]); break;
                default: row.AppendValue(Text[c]); break;
            }
        }
        if (_hashRows) row.AppendValue((ulong?)HashRow());
        if (_keepRaw) row.AppendValue(raw);
        row.EndRow();
        Rows++;
    }

    /// <summary>Closes the appender so the rows are visible to SQL.</summary>
    public void Complete()
    {
        _appender?.Dispose();
        _appender = null;
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
        try
        {
            WorkspaceSchema.Execute(_connection, $"DROP TABLE IF EXISTS temp.{Name}");
        }
        catch (DuckDBException)
        {
            // The connection is closing; the temporary table goes with it.
        }
    }
}
