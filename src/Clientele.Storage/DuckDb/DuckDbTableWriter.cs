using System.Data.Common;
using DuckDB.NET.Data;

namespace Clientele.Storage.DuckDb;

/// <summary>
/// DuckDB's bulk load by column name. Its appender fills every column of a table in order, so the rows go to a temporary
/// table of the named columns first (typed as the table's), and <see cref="Complete"/> inserts them by name in one statement.
/// The appender copies a value's bytes as they are, so an integer is appended as its column's width (a <c>long</c> in an
/// INTEGER column would store garbage).
/// </summary>
internal sealed class DuckDbTableWriter : TableWriter
{
    private readonly DuckDBConnection _connection;
    private readonly string _insert;
    private readonly string _staging;
    private DuckDBAppender? _appender;
    private IDuckDBAppenderRow? _row;
    private readonly string[] _types;
    private int _column;
    private long _rows;

    public DuckDbTableWriter(DbConnection connection, string table, IReadOnlyList<string> columns)
    {
        _connection = (DuckDBConnection)connection;
        _staging = $"bulk_{Guid.NewGuid():N}";
        var names = string.Join(", ", columns.Select(Schema.WorkspaceSchema.Quote));
        Execute($"CREATE TEMP TABLE {_staging} AS SELECT {names} FROM {Schema.WorkspaceSchema.Quote(table)} LIMIT 0");
        _insert = $"INSERT INTO {Schema.WorkspaceSchema.Quote(table)} ({names}) SELECT {names} FROM {_staging}";
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = $"SELECT data_type FROM information_schema.columns WHERE table_name = '{_staging}' ORDER BY ordinal_position";
            using var reader = command.ExecuteReader();
            var types = new List<string>();
            while (reader.Read()) types.Add(reader.GetString(0));
            _types = [.. types];
        }
        _appender = _connection.CreateAppender(_staging);
    }

    public override TableWriter Row()
    {
        _row?.EndRow();
        _row = _appender!.CreateRow();
        _column = 0;
        _rows++;
        return this;
    }

    public override TableWriter Text(string? value) => Next(value is null ? _row!.AppendNullValue() : _row!.AppendValue(value));

    public override TableWriter Number(double? value) => Next(_row!.AppendValue(value));

    public override TableWriter Integer(long? value) => Next(_types[_column] switch
    {
        "INTEGER" => _row!.AppendValue(value is { } v ? checked((int)v) : (int?)null),
        "UBIGINT" => _row!.AppendValue(value is { } u ? checked((ulong)u) : (ulong?)null),
        _ => _row!.AppendValue(value),
    });

    public override TableWriter Unsigned(ulong? value) => Next(_row!.AppendValue(value));

    public override TableWriter Decimal(decimal? value) => Next(_row!.AppendValue(value));

    public override TableWriter Boolean(bool? value) => Next(_row!.AppendValue(value));

    public override TableWriter Timestamp(DateTime? value) => Next(_row!.AppendValue(value));

    public override TableWriter Date(DateOnly? value) => Next(_row!.AppendValue(value));

    private DuckDbTableWriter Next(IDuckDBAppenderRow row)
    {
        _row = row;
        _column++;
        return this;
    }

    public override long Complete()
    {
        _row?.EndRow();
        _row = null;
        _appender!.Dispose();
        _appender = null;
        Execute(_insert);
        return _rows;
    }

    public override void Dispose()
    {
        _appender?.Dispose();
        _appender = null;
        Execute($"DROP TABLE IF EXISTS {_staging}");
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
