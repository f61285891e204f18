using Npgsql;

namespace Clientele.Storage.Tests.Postgres;

/// <summary>
/// The settings a PostgreSQL workspace's sessions run with: <c>work_mem</c> raised to what the aggregates of a large base need
/// (PostgreSQL's 4 MB default made one import statement at a million customers run for more than ten minutes), never lowered.
/// </summary>
public sealed class PostgresSessionTests(SharedPostgres postgres)
{
    [Fact]
    public void A_workspace_session_gets_at_least_the_work_memory_its_aggregates_need()
    {
        var url = postgres.Server.NewDatabaseUrl();
        using var workspace = Workspace.Create(url);
        Assert.Equal("4MB", ServerDefault(url));
        Assert.Equal($"{Clientele.Storage.Postgres.PostgresDatabase.WorkMemoryMegabytes}MB", WorkMemory(workspace));
        // A second connection from the pool (reset when the first was returned) gets it again.
        using var again = Workspace.Open(url);
        Assert.Equal($"{Clientele.Storage.Postgres.PostgresDatabase.WorkMemoryMegabytes}MB", WorkMemory(again));
    }

    [Fact]
    public void A_database_set_to_more_work_memory_keeps_it()
    {
        var url = postgres.Server.NewDatabaseUrl();
        using (var workspace = Workspace.Create(url)) { }
        var database = url[(url.LastIndexOf('/') + 1)..];
        using (var admin = new NpgsqlConnection($"Host=127.0.0.1;Port={postgres.Server.Port};Username=postgres;Database=postgres"))
        {
            admin.Open();
            using var alter = new NpgsqlCommand($"ALTER DATABASE {database} SET work_mem = '1GB'", admin);
            alter.ExecuteNonQuery();
        }
        NpgsqlConnection.ClearAllPools();
        using var opened = Workspace.Open(url);
        Assert.Equal("1GB", WorkMemory(opened));
    }

    private static string WorkMemory(Workspace workspace)
    {
        using var command = workspace.Command("SELECT current_setting('work_mem')");
        return (string)command.ExecuteScalar()!;
    }

    /// <summary>The server's own default, from a plain connection that is not a workspace's.</summary>
    private string ServerDefault(string url)
    {
        var database = url[(url.LastIndexOf('/') + 1)..];
        using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={postgres.Server.Port};Username=postgres;Database={database};Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand("SELECT current_setting('work_mem')", connection);
        return (string)command.ExecuteScalar()!;
    }
}
