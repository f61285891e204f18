using System.Globalization;
using Clientele.Storage.Schema;
using Clientele.Tables;
using DuckDB.NET.Data;

namespace Clientele.Storage;

/// <summary>
/// A Clientele workspace: one DuckDB file holding the canonical tables, the record of imports, the
/// analyses' snapshots and the server's users. Open it once per process (DuckDB allows one writing
/// process per file); further connections for other threads come from <see cref="Connect()"/>.
/// </summary>
public sealed class Workspace : IDisposable
{
    /// <summary>The file name used when neither <c>--workspace</c> nor <c>CLIENTELE_WORKSPACE</c> is given.</summary>
    public const string DefaultFileName = "clientele.duckdb";

    /// <summary>The environment variable naming the workspace.</summary>
    public const string EnvironmentVariable = "CLIENTELE_WORKSPACE";

    private Workspace(string path, DuckDBConnection connection)
    {
        Path = path;
        Connection = connection;
    }

    /// <summary>The full path of the workspace file.</summary>
    public string Path { get; }

    internal DuckDBConnection Connection { get; }

    /// <summary>
    /// The workspace path: the option if given, else the environment variable, else <see cref="DefaultFileName"/>, in full
    /// (a relative one from <paramref name="currentDirectory"/>, by default the process's).
    /// </summary>
    public static string ResolvePath(string? option, string? environmentValue, string? currentDirectory = null)
    {
        var path = !string.IsNullOrWhiteSpace(option) ? option
            : !string.IsNullOrWhiteSpace(environmentValue) ? environmentValue
            : DefaultFileName;
        return currentDirectory is null ? System.IO.Path.GetFullPath(path) : System.IO.Path.GetFullPath(path, currentDirectory);
    }

    /// <summary>Creates a new workspace; refuses when the file exists.</summary>
    public static Workspace Create(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        if (File.Exists(path))
            throw new WorkspaceException($"{path} exists already; open it, or choose another path with --workspace.");
        var directory = System.IO.Path.GetDirectoryName(path);
        if (directory is not null && !Directory.Exists(directory))
            throw new WorkspaceException($"cannot create {path}: the folder {directory} does not exist.");
        var connection = Connect(path);
        try
        {
            WorkspaceSchema.Create(connection);
        }
        catch
        {
            connection.Dispose();
            Delete(path);
            throw;
        }
        return new Workspace(path, connection);
    }

    /// <summary>
    /// Removes a workspace file and its write-ahead log, for a workspace that a failed command has just created (a first
    /// import that fails leaves no empty workspace behind). Close it first.
    /// </summary>
    public static void Delete(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        File.Delete(path);
        File.Delete(path + ".wal");
    }

    /// <summary>Opens an existing workspace, upgrading an older schema; refuses a missing file.</summary>
    public static Workspace Open(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        if (!File.Exists(path))
            throw new WorkspaceException($"no workspace at {path}. Create one with `clientele init`, or name another with --workspace or {EnvironmentVariable}.");
        var connection = Connect(path);
        try
        {
            WorkspaceSchema.EnsureCurrent(connection, path);
            Import.ValidatedRows.DeleteLeftovers(path);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        return new Workspace(path, connection);
    }

    /// <summary>
    /// Another connection to this open workspace, for work on another thread (one web request). DuckDB shares the open
    /// database between the connections of a process, so this is cheap and sees what the others committed; the schema
    /// was checked when this workspace was opened. Dispose it when done.
    /// </summary>
    public Workspace Connect() => new(Path, Connect(Path));

    /// <summary>Opens the workspace, creating it first when the file does not exist.</summary>
    public static Workspace OpenOrCreate(string path, out bool created)
    {
        created = !File.Exists(System.IO.Path.GetFullPath(path));
        return created ? Create(path) : Open(path);
    }

    private static DuckDBConnection Connect(string path)
    {
        var connection = new DuckDBConnection($"Data Source={path}");
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // Row order is never relied on (every query sorts), so inserts may run in parallel.
            command.CommandText = "SET preserve_insertion_order = false";
            command.ExecuteNonQuery();
        }
        catch (DuckDBException e)
        {
            connection.Dispose();
            if (!e.Message.Contains("lock", StringComparison.OrdinalIgnoreCase))
                throw new WorkspaceException($"cannot open {path}: {FirstLine(e.Message)}.", e);
            throw new WorkspaceException(ServingRecord.Read(path) is { } serving
                ? $"cannot open {path}: {serving.Advice()}"
                : $"cannot open {path}: {FirstLine(e.Message)}. Another process (another clientele command, such as an import) holds it; run this command again when it has finished, or stop it.", e);
        }
        return connection;
    }

    private static string FirstLine(string message) => message.Split('\n')[0].TrimEnd('.');

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
    public IReadOnlyList<ImportRecord> Imports() => ImportRecord.ReadAll(Connection);

    /// <summary>A value stored in the workspace's metadata, or null.</summary>
    public string? Meta(string key)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = "SELECT value FROM clientele_meta WHERE key = $key";
        command.Parameters.Add(new DuckDBParameter("key", key));
        return command.ExecuteScalar() as string;
    }

    /// <summary>Stores a value in the workspace's metadata.</summary>
    public void SetMeta(string key, string value)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO clientele_meta VALUES ($key, $value)";
        command.Parameters.Add(new DuckDBParameter("key", key));
        command.Parameters.Add(new DuckDBParameter("value", value));
        command.ExecuteNonQuery();
    }

    /// <summary>Removes a value from the workspace's metadata (nothing happens when it is absent).</summary>
    public void DeleteMeta(string key)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = "DELETE FROM clientele_meta WHERE key = $key";
        command.Parameters.Add(new DuckDBParameter("key", key));
        command.ExecuteNonQuery();
    }

    internal void Execute(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    internal T? Scalar<T>(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public void Dispose() => Connection.Dispose();
}
