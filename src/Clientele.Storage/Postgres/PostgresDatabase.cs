using System.Data.Common;
using Npgsql;

namespace Clientele.Storage.Postgres;

/// <summary>
/// Connections to a PostgreSQL workspace's database (Npgsql pools them), and the database itself: whether it exists,
/// and making it for <c>clientele init</c>. Failures to connect become <see cref="WorkspaceException"/>s that say where.
/// </summary>
internal static class PostgresDatabase
{
    /// <summary>PostgreSQL's error code for a database that does not exist.</summary>
    private const string NoSuchDatabase = "3D000";

    /// <summary>An open connection to the URL's database.</summary>
    /// <exception cref="WorkspaceException">The server refuses or does not answer, or the database does not exist.</exception>
    public static DbConnection Connect(PostgresUrl url)
    {
        var connection = new NpgsqlConnection(url.ConnectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            connection.Dispose();
            if (e is PostgresException { SqlState: NoSuchDatabase })
                throw new WorkspaceException($"no workspace at {url.Display}: the database {url.Database} does not exist. Create it with `clientele init`.", e);
            throw new WorkspaceException($"cannot connect to {url.Display}: {FirstLine(e)}.", e);
        }
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
        using var connection = new NpgsqlConnection(url.ConnectionStringFor("postgres"));
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {Schema.WorkspaceSchema.Quote(url.Database)}";
            command.ExecuteNonQuery();
        }
        catch (PostgresException e) when (e.SqlState == "42P04") // duplicate_database
        {
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw new WorkspaceException($"cannot create the database {url.Database} at {url.Display}: {FirstLine(e)}. " +
                                         "Create it with the server's tools (createdb), then run `clientele init` again.", e);
        }
    }

    private static string FirstLine(Exception e) => e.Message.Split('\n')[0].TrimEnd('.');
}
