using System.Data.Common;
using Clientele.Storage.Import;
using Clientele.Tables;
using static Clientele.Storage.Schema.WorkspaceSchema;

namespace Clientele.Storage.Postgres;

/// <summary>
/// An import's rows on PostgreSQL: one binary <c>COPY</c> into <see cref="ImportSql.LoadTable"/>, fed row by row as the file
/// is read (the server parses while the client reads), inside the import's transaction. Nothing is written to disk on
/// the client; a killed import's connection ends and its transaction with it.
/// </summary>
/// <remarks>
/// In a sharded workspace (<see cref="ShardedWorkspace"/>) a file's orders or interactions are written to the shards directly
/// (<see cref="ImportSql.Shards"/>, <see cref="ShardRowRouter"/>). Another table's load table may be partitioned over foreign tables, which
/// PostgreSQL 15 writes row by row from a <c>COPY</c> (about 5,000 rows/s): the rows are copied into a temporary table of
/// the same columns instead and moved with one <c>INSERT ... SELECT</c>, which PostgreSQL routes to the shards in batches of
/// the foreign servers' <c>batch_size</c>.
/// </remarks>
internal sealed class PostgresRowLoad : RowLoad
{
    /// <summary>The temporary table a sharded table's rows are copied into first.</summary>
    private const string Routed = "clientele_routed";

    private readonly DbConnection _connection;
    private readonly TableWriter _copy;
    private readonly string? _target;
    private readonly IReadOnlyList<string> _columns;

    public PostgresRowLoad(DbConnection connection, ImportSql sql, CanonicalTable table, bool keepRaw)
    {
        _connection = connection;
        _columns = ValidatedRows.StreamColumns(table, keepRaw);
        var load = sql.LoadTable;
        if (sql.Shards is { } shards)
        {
            _copy = new ShardRowRouter(shards, load, _columns, ShardedSchema.Tables.First(t => t.Table == table.Name).Column);
            Rows = new ValidatedRows(table, keepRaw, _copy, sql.ImportId);
            return;
        }
        if (BeginRouted(connection, load, Routed))
        {
            _target = load;
            load = Routed;
        }
        _copy = PostgresDialect.Instance.BulkWriter(connection, load, _columns);
        Rows = new ValidatedRows(table, keepRaw, _copy, sql.ImportId);
    }

    /// <inheritdoc />
    public override ValidatedRows Rows { get; }

    /// <inheritdoc />
    public override long Finish()
    {
        var rows = _copy.Complete();
        if (_target is not null) FinishRouted(_connection, _target, Routed, _columns);
        return rows;
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        Rows.Dispose();
        _copy.Dispose();
    }

    /// <summary>
    /// When <paramref name="table"/> is partitioned (a sharded workspace's distributed table), makes the temporary table
    /// <paramref name="temp"/> of its columns for the rows to be copied into first (see the remarks) and returns true.
    /// </summary>
    internal static bool BeginRouted(DbConnection connection, string table, string temp)
    {
        if (!IsPartitioned(connection, table)) return false;
        Execute(connection, $"DROP TABLE IF EXISTS pg_temp.{temp}");
        Execute(connection, $"CREATE TEMP TABLE {temp} (LIKE {Quote(table)})");
        return true;
    }

    /// <summary>Moves the rows copied into <paramref name="temp"/> (<see cref="BeginRouted"/>) to <paramref name="table"/> with one <c>INSERT ... SELECT</c>, which PostgreSQL routes to the shards.</summary>
    internal static void FinishRouted(DbConnection connection, string table, string temp, IReadOnlyList<string> columns)
    {
        var list = string.Join(", ", columns.Select(Quote));
        Execute(connection, $"INSERT INTO {Quote(table)} ({list}) SELECT {list} FROM {temp}");
        Execute(connection, $"DROP TABLE {temp}");
    }

    /// <summary>Whether the table is partitioned (a sharded workspace's distributed table), as a query would find it.</summary>
    private static bool IsPartitioned(DbConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM pg_class WHERE oid = to_regclass('{Quote(table).Replace("'", "''", StringComparison.Ordinal)}') AND relkind = 'p'";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }
}
