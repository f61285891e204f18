using Clientele.Storage;
using Clientele.Storage.Tests;
using Npgsql;

namespace Clientele.Web.Tests;

/// <summary>
/// The demo company of <see cref="DemoCompany"/> (the same parties, imports and two analyses) in a PostgreSQL database of the
/// test run's server, made once per run; each test gets a database of its own copied from it (<c>CREATE DATABASE ... TEMPLATE</c>,
/// a file copy on the server), and drops it when done (<see cref="PostgresServer.DropDatabase"/>).
/// </summary>
public static class PostgresDemoCompany
{
    private static readonly Lock Making = new();
    private static string? _template;

    /// <summary>The URL of a new database holding the analyzed demo company.</summary>
    public static string Copy(PostgresServer server)
    {
        var template = Template(server);
        var copy = server.NewDatabaseUrl();
        using var connection = new NpgsqlConnection(server.ConnectionString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE \"{Name(copy)}\" TEMPLATE \"{Name(template)}\"";
        command.ExecuteNonQuery();
        return copy;
    }

    private static string Template(PostgresServer server)
    {
        lock (Making)
        {
            if (_template is not null) return _template;
            var url = server.NewDatabaseUrl();
            var folder = Directory.CreateTempSubdirectory("clientele-web-pg-template-").FullName;
            try
            {
                using (var workspace = Workspace.Create(url)) DemoCompany.Fill(workspace, folder);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
            // A template may have no connection open while it is copied: the pooled ones that made it are closed.
            NpgsqlConnection.ClearAllPools();
            return _template = url;
        }
    }

    private static string Name(string url) => new Uri(url).AbsolutePath.TrimStart('/');
}
