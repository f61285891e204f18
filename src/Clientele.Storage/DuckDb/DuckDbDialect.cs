using System.Data.Common;
using Clientele.Tables;
using DuckDB.NET.Data;

namespace Clientele.Storage.DuckDb;

/// <summary>DuckDB's SQL: the spelling Storage's SQL is written in, so most of it passes through unchanged.</summary>
internal sealed class DuckDbDialect : SqlDialect
{
    /// <summary>The one instance.</summary>
    public static readonly DuckDbDialect Instance = new();

    private DuckDbDialect() { }

    /// <inheritdoc />
    public override string Name => "DuckDB";

    /// <inheritdoc />
    public override string Statement(string sql) => sql;

    /// <inheritdoc />
    public override DbParameter Parameter(string name, object? value) => new DuckDBParameter(name, value ?? DBNull.Value);

    /// <inheritdoc />
    public override string ColumnType(ColumnType type) => type switch
    {
        Tables.ColumnType.Text or Tables.ColumnType.Choice or Tables.ColumnType.Json => "VARCHAR",
        Tables.ColumnType.Number => "DOUBLE",
        Tables.ColumnType.Integer => "BIGINT",
        Tables.ColumnType.Timestamp => "TIMESTAMP",
        Tables.ColumnType.Boolean => "BOOLEAN",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <inheritdoc />
    public override string Declaration(string statement) => statement;

    /// <inheritdoc />
    public override TableWriter BulkWriter(DbConnection connection, string table, IReadOnlyList<string> columns) => new DuckDbTableWriter(connection, table, columns);

    /// <inheritdoc />
    public override Import.RowLoad ImportLoad(Workspace workspace, Import.ImportSql sql, CanonicalTable table, bool keepRaw, int rowsPerChunk) =>
        new DuckDbRowLoad(workspace, sql, table, keepRaw, rowsPerChunk);

    /// <inheritdoc />
    public override Snapshots.SnapshotLoad SnapshotLoad(Workspace workspace) =>
        new DuckDbSnapshotLoad(workspace.Connection, Snapshots.SnapshotWriter.TemporaryFolder(workspace));

    /// <inheritdoc />
    /// <remarks>DuckDB compares text by its bytes (UTF-8), which is code-point order, unless a collation is asked for.</remarks>
    public override string OrdinalText(string expression) => expression;

    /// <inheritdoc />
    public override string IsFinite(string value) => $"isfinite({value})";

    /// <inheritdoc />
    public override string AmongIds(string column, string parameter) => $"{column} IN (SELECT unnest(${parameter}))";

    /// <inheritdoc />
    public override string ListItems(string list, string separator) =>
        $"unnest(CASE WHEN {list} IS NULL THEN [NULL::VARCHAR] ELSE string_split({list}, '{separator}') END)";

    /// <inheritdoc />
    public override string JsonHasKey(string json, string key) => $"json_extract({json}, '$.{key}') IS NOT NULL";

    /// <inheritdoc />
    public override string JsonText(string json, string key) => $"json_extract_string({json}, '$.{key}')";

    /// <inheritdoc />
    public override string JsonReadable(string json) => $"json_valid({json})";

    public override string JsonObject(IEnumerable<(string Key, string Value)> members) => $"json_object({string.Join(", ", members.Select(m => $"{m.Key}, {m.Value}"))})";

    /// <inheritdoc />
    public override string ArgMin(string value, string key) => $"arg_min({value}, {key})";

    /// <inheritdoc />
    public override string ArgMax(string value, string key) => $"arg_max({value}, {key})";

    /// <inheritdoc />
    /// <remarks>A struct of the order's expressions is one key, compared field by field (a null field after every value); <c>arg_min</c> skips a null value.</remarks>
    public override string ArgMinBy(string value, IReadOnlyList<string> order, string? filter = null) =>
        $"arg_min({value}, {Struct(order)}){Filter(filter)}";

    /// <inheritdoc />
    public override string ArgMaxBy(string value, IReadOnlyList<string> order, string? filter = null) =>
        $"arg_max({value}, {Struct(order)}){Filter(filter)}";

    /// <inheritdoc />
    public override string JsonMembers(string json) => $"json_each({json})";

    /// <inheritdoc />
    /// <remarks>TRY_CAST, not CAST: DuckDB may evaluate the cast before the type test, on text values too.</remarks>
    public override string JsonMemberNumber(string member) =>
        $"CASE WHEN {member}.type IN ('UBIGINT', 'BIGINT', 'DOUBLE') THEN TRY_CAST({member}.value AS DOUBLE) END";

    private static string Struct(IReadOnlyList<string> order) => $"struct_pack({string.Join(", ", order.Select((e, i) => $"k{i} := {e}"))})";

    private static string Filter(string? filter) => filter is null ? "" : $" FILTER (WHERE {filter})";

    /// <inheritdoc />
    public override string IntegerQuotient(string dividend, string divisor) => $"({dividend}) // ({divisor})";

    /// <inheritdoc />
    public override string DayDiff(string from, string to) => $"date_diff('day', CAST({from} AS DATE), CAST({to} AS DATE))";

    /// <inheritdoc />
    public override IReadOnlyList<string> ReplaceTempTable(string name, string query) => [$"CREATE OR REPLACE TEMP TABLE {name} AS {query}"];

    /// <inheritdoc />
    public override string DropTempTable(string name) => $"DROP TABLE IF EXISTS temp.{name}";

    /// <inheritdoc />
    public override bool HasAsofJoin => true;

    /// <inheritdoc />
    public override bool GroupsByCustomerFirst => false;

    /// <inheritdoc />
    /// <remarks>DuckDB keeps a table's statistics as rows are inserted.</remarks>
    public override string? Analyze(string table) => null;

    /// <inheritdoc />
    /// <remarks>
    /// DuckDB checkpoints at the commit that takes its write-ahead log past 16 MB, and a checkpoint vacuums: where deletes left
    /// adjacent row groups whose rows fit in fewer, it merges them (at a million customers, a checkpoint after 10,000 customers'
    /// snapshot rows were deleted and written again took 5-7 s when it did, 0.1-0.2 s with it deferred; docs/benchmarks.md).
    /// <c>max_vacuum_tasks</c> is the database's, not the connection's: while it is 0 no commit of any connection compacts, and
    /// row groups whose rows are all deleted are still dropped.
    /// </remarks>
    public override IReadOnlyList<string> DeferCompaction(bool deferred) =>
        [deferred ? "SET GLOBAL max_vacuum_tasks = 0" : "RESET GLOBAL max_vacuum_tasks"];

    public override IReadOnlyList<string> MemoryLimit(int? megabytes, int? threads = null) =>
    [
        megabytes is { } mb ? $"SET memory_limit = '{mb}MB'" : "RESET memory_limit",
        threads is { } n ? $"SET threads = {n}" : "RESET threads",
    ];

    /// <inheritdoc />
    public override string? SoleWriter(string table) => null;
}
