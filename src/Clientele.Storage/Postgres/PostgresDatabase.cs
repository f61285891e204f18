using System.Data.Common;
using Npgsql;

namespace Clientele.Storage.Postgres;

/// <summary>
/// Connections to a PostgreSQL workspace's database (Npgsql pools them), and the database itself: whether it exists,
/// and making it for <c>clientele init</c>. Failures to connect become <see cref="WorkspaceException"/>s that say where
/// (<see cref="WorkspaceUnavailableException"/> when the server does not answer).
/// </summary>
internal static class PostgresDatabase
{
    /// <summary>PostgreSQL's error code for a database that does not exist.</summary>
    private const string NoSuchDatabase = "3D000";

    /// <summary>An open connection to the URL's database.</summary>
    /// <exception cref="WorkspaceUnavailableException">The server does not answer.</exception>
    /// <exception cref="WorkspaceException">The server refuses the user, or the database does not exist.</exception>
    public static DbConnection Connect(PostgresUrl url)
    {
        try
        {
            return Open(url.ConnectionString, RaiseWorkMemory);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            if (e is PostgresException { SqlState: NoSuchDatabase })
                throw new WorkspaceException($"no workspace at {url.Display}: the database {url.Database} does not exist. Create it with `clientele init`.", e);
            throw PostgresFailure.CannotConnect(url.Display, e);
        }
    }

    /// <summary>
    /// Opens a connection (from Npgsql's pool) and runs its first statement (<see cref="RaiseWorkMemory"/> for a session of a
    /// workspace's database or shard). A pooled connection whose server went away since
    /// (stopped, restarted) fails only there, and the pool's other idle ones died with it: they are all dropped and the
    /// connection is opened once more, so the first command after a restart finds the server.
    /// </summary>
    internal static NpgsqlConnection Open(string connectionString, Action<NpgsqlConnection> first, bool again = true)
    {
        var connection = new NpgsqlConnection(connectionString);
        var opened = false;
        try
        {
            connection.Open();
            opened = true;
            first(connection);
            return connection;
        }
        catch (Exception e) when (opened && again && PostgresFailure.IsConnectionLost(e))
        {
            NpgsqlConnection.ClearPool(connection);
            connection.Dispose();
            return Open(connectionString, first, again: false);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The memory each sort or hash of a workspace's session may take before it spills, at least (PostgreSQL's <c>work_mem</c>).</summary>
    public const int WorkMemoryMegabytes = 256;

    /// <summary>
    /// Raises the session's <c>work_mem</c> to <see cref="WorkMemoryMegabytes"/> when the server's setting is lower; never lowers it.
    /// PostgreSQL's default of 4 MB makes the aggregates over a million customers spill, and PostgreSQL 15's spilled hash aggregate
    /// then ran over 40 times longer: the distinct customer ids of 19M orders took 14.7 s with 128 MB and had not finished after
    /// 600 s with 4 MB (docs/postgres.md). Set per session (and again after the pool's reset), not as a startup option, which
    /// connection poolers such as PgBouncer refuse.
    /// </summary>
    internal static void RaiseWorkMemory(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand(
            $"SELECT set_config('work_mem', '{WorkMemoryMegabytes}MB', false) WHERE pg_size_bytes(current_setting('work_mem')) < pg_size_bytes('{WorkMemoryMegabytes}MB')",
            connection);
        command.ExecuteNonQuery();
    }

    /// <summary>Whether the URL's database exists (the server answers, through its <c>postgres</c> database, whether it does).</summary>
    public static bool Exists(PostgresUrl url)
    {
        try
        {
            using var connection = Connect(url);
            return true;
        }
        catch (WorkspaceException e) when (e.InnerException is PostgresException { SqlState: NoSuchDatabase })
        {
            return false;
        }
    }

    /// <summary>Creates the URL's database (another process creating it at the same moment is no error).</summary>
    public static void Create(PostgresUrl url)
    {
        try
        {
            using var connection = Open(url.ConnectionStringFor("postgres"), connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"CREATE DATABASE {Schema.WorkspaceSchema.Quote(url.Database)}";
                command.ExecuteNonQuery();
            });
        }
        catch (PostgresException e) when (e.SqlState == "42P04") // duplicate_database
        {
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw new WorkspaceException($"cannot create the database {url.Database} at {url.Display}: {PostgresFailure.FirstLine(e)}. " +
                                         "Create it with the server's tools (createdb), then run `clientele init` again.", e);
        }
    }
}
