using System.Data.Common;
using System.Diagnostics;
using Clientele.Tables;
using static Clientele.Storage.Schema.WorkspaceSchema;

namespace Clientele.Storage.Import;

/// <summary>
/// The database side of an import, in one transaction opened before the file is read: validated rows
/// are loaded while reading goes on (<see cref="SqlDialect.ImportLoad"/>: into <see cref="LoadTable"/>), then <see cref="Finish"/>
/// checks references, applies the table's <see cref="RowIdentity"/>, creates customers named but
/// unknown, records the import and commits. Disposing without finishing rolls everything back.
/// The SQL is written once for both engines; what they spell otherwise comes from the dialect.
/// Several tables can be stored as one import in one transaction (an event batch, <c>Storage/Events</c>): the caller
/// holds the transaction and the import id, each table's part calls <see cref="Store"/>, and the caller records the import
/// once (<c>Record</c>) and commits.
/// </summary>
internal sealed partial class ImportSql : IDisposable
{
    /// <summary>The temporary table rows of a table with an id or a key are loaded into before they are merged.</summary>
    private const string Stage = "clientele_stage";

    /// <summary>From how many loaded rows the table's statistics are refreshed before storing (<see cref="SqlDialect.Analyze"/>).</summary>
    private const long AnalyzeFrom = 10_000;

    private readonly DbConnection _connection;
    private readonly SqlDialect _dialect;
    private readonly CanonicalTable _table;
    private readonly ColumnPlan _plan;
    private readonly string _path;
    private readonly RejectsWriter? _rejects;
    private readonly bool _keepRaw;
    private readonly DbTransaction? _transaction;
    private readonly int _importId;
    private readonly ShardTransactions? _shards;

    public sealed record Source(string Path, string Sha256, long Bytes, string Options, DateTime ImportedAt, long RowsRead, long RowsFiltered, string Ignored);

    /// <summary>What storing one table's loaded rows did (the counts an import records).</summary>
    public sealed record Stored(long Staged, long Added, long Updated, long Rejected, long CustomersCreated)
    {
        /// <summary>Rows that were in the workspace already (or earlier in the same rows), so added nothing.</summary>
        public long AlreadyPresent => Staged - Added - Updated;
    }

    /// <summary>One file's import on either engine: opens its own transaction and takes the next import id.</summary>
    public ImportSql(DbConnection connection, SqlDialect dialect, CanonicalTable table, ColumnPlan plan, string path, RejectsWriter? rejects, bool keepRaw)
        : this(connection, dialect, table, plan, path, rejects, keepRaw, null)
    {
    }

    /// <summary>
    /// One table's part of an import whose transaction the caller holds (<paramref name="batchImportId"/> given: nothing is
    /// committed or rolled back here), or, when it is null, one file's import with a transaction of its own.
    /// </summary>
    public ImportSql(DbConnection connection, SqlDialect dialect, CanonicalTable table, ColumnPlan plan, string path, RejectsWriter? rejects, bool keepRaw, int? batchImportId)
    {
        (_connection, _dialect, _table, _plan, _path, _rejects, _keepRaw) = (connection, dialect, table, plan, path, rejects, keepRaw);
        if (batchImportId is { } id) _importId = id;
        else
        {
            _transaction = connection.BeginTransaction();
            _importId = NextImportId(connection);
            // A file of orders or interactions into a sharded workspace goes to the shards directly (docs/scale-out.md).
            try
            {
                if (_table.Identity == RowIdentity.Content) _shards = dialect.Shards(connection, _table);
            }
            catch
            {
                _transaction.Dispose();
                throw;
            }
        }
        if (_table.Identity != RowIdentity.Content)
        {
            var columns = string.Join(", ", ValidatedRows.FileColumns(_table, _keepRaw).Select(c => $"{Quote(c.Name)} {c.Type}"));
            Execute($"DROP TABLE IF EXISTS {Stage}");
            Execute(_dialect.Declaration($"CREATE TEMP TABLE {Stage} ({columns})"));
        }
    }

    /// <summary>The number this import gets.</summary>
    public int ImportId => _importId;

    /// <summary>
    /// Where the rows go when the workspace is sharded and the table distributed: a transaction of this import's own on each shard,
    /// into whose <see cref="LoadTable"/> the rows are written and where the rest of the import's work on them runs; null otherwise
    /// (one database, DuckDB, a table that stays whole, an event batch, whose few rows go through the coordinator).
    /// </summary>
    public ShardTransactions? Shards => _shards;

    /// <summary>
    /// The table the validated rows are loaded into (<see cref="ValidatedRows.StreamColumns"/>): the canonical table itself for
    /// orders and interactions (what was there already is taken out at the end), a staging table otherwise.
    /// </summary>
    public string LoadTable => _table.Identity == RowIdentity.Content ? _table.Name : Stage;

    /// <summary>Tables whose rows must name rows of another table that an import cannot create.</summary>
    public static bool ChecksReferences(CanonicalTable table) =>
        table == CanonicalTables.BuyingRoleTable || table == CanonicalTables.Overrides;

    /// <summary>DuckDB's statement that loads one normalised file of validated rows (<see cref="ValidatedRows.ReadCsv"/>) into <see cref="LoadTable"/>.</summary>
    public string LoadSql(string file) => _table.Identity == RowIdentity.Content
        ? $"""
            INSERT INTO {Quote(_table.Name)} ({Columns()}, {RowHashColumn}, {RowOccurrenceColumn}, {ImportIdColumn})
            SELECT {Columns()}, {RowHashColumn}, {RowOccurrenceColumn}, {_importId} FROM {ValidatedRows.ReadCsv(_table, _keepRaw, file)}
            """
        : $"INSERT INTO {Stage} SELECT * FROM {ValidatedRows.ReadCsv(_table, _keepRaw, file)}";

    /// <summary>The number the next import gets. An undone import's number is not given again, so undone_imports never names two imports.</summary>
    public static int NextImportId(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT greatest((SELECT coalesce(max(import_id), 0) FROM imports), (SELECT coalesce(max(import_id), 0) FROM undone_imports)) + 1";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public ImportResult Finish(Source source, long loaded, Stopwatch clock)
    {
        if (_transaction is null) throw new InvalidOperationException("part of a batch: the caller stores, records and commits");
        var stored = Store(loaded);
        Record(_connection, _dialect, _importId, _table.Name, source, clock.Elapsed.TotalSeconds, stored);
        var notes = _shards is null
            ? ProductReferences.Check(_connection, _dialect, _table, _importId)
            : ProductReferences.Check(_connection, _shards, _dialect, _table, _importId);
        // No two-phase commit: the shards first, so a failure before the coordinator's commit leaves rows of an import id no
        // import records (docs/scale-out.md says how to remove them), never a recorded import whose rows are missing.
        try
        {
            _shards?.Commit();
            _transaction.Commit();
        }
        catch (Exception e) when (_shards is { Committed: > 0 })
        {
            Postgres.PostgresFailure.MarkPartlyCommitted(e, Postgres.PostgresFailure.ImportPartlyCommitted);
            throw;
        }
        return new ImportResult(_table.Name, _importId, source.RowsRead, stored.Added, stored.Updated, stored.AlreadyPresent, stored.Rejected,
            source.RowsFiltered, stored.CustomersCreated, [], [], null, null, 0) { Notes = notes };
    }

    /// <summary>
    /// Stores the loaded rows by the table's <see cref="RowIdentity"/> and creates the customers they name but the workspace
    /// lacks; commits nothing.
    /// </summary>
    public Stored Store(long loaded)
    {
        if (_shards is not null) return StoreOnShards(_shards, loaded);
        long staged = loaded, added, updated = 0, rejected = 0, created;
        // The statements below join the loaded rows to what was there, planned on the table's statistics: brought up to date
        // when many rows came (a few, an event batch's, cannot mislead a plan much, and the refresh would cost each batch).
        if (loaded >= AnalyzeFrom && _dialect.Analyze(_table.Identity == RowIdentity.Content ? Quote(_table.Name) : Stage) is { } analyze) Execute(analyze);
        if (_table.Identity == RowIdentity.Content)
        {
            added = loaded - RemoveAlreadyPresent(_connection);
            // The orders' purchase days, kept in the same transaction (an import only adds orders: those present are taken out above).
            if (_table == CanonicalTables.Orders && added > 0) Summary.CustomerDays.Add(_connection, _dialect, _importId);
            created = CreateCustomers(_connection, Imported);
        }
        else
        {
            rejected = CheckReferences();
            staged = loaded - rejected;
            (added, updated) = _table.Identity == RowIdentity.Distinct ? (StoreDistinct(), 0L) : StoreUpsert();
            created = CreateCustomers(_connection, Stage);
            Execute($"DROP TABLE {Stage}");
        }
        return new Stored(staged, added, updated, rejected, created);
    }

    /// <summary>Records an import in the <c>imports</c> table (inside the caller's transaction); <paramref name="tableName"/> names several tables, comma-separated, for an import of several.</summary>
    public static void Record(DbConnection connection, SqlDialect dialect, int importId, string tableName, Source source, double seconds, Stored stored)
    {
        using var command = connection.CreateCommand();
        (string Name, object Value)[] values =
        [
            ("import_id", importId), ("table_name", tableName), ("source_path", source.Path), ("source_sha256", source.Sha256),
            ("source_bytes", source.Bytes), ("options", source.Options), ("imported_at", source.ImportedAt), ("seconds", seconds),
            ("rows_read", source.RowsRead), ("rows_added", stored.Added), ("rows_updated", stored.Updated), ("rows_present", stored.AlreadyPresent),
            ("rows_rejected", source.RowsRead - source.RowsFiltered - stored.Staged), ("rows_filtered", source.RowsFiltered),
            ("customers_created", stored.CustomersCreated), ("ignored", source.Ignored),
        ];
        command.CommandText = dialect.Statement($"INSERT INTO imports VALUES ({string.Join(", ", values.Select(v => "$" + v.Name))})");
        foreach (var (name, value) in values) command.Parameters.Add(dialect.Parameter(name, value));
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _shards?.Dispose();
        _transaction?.Dispose();
        try
        {
            Execute($"DROP TABLE IF EXISTS {Stage}");
        }
        catch (DbException)
        {
            // The connection is going away; the temporary table goes with it.
        }
        catch (InvalidOperationException)
        {
            // A connection broken mid-import (PostgreSQL's server gone): nothing is left to drop.
        }
    }

    private long CheckReferences()
    {
        if (!ChecksReferences(_table)) return 0;
        var (column, target, targetColumn, hint) = _table == CanonicalTables.BuyingRoleTable
            ? ("contact_id", "contacts", "contact_id", "a contact_id of the contacts table (import the contacts first)")
            : ("customer_id", "customers", "customer_id", "a customer_id of the customers table");
        var index = ColumnPlan.IndexOf(_table, column);
        var errors = new List<ImportError>();
        var lines = new List<long>();
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = $"""
                SELECT s._line, s.{Quote(column)}, s._raw FROM {Stage} s
                WHERE NOT EXISTS (SELECT 1 FROM {Quote(target)} t WHERE t.{Quote(targetColumn)} = s.{Quote(column)}) ORDER BY s._line
                """;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var error = new ImportError(_path, reader.GetInt64(0), _plan.FileColumnNumber(index), column, reader.GetString(1), hint);
                lines.Add(error.Line);
                if (errors.Count < ImportFailedException.MaxListed) errors.Add(error);
                _rejects?.Write([error], reader.GetString(2));
            }
        }
        if (lines.Count == 0) return 0;
        if (_rejects is null) throw new ImportFailedException(_path, errors, lines.Count);
        Execute($"DELETE FROM {Stage} WHERE {Quote(column)} NOT IN (SELECT {Quote(targetColumn)} FROM {Quote(target)})");
        return lines.Count;
    }

    private string Columns(string? prefix = null) =>
        string.Join(", ", _table.Columns.Select(c => (prefix ?? "") + Quote(c.Name)));

    /// <summary>This import's rows of a table with <see cref="RowIdentity.Content"/>, as a source to select from.</summary>
    private string Imported => $"(SELECT * FROM {Quote(_table.Name)} WHERE {ImportIdColumn} = {_importId}) AS imported";

    /// <summary>Whether the table holds rows of an earlier import (on this connection's database).</summary>
    private bool HasEarlier(DbConnection connection) =>
        Long(connection, $"SELECT count(*) FROM (SELECT 1 FROM {Quote(_table.Name)} WHERE {ImportIdColumn} <> {_importId} LIMIT 1) AS earlier") > 0;

    /// <summary>Deletes the rows of this import that were stored already (by id, or by content and occurrence); returns how many.</summary>
    private long RemoveAlreadyPresent(DbConnection connection)
    {
        var id = Quote(_table.Key[0]);
        var target = Quote(_table.Name);
        var earlier = $"{ImportIdColumn} <> {_importId}";
        var current = $"{ImportIdColumn} = {_importId}";
        // A table holding only this import's rows (a first load) has nothing present; the joins below would still hash every new id.
        if (!HasEarlier(connection)) return 0;
        // The stored rows are narrowed to the ids (hashes) of this import's rows first, so a few rows imported into a large
        // table (a batch of events) cost a scan of one column, not a set of every id stored.
        var present = Execute(connection, $"""
            DELETE FROM {target} USING (
                SELECT DISTINCT e.{id} AS id FROM {target} e
                WHERE e.{earlier} AND e.{id} IN (SELECT {id} FROM {target} WHERE {current} AND {id} IS NOT NULL)) p
            WHERE {target}.{current} AND {target}.{id} = p.id
            """);
        present += Execute(connection, $"""
            DELETE FROM {target} USING (
                SELECT e.{RowHashColumn} AS h, e.{RowOccurrenceColumn} AS o FROM {target} e
                WHERE e.{earlier} AND e.{RowHashColumn} IN (SELECT {RowHashColumn} FROM {target} WHERE {current} AND {RowHashColumn} IS NOT NULL)) p
            WHERE {target}.{current} AND {target}.{RowHashColumn} = p.h AND {target}.{RowOccurrenceColumn} = p.o
            """);
        return present;
    }

    private long StoreDistinct()
    {
        var keys = string.Join(", ", _table.Key.Select(Quote));
        var on = string.Join(" AND ", _table.Key.Select(k => $"t.{Quote(k)} = s.{Quote(k)}"));
        return Execute($"""
            INSERT INTO {Quote(_table.Name)} ({Columns()}, {ImportIdColumn})
            SELECT {Columns("s.")}, {_importId}
            FROM (SELECT *, row_number() OVER (PARTITION BY {keys} ORDER BY _line) AS _first FROM {Stage}) s
            WHERE s._first = 1 AND NOT EXISTS (SELECT 1 FROM {Quote(_table.Name)} t WHERE {on})
            """);
    }

    private (long Added, long Updated) StoreUpsert()
    {
        var keys = _table.Key.Select(Quote).ToList();
        var others = _table.Columns.Where(c => !_table.Key.Contains(c.Name)).Select(c => Quote(c.Name)).ToList();
        var all = string.Join(", ", keys.Concat(others));
        var target = Quote(_table.Name);
        // Rows of one file that share a key are merged in file order: a later non-empty value wins.
        // Grouping every row by key is costly, so it is done only when some key repeats.
        var repeats = Long($"SELECT count(*) FROM (SELECT 1 FROM {Stage} GROUP BY {string.Join(", ", keys)} HAVING count(*) > 1 LIMIT 1) AS repeated") > 0;
        var incoming = repeats
            ? $"(SELECT {string.Join(", ", keys)}{string.Concat(others.Select(c => $", {_dialect.ArgMax(c, $"CASE WHEN {c} IS NOT NULL THEN _line END")} AS {c}"))} FROM {Stage} GROUP BY {string.Join(", ", keys)})"
            : $"(SELECT {all} FROM {Stage})";
        if (Long($"SELECT count(*) FROM (SELECT 1 FROM {target} LIMIT 1) AS stored") == 0)
            return (Execute($"INSERT INTO {target} ({all}, {ImportIdColumn}) SELECT {all}, {_importId} FROM {incoming} AS i"), 0);

        var on = string.Join(" AND ", keys.Select(k => $"i.{k} IS NOT DISTINCT FROM t.{k}"));
        var merged = string.Concat(others.Select(c => $", coalesce(i.{c}, t.{c}) AS {c}"));
        var same = string.Concat(others.Select(c => $" AND coalesce(i.{c}, t.{c}) IS NOT DISTINCT FROM t.{c}"));
        const string Merge = "clientele_merge";
        foreach (var statement in _dialect.ReplaceTempTable(Merge, $"""
            SELECT {string.Join(", ", keys.Select(k => "i." + k))}{merged},
                   t._present IS NOT NULL AS existed,
                   t._present IS NOT NULL{same} AS unchanged
            FROM {incoming} i LEFT JOIN (SELECT *, true AS _present FROM {target}) t ON {on}
            """))
        {
            Execute(statement);
        }
        var added = Long($"SELECT count(*) FROM {Merge} WHERE NOT existed");
        var updated = Long($"SELECT count(*) FROM {Merge} WHERE existed AND NOT unchanged");
        if (updated > 0)
        {
            var match = string.Join(" AND ", keys.Select(k => $"{target}.{k} IS NOT DISTINCT FROM m.{k}"));
            Execute($"DELETE FROM {target} USING {Merge} m WHERE m.existed AND NOT m.unchanged AND {match}");
        }
        Execute($"INSERT INTO {target} ({all}, {ImportIdColumn}) SELECT {all}, {_importId} FROM {Merge} WHERE NOT unchanged");
        Execute($"DROP TABLE {Merge}");
        return (added, updated);
    }

    private long CreateCustomers(DbConnection connection, string source)
    {
        if (_table.CustomerColumns.Count == 0) return 0;
        var named = string.Join(" UNION ALL ", _table.CustomerColumns.Select(c => $"SELECT {Quote(c)} AS id FROM {source}"));
        // The ids named are taken first, so the plan knows how few they are: inside the import's transaction DuckDB guessed
        // otherwise and built the anti join's hash table over every customer (0.2-0.6 s at a million for an event's one
        // customer). A few ids then narrow the customers to theirs first (the customers' zone maps skip the rest: 5-9 ms);
        // a file's million ids are compared with every customer at once, as before (narrowing would cost three times more).
        const string Named = "clientele_named";
        foreach (var statement in _dialect.ReplaceTempTable(Named, $"SELECT DISTINCT id FROM ({named}) AS named WHERE id IS NOT NULL"))
            Execute(connection, statement);
        var ids = Long(connection, $"SELECT count(*) FROM {Named}");
        // Many ids get statistics (PostgreSQL keeps none for a temporary table): planned as a handful, 50,923 ids of a million
        // customers' supply links were looked up one by one on every shard of a sharded workspace (24 s; 0.65 s with them).
        if (ids >= AnalyzeFrom && _dialect.Analyze(Named) is { } statistics) Execute(connection, statistics);
        var customers = ids <= NarrowedIds
            ? $"(SELECT customer_id FROM customers WHERE customer_id IN (SELECT id FROM {Named}))"
            : "customers";
        var created = Execute(connection, $"""
            INSERT INTO customers (customer_id, {ImportIdColumn})
            SELECT n.id, {_importId} FROM {Named} n
            WHERE NOT EXISTS (SELECT 1 FROM {customers} AS c WHERE c.customer_id = n.id)
            ORDER BY {_dialect.OrdinalText("n.id")}
            """);
        Execute(connection, $"DROP TABLE {Named}");
        return created;
    }

    /// <summary>Up to how many ids named by an import the customers are narrowed to theirs before the anti join.</summary>
    private const long NarrowedIds = 100_000;

    private long Execute(string sql) => Execute(_connection, sql);

    private static long Execute(DbConnection connection, string sql)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var rows = command.ExecuteNonQuery();
        Live.LiveTrace.Report(sql, started);
        return rows;
    }

    private long Long(string sql) => Long(_connection, sql);

    private static long Long(DbConnection connection, string sql)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        Live.LiveTrace.Report(sql, started);
        return value;
    }
}
