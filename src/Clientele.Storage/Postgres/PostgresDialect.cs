using System.Data.Common;
using System.Text.RegularExpressions;
using Clientele.Tables;
using Npgsql;

namespace Clientele.Storage.Postgres;

/// <summary>
/// PostgreSQL's SQL, through Npgsql: parameters are <c>@name</c>, DOUBLE is DOUBLE PRECISION, there is no unsigned type,
/// and <c>arg_min</c>, <c>date_diff</c> and <c>CREATE OR REPLACE TEMP TABLE</c> are spelled otherwise.
/// </summary>
internal sealed partial class PostgresDialect : SqlDialect
{
    /// <summary>The one instance.</summary>
    public static readonly PostgresDialect Instance = new();

    private PostgresDialect() { }

    /// <inheritdoc />
    public override string Name => "PostgreSQL";

    /// <inheritdoc />
    public override string Statement(string sql) => RenameParameters(sql, '@');

    /// <inheritdoc />
    /// <remarks>
    /// Every time in a workspace is UTC without a zone (TIMESTAMP): a <see cref="DateTime"/> is sent as such whatever its
    /// kind, since Npgsql would send a UTC one as <c>timestamptz</c> and PostgreSQL convert it through the session's zone.
    /// </remarks>
    public override DbParameter Parameter(string name, object? value) => new NpgsqlParameter(name, value switch
    {
        null => DBNull.Value,
        DateTime time => DateTime.SpecifyKind(time, DateTimeKind.Unspecified),
        _ => value,
    });

    /// <inheritdoc />
    public override string ColumnType(ColumnType type) => Declaration(DuckDb.DuckDbDialect.Instance.ColumnType(type));

    /// <inheritdoc />
    /// <remarks>
    /// UBIGINT (a row's content hash, 64 bits) becomes NUMERIC(20, 0), which holds every value exactly; PostgreSQL's
    /// VARCHAR without a length is its text type.
    /// </remarks>
    public override string Declaration(string statement) =>
        Unsigned().Replace(Double().Replace(statement, "DOUBLE PRECISION"), "NUMERIC(20, 0)");

    /// <inheritdoc />
    public override TableWriter BulkWriter(DbConnection connection, string table, IReadOnlyList<string> columns) => new PostgresTableWriter(connection, table, columns);

    /// <inheritdoc />
    /// <remarks>Binary COPY is the same stream whatever the file's size, so there are no chunks.</remarks>
    public override Import.RowLoad ImportLoad(Workspace workspace, Import.ImportSql sql, CanonicalTable table, bool keepRaw, int rowsPerChunk) =>
        new PostgresRowLoad(workspace.Db, sql, table, keepRaw);

    /// <inheritdoc />
    /// <remarks>
    /// PostgreSQL's own sharding (<see cref="ShardedWorkspace"/>), for a distributed table whose only customer column is its
    /// distribution column: every customer its rows name is then in the rows' shard.
    /// </remarks>
    public override Import.ShardTransactions? Shards(DbConnection connection, CanonicalTable table) =>
        ShardedSchema.Tables.FirstOrDefault(t => t.Table == table.Name) is { } distributed && table.CustomerColumns.SequenceEqual([distributed.Column])
            ? ShardConnections.Open(connection, table.Name)
            : null;

    /// <inheritdoc />
    public override Snapshots.SnapshotLoad SnapshotLoad(Workspace workspace) => new PostgresSnapshotLoad(workspace.Db);

    /// <inheritdoc />
    /// <remarks>
    /// PostgreSQL's own sharding (<see cref="ShardedWorkspace"/>): the distributed snapshot tables' rows are written to their shards
    /// by a transaction of the analysis's own on each (<see cref="ShardedSnapshotLoad"/>), as an import's orders are. Through the
    /// coordinator, a million customers' rows went to a temporary table and on through the foreign partitions, 1,000 rows a batch.
    /// </remarks>
    public override Snapshots.SnapshotLoad AnalysisSnapshotLoad(Workspace workspace) =>
        ShardConnections.Open(workspace.Db, ShardedSnapshotLoad.Customers) is { } shards
            ? new ShardedSnapshotLoad(workspace.Db, shards)
            : SnapshotLoad(workspace);

    /// <inheritdoc />
    /// <remarks>A database's default collation is often a language's (en_US.UTF-8 puts "a" before "B"); "C" is byte order.</remarks>
    public override string OrdinalText(string expression) => $"{expression} COLLATE \"C\"";

    /// <inheritdoc />
    /// <remarks>PostgreSQL's isfinite takes dates only; NaN sorts above infinity there, so both bounds exclude it.</remarks>
    public override string IsFinite(string value) =>
        $"({value} < CAST('Infinity' AS DOUBLE PRECISION) AND {value} > CAST('-Infinity' AS DOUBLE PRECISION))";

    /// <inheritdoc />
    public override string AmongIds(string column, string parameter) => $"{column} = ANY(${parameter})";

    /// <inheritdoc />
    public override string ListItems(string list, string separator) =>
        $"unnest(CASE WHEN {list} IS NULL THEN ARRAY[NULL::text] ELSE string_to_array({list}, '{separator}') END)";

    /// <inheritdoc />
    public override string JsonHasKey(string json, string key) => $"coalesce(CAST({json} AS jsonb) ? '{key}', false)";

    /// <inheritdoc />
    public override string JsonText(string json, string key) => $"(CAST({json} AS jsonb) ->> '{key}')";

    /// <inheritdoc />
    /// <remarks>
    /// PostgreSQL 15 cannot test text for JSON in SQL (<c>IS JSON</c> is 16's), so only null is excluded: a PostgreSQL workspace's
    /// JSON columns hold what Clientele wrote or the importer checked to be a JSON object (a DuckDB file may hold older text).
    /// </remarks>
    public override string JsonReadable(string json) => $"({json} IS NOT NULL)";

    public override string JsonObject(IEnumerable<(string Key, string Value)> members) => $"json_build_object({string.Join(", ", members.Select(m => $"{m.Key}, {m.Value}"))})";

    /// <inheritdoc />
    public override string ArgMin(string value, string key) => $"(array_agg({value} ORDER BY {key}) FILTER (WHERE {key} IS NOT NULL))[1]";

    /// <inheritdoc />
    public override string ArgMax(string value, string key) => $"(array_agg({value} ORDER BY {key} DESC) FILTER (WHERE {key} IS NOT NULL))[1]";

    /// <inheritdoc />
    /// <remarks>Ascending order puts nulls last and descending order first in PostgreSQL, as DuckDB's struct keys compare them.</remarks>
    public override string ArgMinBy(string value, IReadOnlyList<string> order, string? filter = null) =>
        $"(array_agg({value} ORDER BY {string.Join(", ", order)}) FILTER (WHERE {value} IS NOT NULL{And(filter)}))[1]";

    /// <inheritdoc />
    public override string ArgMaxBy(string value, IReadOnlyList<string> order, string? filter = null) =>
        $"(array_agg({value} ORDER BY {string.Join(", ", order.Select(e => e + " DESC"))}) FILTER (WHERE {value} IS NOT NULL{And(filter)}))[1]";

    /// <inheritdoc />
    public override string JsonMembers(string json) =>
        $"json_each(CASE WHEN json_typeof(CAST({json} AS json)) = 'object' THEN CAST({json} AS json) END)";

    /// <inheritdoc />
    public override string JsonMemberNumber(string member) =>
        $"CASE WHEN json_typeof({member}.value) = 'number' THEN CAST({member}.value #>> '{{}}' AS DOUBLE PRECISION) END";

    private static string And(string? filter) => filter is null ? "" : $" AND ({filter})";

    /// <inheritdoc />
    public override string IntegerQuotient(string dividend, string divisor) => $"({dividend}) / ({divisor})";

    /// <inheritdoc />
    public override string DayDiff(string from, string to) => $"(CAST({to} AS DATE) - CAST({from} AS DATE))";

    /// <inheritdoc />
    public override IReadOnlyList<string> ReplaceTempTable(string name, string query) =>
        [DropTempTable(name), $"CREATE TEMP TABLE {name} AS {query}"];

    /// <inheritdoc />
    public override string DropTempTable(string name) => $"DROP TABLE IF EXISTS pg_temp.{name}";

    /// <inheritdoc />
    public override bool HasAsofJoin => false;

    /// <inheritdoc />
    public override bool GroupsByCustomerFirst => true;

    /// <inheritdoc />
    /// <remarks>
    /// ANALYZE samples at most 30,000 rows whatever the table's size, and counts the loading transaction's own rows. A table
    /// of a sharded workspace (partitioned over postgres_fdw foreign tables, docs/scale-out.md) is left to its shards: on
    /// PostgreSQL 15 the coordinator would fetch every row of every shard to sample them.
    /// </remarks>
    public override string? Analyze(string table) =>
        $"DO $$ BEGIN IF (SELECT relkind FROM pg_class WHERE oid = '{table.Replace("'", "''", StringComparison.Ordinal)}'::regclass) = 'r' THEN ANALYZE {table}; END IF; END $$";

    public override IReadOnlyList<string> MemoryLimit(int? megabytes, int? threads = null) => [];

    /// <inheritdoc />
    /// <remarks>Autovacuum compacts apart from any commit.</remarks>
    public override IReadOnlyList<string> DeferCompaction(bool deferred) => [];

    /// <inheritdoc />
    public override string? SoleWriter(string table) => $"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE";

    [GeneratedRegex(@"\bDOUBLE\b(?!\s+PRECISION)", RegexOptions.CultureInvariant)]
    private static partial Regex Double();

    [GeneratedRegex(@"\bUBIGINT\b", RegexOptions.CultureInvariant)]
    private static partial Regex Unsigned();
}
