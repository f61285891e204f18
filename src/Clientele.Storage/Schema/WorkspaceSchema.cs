using System.Data.Common;
using System.Text;
using Clientele.Tables;

namespace Clientele.Storage.Schema;

/// <summary>
/// The workspace's tables, made from <see cref="CanonicalTables"/>, and their version. Each change of
/// the schema adds a step to <see cref="Upgrades"/>; an older workspace is upgraded on open, a newer
/// one is refused. Every statement is declared once, in the type names of <see cref="SqlDialect.Declaration"/>, and
/// rendered for the workspace's engine, so a DuckDB file and a PostgreSQL database get the same tables and upgrades.
/// </summary>
internal static class WorkspaceSchema
{
    /// <summary>The schema version this build writes.</summary>
    public const int CurrentVersion = 14;

    /// <summary>
    /// The oldest version a sharded workspace is upgraded from: the steps after it add indexes alone, made on each shard as well
    /// (<see cref="UpgradeShards"/>); an earlier step changes tables, which a shard's would then no longer match.
    /// </summary>
    private const int ShardsUpgradedFrom = 13;

    /// <summary>Steps that bring a workspace from version (index + 1) to (index + 2); a step may read the tables as earlier steps left them.</summary>
    private static readonly Func<DbConnection, SqlDialect, IEnumerable<string>>[] Upgrades =
    [
        // 1 → 2: fitted customer-base models and their reports.
        (_, _) => [ModelFitsTable],
        // 2 → 3: analysis snapshots.
        (_, _) => [.. Snapshots.SnapshotSchema.Tables],
        // 3 → 4: the users and API keys of `clientele serve`.
        (_, _) => [.. Access.AccessSchema.Tables],
        // 4 → 5: orders.period_start (wide spend tables) and interactions.product_id.
        (_, _) => [.. AddedColumns(5)],
        // 5 → 6: the record of undone imports and erasures.
        (_, _) => [.. Removal.RemovalSchema.Tables],
        // 6 → 7: live updates: the live columns of snapshot_customers and the class changes they made.
        (_, _) => [.. Snapshots.SnapshotSchema.LiveUpgrade()],
        // 7 → 8: the population's first purchases an analysis learns, for live updates.
        (_, _) => [.. Snapshots.SnapshotSchema.FirstPurchasesUpgrade()],
        // 8 → 9: reasons rendered when read: the figures they need, the overrides applied, the older rows' text kept.
        (connection, dialect) => RenderedReasons(connection, dialect),
        // 9 → 10: more reasons rendered when read: the same step again, moving the newly rendered dimensions' text beside the earlier.
        (connection, dialect) => RenderedReasons(connection, dialect),
        // 10 → 11: the keys that sign sessions, so that every server of the workspace accepts them.
        (_, _) => [Access.AccessSchema.DataProtectionKeysTable],
        // 11 → 12: every reason rendered when read, the buying center's and the product lines' too: the same step again.
        (connection, dialect) => RenderedReasons(connection, dialect),
        // 12 → 13: every customer's purchase days kept (Summary/CustomerDays), counted once from the orders stored.
        (_, _) => [Summary.CustomerDays.Declaration, Summary.CustomerDays.Fill],
        // 13 → 14: on PostgreSQL, the indexes that read a few customers' rows and an event's rows by id (docs/postgres.md#indexes);
        // nothing on DuckDB, whose zone maps do their work.
        (connection, dialect) => dialect is Postgres.PostgresDialect ? Postgres.ShardedSchema.Upgrade(Postgres.ShardedWorkspace.Shards(connection).Count > 0) : [],
    ];

    private static IEnumerable<string> RenderedReasons(DbConnection connection, SqlDialect dialect) =>
        Snapshots.SnapshotSchema.RenderedReasonsUpgrade(Columns(connection, dialect, "snapshot_customers"), Columns(connection, dialect, "snapshot_product_lines"), dialect);

    /// <summary>The statements that add the canonical columns of schema <paramref name="version"/> to an older workspace.</summary>
    private static IEnumerable<string> AddedColumns(int version) =>
        from table in CanonicalTables.All
        from column in table.Columns
        where column.AddedInSchema == version
        select $"ALTER TABLE {Quote(table.Name)} ADD COLUMN {Quote(column.Name)} {SqlType(column.Type)}";

    /// <summary>The table of the workspace's metadata (the schema version among it): a database without it holds no workspace.</summary>
    public const string MetaTable = "clientele_meta";

    private const string ModelFitsTable = """
        CREATE TABLE model_fits (
            fit_id INTEGER NOT NULL, model VARCHAR NOT NULL, fitted_at TIMESTAMP NOT NULL, source VARCHAR NOT NULL,
            as_of DATE, time_unit VARCHAR NOT NULL, parameters VARCHAR NOT NULL, report VARCHAR NOT NULL)
        """;

    /// <summary>Columns every imported row carries besides its canonical ones.</summary>
    public const string ImportIdColumn = "import_id";

    /// <summary>For content-identified rows: a hash of the canonical values and the row's occurrence among identical rows.</summary>
    public const string RowHashColumn = "row_hash";

    /// <inheritdoc cref="RowHashColumn"/>
    public const string RowOccurrenceColumn = "row_occurrence";

    /// <summary>A canonical column's type as declared (<see cref="SqlDialect.Declaration"/> renders it for an engine).</summary>
    public static string SqlType(ColumnType type) => DuckDb.DuckDbDialect.Instance.ColumnType(type);

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A text constant as SQL writes it (single quotes doubled), the same in both engines.</summary>
    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    public static string CreateTable(CanonicalTable table)
    {
        var sql = new StringBuilder($"CREATE TABLE {Quote(table.Name)} (");
        foreach (var column in table.Columns)
        {
            sql.Append(Quote(column.Name)).Append(' ').Append(SqlType(column.Type));
            if (column.Required) sql.Append(" NOT NULL");
            sql.Append(", ");
        }
        if (table.Identity == RowIdentity.Content)
            sql.Append($"{RowHashColumn} UBIGINT, {RowOccurrenceColumn} INTEGER, ");
        // No PRIMARY KEY: the importer keeps keys unique itself (a key column such as buying_roles.deal_id
        // may be empty, which a primary key forbids), and an index over millions of rows costs more than it saves.
        sql.Append($"{ImportIdColumn} INTEGER");
        return sql.Append(')').ToString();
    }

    private static readonly string[] MetaTables =
    [
        $"CREATE TABLE {MetaTable} (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)",
        """
        CREATE TABLE imports (
            import_id INTEGER PRIMARY KEY, table_name VARCHAR NOT NULL, source_path VARCHAR NOT NULL,
            source_sha256 VARCHAR NOT NULL, source_bytes BIGINT NOT NULL, options VARCHAR NOT NULL,
            imported_at TIMESTAMP NOT NULL, seconds DOUBLE NOT NULL,
            rows_read BIGINT NOT NULL, rows_added BIGINT NOT NULL, rows_updated BIGINT NOT NULL,
            rows_already_present BIGINT NOT NULL, rows_rejected BIGINT NOT NULL, rows_filtered BIGINT NOT NULL,
            customers_created BIGINT NOT NULL, ignored_columns VARCHAR NOT NULL)
        """,
    ];

    /// <summary>Every statement that makes the current schema's tables in an empty database, as declared.</summary>
    public static IEnumerable<string> Declarations() =>
        MetaTables.Concat(CanonicalTables.All.Select(CreateTable)).Append(Summary.CustomerDays.Declaration).Append(ModelFitsTable).Concat(Snapshots.SnapshotSchema.Tables)
            .Concat(Access.AccessSchema.Tables).Append(Access.AccessSchema.DataProtectionKeysTable).Concat(Removal.RemovalSchema.Tables);

    /// <summary>Creates every table in an empty database, in one transaction.</summary>
    public static void Create(DbConnection connection, SqlDialect dialect) => CreateInTransaction(connection, dialect, statement => [statement]);

    /// <summary>Creates every table in an empty database in one transaction, each declaration made by the statements <paramref name="placed"/> gives for it.</summary>
    public static void CreateInTransaction(DbConnection connection, SqlDialect dialect, Func<string, IEnumerable<string>> placed)
    {
        using var transaction = connection.BeginTransaction();
        Create(connection, dialect, placed);
        transaction.Commit();
    }

    /// <summary>
    /// Creates every table in the caller's transaction, each declaration (rendered for the engine) made by the statements
    /// <paramref name="placed"/> gives for it: the declaration itself, or what puts the table elsewhere (a sharded workspace's
    /// partitioned table and its foreign partitions, a Citus table distributed after it is made).
    /// </summary>
    public static void Create(DbConnection connection, SqlDialect dialect, Func<string, IEnumerable<string>> placed)
    {
        foreach (var declaration in Declarations())
            foreach (var statement in placed(dialect.Declaration(declaration)))
                Execute(connection, statement);
        Execute(connection, $"INSERT INTO {MetaTable} VALUES ('schema_version', '{CurrentVersion}')");
    }

    /// <summary>
    /// Checks the version of an existing workspace, upgrading an older one in one transaction.
    /// Throws <see cref="WorkspaceException"/> when the file or database is not a workspace or is newer than this build.
    /// </summary>
    /// <param name="connection">The open connection.</param>
    /// <param name="dialect">Its engine's dialect.</param>
    /// <param name="path">The file's path or the database's URL, for messages.</param>
    public static void EnsureCurrent(DbConnection connection, SqlDialect dialect, string path)
    {
        if (!TableExists(connection, dialect, MetaTable))
        {
            throw new WorkspaceException(dialect is Postgres.PostgresDialect
                ? $"{path} is a PostgreSQL database but not a Clientele workspace (it has no {MetaTable} table). " +
                  "Run `clientele init` to make one in it, or name another database with --workspace."
                : $"{path} is a DuckDB file but not a Clientele workspace (it has no {MetaTable} table). " +
                  "Point --workspace at another file, or move this one away and run `clientele init`.");
        }
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM clientele_meta WHERE key = 'schema_version'";
        if (command.ExecuteScalar() is not string text || !int.TryParse(text, out var version) || version < 1)
        {
            throw new WorkspaceException(
                $"{path} records no valid schema version in clientele_meta; it was not made by Clientele or was damaged. " +
                "Move it away and run `clientele init`, then import your files again.");
        }
        if (version > CurrentVersion)
        {
            throw new WorkspaceException(
                $"{path} has schema version {version}, made by a newer Clientele; this build reads versions up to " +
                $"{CurrentVersion}. Upgrade Clientele to open it.");
        }
        if (version == CurrentVersion) return;
        // A step that changes tables changes the coordinator's only: a shard's table would no longer match its foreign partition.
        if (dialect is Postgres.PostgresDialect && Postgres.ShardedWorkspace.Shards(connection) is { Count: > 0 } shards)
        {
            if (version < ShardsUpgradedFrom)
                throw new WorkspaceException(
                    $"{path} is a sharded workspace of schema version {version} (shards {string.Join(", ", shards)}); this build writes version {CurrentVersion} " +
                    $"and upgrades a sharded workspace's shards from version {ShardsUpgradedFrom} only. Make a new sharded workspace with `clientele init --shards` " +
                    "and import the files again (docs/scale-out.md).");
            UpgradeShards(connection, path);
        }
        using var transaction = connection.BeginTransaction();
        for (var from = version; from < CurrentVersion; from++)
            foreach (var statement in Upgrades[from - 1](connection, dialect).ToList())
                Execute(connection, dialect.Declaration(statement));
        Execute(connection, $"UPDATE clientele_meta SET value = '{CurrentVersion}' WHERE key = 'schema_version'");
        transaction.Commit();
    }

    /// <summary>
    /// Makes on each shard of a sharded workspace the indexes the steps from <see cref="ShardsUpgradedFrom"/> add, all shards at once,
    /// each in a transaction committed before the coordinator's upgrade: a failure between leaves indexes that the next opening
    /// finds made and keeps (each statement leaves an index of its name alone).
    /// </summary>
    private static void UpgradeShards(DbConnection connection, string path)
    {
        using var shards = Postgres.ShardConnections.Connect(connection, Postgres.ShardedSchema.Tables[0].Table)
            ?? throw new WorkspaceException($"{path} lists shards, but its {Postgres.ShardedSchema.Tables[0].Table} table is not partitioned over them: it was not made by `clientele init --shards`, or was changed since.");
        shards.OnEach((shard, _) =>
        {
            foreach (var statement in Postgres.ShardedSchema.Tables.SelectMany(Postgres.ShardedSchema.ShardIndexes)) Execute(shard, statement);
            return 0;
        });
        shards.Commit();
    }

    /// <summary>The names of a table's columns, in the connection's current schema, in their order.</summary>
    private static List<string> Columns(DbConnection connection, SqlDialect dialect, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = dialect.Statement("SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $name ORDER BY ordinal_position");
        command.Parameters.Add(dialect.Parameter("name", table));
        using var reader = command.ExecuteReader();
        var columns = new List<string>();
        while (reader.Read()) columns.Add(reader.GetString(0));
        return columns;
    }

    /// <summary>Whether the table exists in the connection's current schema (DuckDB's <c>main</c>, PostgreSQL's <c>public</c>).</summary>
    public static bool TableExists(DbConnection connection, SqlDialect dialect, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = dialect.Statement("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $name");
        command.Parameters.Add(dialect.Parameter("name", table));
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    public static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
