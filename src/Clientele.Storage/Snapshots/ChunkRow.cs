using System.Collections;
using System.Data.Common;
using System.Globalization;
using DuckDB.NET.Data.DataChunk.Reader;
using DuckDB.NET.Native;

namespace Clientele.Storage.Snapshots;

/// <summary>
/// One row of the arguments DuckDB passes a scalar function (a chunk's vectors, the row at <see cref="Row"/>), read as a
/// <see cref="DbDataReader"/>'s current row, so that <see cref="SnapshotReasons.Read"/> reads a reason's columns from inside a
/// statement as it reads them from a query. Only the getters a reason reads are served: booleans, numbers, text, nulls.
/// </summary>
internal sealed class ChunkRow(IReadOnlyList<IDuckDBDataReader> columns) : DbDataReader
{
    /// <summary>The row of the chunk the getters read.</summary>
    public ulong Row { get; set; }

    public override bool IsDBNull(int ordinal) => !columns[ordinal].IsValid(Row);

    public override bool GetBoolean(int ordinal) => columns[ordinal].GetValue<bool>(Row);

    public override string GetString(int ordinal) => columns[ordinal].GetValue<string>(Row);

    public override double GetDouble(int ordinal) => columns[ordinal].DuckDBType switch
    {
        DuckDBType.Double => columns[ordinal].GetValue<double>(Row),
        DuckDBType.Float => columns[ordinal].GetValue<float>(Row),
        _ => Convert.ToDouble(columns[ordinal].GetValue(Row), CultureInfo.InvariantCulture),
    };

    public override object GetValue(int ordinal) => IsDBNull(ordinal) ? DBNull.Value : columns[ordinal].GetValue(Row);

    public override int FieldCount => columns.Count;

    public override object this[int ordinal] => GetValue(ordinal);

    public override object this[string name] => throw NotServed();

    public override int Depth => 0;

    public override bool HasRows => true;

    public override bool IsClosed => false;

    public override int RecordsAffected => -1;

    public override bool NextResult() => false;

    public override bool Read() => throw NotServed();

    public override byte GetByte(int ordinal) => throw NotServed();

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => throw NotServed();

    public override char GetChar(int ordinal) => throw NotServed();

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => throw NotServed();

    public override string GetDataTypeName(int ordinal) => columns[ordinal].DuckDBType.ToString();

    public override DateTime GetDateTime(int ordinal) => throw NotServed();

    public override decimal GetDecimal(int ordinal) => throw NotServed();

    public override Type GetFieldType(int ordinal) => columns[ordinal].ClrType;

    public override float GetFloat(int ordinal) => throw NotServed();

    public override Guid GetGuid(int ordinal) => throw NotServed();

    public override short GetInt16(int ordinal) => throw NotServed();

    public override int GetInt32(int ordinal) => throw NotServed();

    public override long GetInt64(int ordinal) => throw NotServed();

    public override string GetName(int ordinal) => throw NotServed();

    public override int GetOrdinal(string name) => throw NotServed();

    public override int GetValues(object[] values) => throw NotServed();

    public override IEnumerator GetEnumerator() => throw NotServed();

    private static NotSupportedException NotServed() => new("a scalar function's row serves only the getters a reason reads.");
}
