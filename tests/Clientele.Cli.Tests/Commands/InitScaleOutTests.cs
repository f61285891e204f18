using Clientele.Storage.Tests;
using Npgsql;

namespace Clientele.Cli.Tests.Commands;

/// <summary>
/// <c>clientele init --shards</c> and <c>--distributed</c> on the test run's PostgreSQL server (<see cref="SharedPostgres"/>): two
/// databases of the server are the shards, a third the coordinator. Citus is not installed here, so <c>--distributed</c> is
/// tested only for its refusal.
/// </summary>
public sealed class InitScaleOutTests(SharedPostgres postgres) : IDisposable
{
    private readonly CliRun _cli = new();
    private readonly List<string> _databases = [];

    [Fact]
    public void Init_with_shards_makes_a_workspace_whose_orders_are_imported_to_the_shards_and_summarized_from_the_coordinator()
    {
        var (coordinator, first, second) = (Database(), Database(), Database());
        var (code, output, error) = _cli.Run("init", "--shards", $"{first},{second}", "--workspace", coordinator);
        Assert.True(code == 0, error);
        Assert.Contains($"Created workspace {coordinator} (schema version ", output, StringComparison.Ordinal);
        Assert.Contains($"spread over 2 shards by a hash of the customer id; the other tables are in {coordinator}.", output, StringComparison.Ordinal);

        var orders = _cli.File("orders.csv", "order_id,customer_id,ordered_at,amount\n" +
                                             string.Concat(Enumerable.Range(1, 40).Select(i => $"O{i},C{i % 10},2025-01-{1 + i % 28:00},{i}.5\n")));
        var imported = _cli.Run("import", "orders", orders, "--workspace", coordinator);
        Assert.True(imported.Code == 0, imported.Error);
        Assert.Equal(0, _cli.Run("import", "orders", orders, "--workspace", coordinator).Code);
        // Each shard holds some of the ten customers' orders, and none twice.
        var perShard = new[] { first, second }.Select(s => Count(s, "orders")).ToList();
        Assert.Equal(40, perShard.Sum());
        Assert.All(perShard, n => Assert.InRange(n, 1, 39));

        var summary = _cli.Run("summary", "--format", "csv", "--workspace", coordinator);
        Assert.True(summary.Code == 0, summary.Error);
        Assert.Equal(11, summary.Out.Trim().Split('\n').Length);

        // The same shards again: refused before anything is made, and the coordinator is left as it was.
        var again = _cli.Run("init", "--shards", $"{first},{second}", "--workspace", Database());
        Assert.Equal(1, again.Code);
        Assert.Contains("holds tables of a workspace already", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_distributed_on_a_database_without_Citus_exits_1_saying_so_and_makes_no_workspace()
    {
        var url = Database();
        Execute("postgres", $"CREATE DATABASE \"{Name(url)}\"");
        var (code, output, error) = _cli.Run("init", "--distributed", "--workspace", url);
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.StartsWith("error: postgres://postgres@127.0.0.1:", error, StringComparison.Ordinal);
        Assert.Contains("has no Citus extension, so --distributed cannot distribute the tables: run CREATE EXTENSION citus", error, StringComparison.Ordinal);
        Assert.Equal(0L, (long)Execute(Name(url), "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")!);
    }

    private string Database()
    {
        var url = postgres.Server.NewDatabaseUrl();
        _databases.Add(url);
        return url;
    }

    private static string Name(string url) => new Uri(url).AbsolutePath.TrimStart('/');

    private long Count(string url, string table) => (long)Execute(Name(url), $"SELECT count(*) FROM {table}")!;

    private object? Execute(string database, string sql)
    {
        using var connection = new NpgsqlConnection(postgres.Server.ConnectionString(database));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        foreach (var url in _databases) postgres.Server.DropDatabase(url);
        _cli.Dispose();
    }
}
