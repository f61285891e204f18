using System.Data.Common;
using System.Globalization;
using Clientele.Storage.DuckDb;
using Clientele.Storage.Postgres;
using Clientele.Storage.Schema;
using Clientele.Tables;
using DuckDB.NET.Data;

namespace Clientele.Storage;

/// <summary>
/// A Clientele workspace: the canonical tables, the record of imports, the analyses' snapshots and the server's users,
/// in one DuckDB file or in a PostgreSQL database named by a URL (<c>postgres://user@host:port/database</c>). A DuckDB
/// file is opened once per process (DuckDB allows one writing process per file); further connections for other threads
/// come from <see cref="Connect()"/>. Storage code reaches either engine through <see cref="Db"/> (ADO.NET's base types),
/// <see cref="Command"/> and <see cref="Dialect"/> (what the engines spell differently).
/// </summary>
public sealed class Workspace : IDisposable
{
    /// <summary>The file name used when neither <c>--workspace</c> nor <c>CLIENTELE_WORKSPACE</c> is given.</summary>
    public const string DefaultFileName = "clientele.duckdb";

    /// <summary>The environment variable naming the workspace.</summary>
    public const string EnvironmentVariable = "CLIENTELE_WORKSPACE";

    private Workspace(string location, string path, DbConnection db, SqlDialect dialect)
    {
        _location = location;
        Path = path;
        Db = db;
        Dialect = dialect;
    }

    /// <summary>The location as given (a PostgreSQL URL with its password), to connect again.</summary>
    private readonly string _location;

    /// <summary>The full path of the workspace file, or the URL of its PostgreSQL database without the password.</summary>
    public string Path { get; }

    /// <summary>Whether the workspace is a PostgreSQL database rather than a DuckDB file.</summary>
    public bool IsPostgres => Dialect is PostgresDialect;

    /// <summary>The open connection, as ADO.NET's base type: the code ported to both engines uses this.</summary>
    internal DbConnection Db { get; }

    /// <summary>What the workspace's engine spells differently.</summary>
    internal SqlDialect Dialect { get; }

    /// <summary>
    /// The open connection of a DuckDB workspace, for the code that is not yet ported to PostgreSQL (DuckDB's appender,
    /// its CSV reader, its SQL). On a PostgreSQL workspace it refuses with a message for the user rather than failing inside.
    /// </summary>
    /// <exception cref="NotOnPostgresException">The workspace is a PostgreSQL database.</exception>
    internal DuckDBConnection Connection => Db as DuckDBConnection
        ?? throw new NotOnPostgresException($"{Path} is a PostgreSQL workspace, and this does not run on a PostgreSQL workspace in this build yet (docs/postgres.md lists what does).");

    /// <summary>Whether a workspace location is a PostgreSQL URL (<c>postgres://</c> or <c>postgresql://</c>) rather than a file path.</summary>
    public static bool IsDatabaseUrl(string? location) => PostgresUrl.IsUrl(location);

    /// <summary>
    /// The workspace location: the option if given, else the environment variable, else <see cref="DefaultFileName"/>. A file
    /// path is made full (a relative one from <paramref name="currentDirectory"/>, by default the process's); a PostgreSQL URL
    /// is returned as given.
    /// </summary>
    public static string ResolvePath(string? option, string? environmentValue, string? currentDirectory = null)
    {
        var path = !string.IsNullOrWhiteSpace(option) ? option
            : !string.IsNullOrWhiteSpace(environmentValue) ? environmentValue
            : DefaultFileName;
        if (IsDatabaseUrl(path)) return path.Trim();
        return currentDirectory is null ? System.IO.Path.GetFullPath(path) : System.IO.Path.GetFullPath(path, currentDirectory);
    }

    /// <summary>
    /// Creates a new workspace; refuses when the file exists, or the database holds a workspace already. A PostgreSQL
    /// database that does not exist is created first (the URL's user needs the right to).
    /// </summary>
    public static Workspace Create(string path)
    {
        if (IsDatabaseUrl(path)) return CreateInDatabase(PostgresUrl.Parse(path), path);
        path = System.IO.Path.GetFullPath(path);
        if (File.Exists(path))
            throw new WorkspaceException($"{path} exists already; open it, or choose another path with --workspace.");
        var directory = System.IO.Path.GetDirectoryName(path);
        if (directory is not null && !Directory.Exists(directory))
            throw new WorkspaceException($"cannot create {path}: the folder {directory} does not exist.");
        var connection = DuckDbFile.Connect(path);
        try
        {
            WorkspaceSchema.Create(connection, DuckDbDialect.Instance);
        }
        catch
        {
            connection.Dispose();
            Delete(path);
            throw;
        }
        return new Workspace(path, path, connection, DuckDbDialect.Instance);
    }

    private static Workspace CreateInDatabase(PostgresUrl url, string location)
    {
        if (!PostgresDatabase.Exists(url)) PostgresDatabase.Create(url);
        var connection = PostgresDatabase.Connect(url);
        try
        {
            if (WorkspaceSchema.TableExists(connection, PostgresDialect.Instance, WorkspaceSchema.MetaTable))
                throw new WorkspaceException($"{url.Display} holds a workspace already; open it, or name another database with --workspace.");
            // One transaction: a failure leaves the database as it was.
            WorkspaceSchema.CreateInTransaction(connection, PostgresDialect.Instance, ShardedSchema.InOneDatabase);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        return new Workspace(location, url.Display, connection, PostgresDialect.Instance);
    }

    /// <summary>
    /// Removes a workspace file and its write-ahead log, for a workspace that a failed command has just created (a first
    /// import that fails leaves no empty workspace behind). Close it first. A PostgreSQL database is never dropped by
    /// Clientele: nothing happens for a URL.
    /// </summary>
    public static void Delete(string path)
    {
        if (IsDatabaseUrl(path)) return;
        DuckDbFile.Delete(System.IO.Path.GetFullPath(path));
    }

    /// <summary>Opens an existing workspace, upgrading an older schema; refuses a missing file or database.</summary>
    public static Workspace Open(string path)
    {
        if (IsDatabaseUrl(path)) return OpenDatabase(PostgresUrl.Parse(path), path);
        path = System.IO.Path.GetFullPath(path);
        if (!File.Exists(path))
            throw new WorkspaceException($"no workspace at {path}. Create one with `clientele init`, or name another with --workspace or {EnvironmentVariable}.");
        var connection = DuckDbFile.Connect(path);
        try
        {
            WorkspaceSchema.EnsureCurrent(connection, DuckDbDialect.Instance, path);
            Import.ValidatedRows.DeleteLeftovers(path);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        return new Workspace(path, path, connection, DuckDbDialect.Instance);
    }

    private static Workspace OpenDatabase(PostgresUrl url, string location)
    {
        var connection = PostgresDatabase.Connect(url);
        try
        {
            WorkspaceSchema.EnsureCurrent(connection, PostgresDialect.Instance, url.Display);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        return new Workspace(location, url.Display, connection, PostgresDialect.Instance);
    }

    /// <summary>
    /// Another connection to this open workspace, for work on another thread (one web request). DuckDB shares the open
    /// database between the connections of a process, and Npgsql pools PostgreSQL's, so this is cheap and sees what the
    /// others committed; the schema was checked when this workspace was opened. Dispose it when done.
    /// </summary>
    public Workspace Connect() => new(_location, Path,
        IsPostgres ? PostgresDatabase.Connect(PostgresUrl.Parse(_location)) : DuckDbFile.Connect(Path), Dialect);

    /// <summary>Whether a workspace is at the location: the file exists, or the database exists and holds one.</summary>
    /// <exception cref="WorkspaceException">The PostgreSQL server cannot be reached.</exception>
    public static bool Exists(string path)
    {
        if (!IsDatabaseUrl(path)) return File.Exists(System.IO.Path.GetFullPath(path));
        var url = PostgresUrl.Parse(path);
        if (!PostgresDatabase.Exists(url)) return false;
        using var connection = PostgresDatabase.Connect(url);
        return WorkspaceSchema.TableExists(connection, PostgresDialect.Instance, WorkspaceSchema.MetaTable);
    }

    /// <summary>Opens the workspace, creating it first when the file (or the database's workspace) does not exist.</summary>
    public static Workspace OpenOrCreate(string path, out bool created)
    {
        created = !Exists(path);
        return created ? Create(path) : Open(path);
    }

    /// <summary>The schema version of the open workspace.</summary>
    public int SchemaVersion => int.Parse(Scalar<string>("SELECT value FROM clientele_meta WHERE key = 'schema_version'")!, CultureInfo.InvariantCulture);

    /// <summary>The number of rows of every canonical table, in catalogue order.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> CountRows()
    {
        var counts = new List<KeyValuePair<string, long>>();
        foreach (var table in CanonicalTables.All)
            counts.Add(new(table.Name, Scalar<long>($"SELECT count(*) FROM {WorkspaceSchema.Quote(table.Name)}")));
        return counts;
    }

    /// <summary>Every import recorded in the workspace, oldest first.</summary>
    public IReadOnlyList<ImportRecord> Imports() => ImportRecord.ReadAll(this);

    /// <summary>A value stored in the workspace's metadata, or null.</summary>
    public string? Meta(string key)
    {
        using var command = Command("SELECT value FROM clientele_meta WHERE key = $key", ("key", key));
        return command.ExecuteScalar() as string;
    }

    /// <summary>Stores a value in the workspace's metadata.</summary>
    public void SetMeta(string key, string value)
    {
        using var command = Command("INSERT INTO clientele_meta VALUES ($key, $value) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            ("key", key), ("value", value));
        command.ExecuteNonQuery();
    }

    /// <summary>Removes a value from the workspace's metadata (nothing happens when it is absent).</summary>
    public void DeleteMeta(string key)
    {
        using var command = Command("DELETE FROM clientele_meta WHERE key = $key", ("key", key));
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// A command on <see cref="Db"/>: <paramref name="sql"/> with its parameters spelled <c>$name</c>, as the engine's
    /// provider takes them (<see cref="SqlDialect.Statement"/>). Dispose it when done.
    /// </summary>
    internal DbCommand Command(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var command = Db.CreateCommand();
        command.CommandText = Dialect.Statement(sql);
        foreach (var (name, value) in parameters) command.Parameters.Add(Dialect.Parameter(name, value));
        return command;
    }

    /// <summary>
    /// A path for a temporary file of this workspace's commands: beside a DuckDB file, named so that opening the workspace
    /// again deletes what a killed process left (<see cref="Import.ValidatedRows.TemporaryPrefix"/>); in the system's
    /// temporary folder for a PostgreSQL workspace, which has no folder of its own.
    /// </summary>
    internal string TemporaryFile(string name) => IsPostgres
        ? System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"clientele-{Guid.NewGuid():N}-{name}")
        : System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path)!, Import.ValidatedRows.TemporaryPrefix(Path) + name);

    /// <summary>
    /// DuckDB's memory while a command reads or writes the whole base (an import, an analysis): beyond it DuckDB spills to disk
    /// (beside the workspace's file). Without a limit it would take up to 80% of the machine's memory: an import of 95 million
    /// order lines held 11 GB (docs/benchmarks.md).
    /// </summary>
    public const int EngineMemoryLimitMegabytes = 3_072;

    /// <summary>
    /// Bounds the engine's memory and threads (DuckDB's, for the whole database; a PostgreSQL server's are its administrator's), or
    /// returns them to the defaults (the threads: as many as the machine's cores).
    /// </summary>
    internal void LimitEngineMemory(int? megabytes, int? threads = null)
    {
        foreach (var statement in Dialect.MemoryLimit(megabytes, threads))
        {
            try
            {
                Execute(statement);
            }
            catch (Exception e) when (OutOfResourcesException.IsEngineMemory(e))
            {
                // DuckDB holds more than the lower limit and cannot give it back (it says "could not free up enough memory for the
                // new limit"): the limit stays as it was, which only costs memory.
            }
        }
    }

    internal void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }

    /// <summary>The first column's texts of the rows <paramref name="sql"/> reads (ids, mostly), in the order it gives them.</summary>
    internal List<string> Texts(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var command = Command(sql, parameters);
        using var reader = command.ExecuteReader();
        var texts = new List<string>();
        while (reader.Read()) texts.Add(reader.GetString(0));
        return texts;
    }

    internal T? Scalar<T>(string sql)
    {
        using var command = Command(sql);
        var value = command.ExecuteScalar();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public void Dispose() => Db.Dispose();
}
