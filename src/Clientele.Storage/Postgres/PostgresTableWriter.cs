using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Clientele.Storage.Postgres;

/// <summary>
/// PostgreSQL's bulk load by column name: Npgsql's binary <c>COPY ... FROM STDIN</c>. Binary values must have the column's
/// exact type, so an integer is written as the column's width (INTEGER, BIGINT or NUMERIC), read from the catalogue. The
/// table is found as a query would find it, so a temporary table (an import's staging table) is written to as well.
/// </summary>
internal sealed class PostgresTableWriter : TableWriter
{
    private readonly NpgsqlBinaryImporter _copy;
    private readonly NpgsqlDbType[] _integers;
    private int _column;

    public PostgresTableWriter(DbConnection connection, string table, IReadOnlyList<string> columns)
    {
        var npgsql = (NpgsqlConnection)connection;
        var types = ColumnTypes(npgsql, table);
        _integers = [.. columns.Select(c => types.TryGetValue(c, out var type) ? type switch
        {
            "int4" => NpgsqlDbType.Integer,
            "numeric" => NpgsqlDbType.Numeric,
            _ => NpgsqlDbType.Bigint,
        } : throw new ArgumentException($"{table} has no column {c}", nameof(columns)))];
        _copy = npgsql.BeginBinaryImport(
            $"COPY {Schema.WorkspaceSchema.Quote(table)} ({string.Join(", ", columns.Select(Schema.WorkspaceSchema.Quote))}) FROM STDIN (FORMAT BINARY)");
    }

    private static Dictionary<string, string> ColumnTypes(NpgsqlConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT a.attname, t.typname FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
            WHERE a.attrelid = to_regclass(@table) AND a.attnum > 0 AND NOT a.attisdropped
            """;
        command.Parameters.AddWithValue("table", Schema.WorkspaceSchema.Quote(table));
        using var reader = command.ExecuteReader();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read()) types[reader.GetString(0)] = reader.GetString(1);
        return types;
    }

    public override TableWriter Row()
    {
        _copy.StartRow();
        _column = 0;
        return this;
    }

    public override TableWriter Text(string? value) => Write(value, NpgsqlDbType.Text);

    public override TableWriter Number(double? value) => value is { } v ? Write(v, NpgsqlDbType.Double) : Null();

    public override TableWriter Integer(long? value) => value is not { } v ? Null() : _integers[_column] switch
    {
        NpgsqlDbType.Integer => Write(checked((int)v), NpgsqlDbType.Integer),
        NpgsqlDbType.Numeric => Write((decimal)v, NpgsqlDbType.Numeric),
        _ => Write(v, NpgsqlDbType.Bigint),
    };

    public override TableWriter Unsigned(ulong? value) => value is { } v ? Write((decimal)v, NpgsqlDbType.Numeric) : Null();

    public override TableWriter Decimal(decimal? value) => value is { } v ? Write(v, NpgsqlDbType.Numeric) : Null();

    public override TableWriter Boolean(bool? value) => value is { } v ? Write(v, NpgsqlDbType.Boolean) : Null();

    public override TableWriter Timestamp(DateTime? value) =>
        value is { } v ? Write(DateTime.SpecifyKind(v, DateTimeKind.Unspecified), NpgsqlDbType.Timestamp) : Null();

    public override TableWriter Date(DateOnly? value) => value is { } v ? Write(v, NpgsqlDbType.Date) : Null();

    private PostgresTableWriter Write<T>(T? value, NpgsqlDbType type)
    {
        if (value is null) _copy.WriteNull();
        else _copy.Write(value, type);
        _column++;
        return this;
    }

    private PostgresTableWriter Null()
    {
        _copy.WriteNull();
        _column++;
        return this;
    }

    public override long Complete()
    {
        var rows = (long)_copy.Complete();
        // The connection stays in COPY state until the importer is disposed: the same transaction's next statement needs it free.
        _copy.Dispose();
        return rows;
    }

    public override void Dispose() => _copy.Dispose();
}
