using Clientele.Storage.Tests;

namespace Clientele.Cli.Tests;

/// <summary>
/// The CLI given a PostgreSQL workspace (<c>--workspace postgres://...</c> or <c>CLIENTELE_WORKSPACE</c>): the commands
/// ported to PostgreSQL run on a real server (<see cref="SharedPostgres"/>); every other one exits 1 naming those that run,
/// before it connects, and never makes a file of the URL.
/// </summary>
public sealed class PostgresWorkspaceTests(SharedPostgres postgres) : IDisposable
{
    // Port 1 on loopback: nothing listens there, so a command that tried to connect would say it cannot.
    private const string Unreachable = "postgres://clientele@127.0.0.1:1/nowhere";

    private readonly CliRun _cli = new(Unreachable);
    private readonly List<string> _databases = [];

    [Theory]
    [InlineData("analyze", "analyze")]
    [InlineData("import", "import orders orders.csv")]
    [InlineData("customers", "customers")]
    [InlineData("demo", "demo")]
    [InlineData("serve", "serve")]
    [InlineData("model fit", "model fit --model bgnbd")]
    public void A_command_not_ported_to_PostgreSQL_exits_1_naming_the_commands_that_run_and_makes_no_file(string command, string line)
    {
        var args = line.Split(' ');
        foreach (var given in new[] { args.Append("--workspace").Append(Unreachable).ToArray(), args })
        {
            var (code, output, error) = _cli.Run(given);
            Assert.Equal(1, code);
            Assert.Equal("", output);
            Assert.StartsWith($"error: `clientele {command}` does not run on a PostgreSQL workspace in this build; " +
                              "the commands that do are `init`, `status`, `summary`, `currency`, `override`, `users reset-password`", error, StringComparison.Ordinal);
            Assert.DoesNotContain("internal error", error, StringComparison.Ordinal);
        }
        Assert.Empty(Directory.GetFileSystemEntries(Environment.CurrentDirectory, "postgres*"));
        Assert.Empty(Directory.GetFileSystemEntries(_cli.Folder));
    }

    [Fact]
    public void A_ported_command_on_a_server_that_does_not_answer_says_it_cannot_connect_and_where()
    {
        var (code, _, error) = _cli.Run("status");
        Assert.Equal(1, code);
        Assert.StartsWith("error: cannot connect to postgres://clientele@127.0.0.1:1/nowhere: ", error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(Environment.CurrentDirectory, "postgres*"));
    }

    [Fact]
    public void Init_creates_the_database_and_its_workspace_and_the_ported_commands_run_on_it()
    {
        var url = Database();
        var (code, output, error) = _cli.Run("init", "--workspace", url);
        Assert.True(code == 0, error);
        Assert.Contains($"Created workspace {url} (schema version ", output, StringComparison.Ordinal);
        Assert.Contains("is a workspace already", _cli.Run("init", "--workspace", url).Out, StringComparison.Ordinal);

        var status = _cli.Run("status", "--workspace", url);
        Assert.Equal(0, status.Code);
        Assert.Contains($"Workspace {url} (schema version", status.Out, StringComparison.Ordinal);
        Assert.Contains("No imports yet", status.Out, StringComparison.Ordinal);

        var noOrders = _cli.Run("summary", "--workspace", url);
        Assert.Equal((1, "error: the workspace has no orders"), (noOrders.Code, noOrders.Error.Split(',')[0]));
        var empty = _cli.Run("summary", "--as-of", "2025-01-01", "--format", "csv", "--workspace", url);
        Assert.Equal(0, empty.Code);
        Assert.StartsWith("customer_id,", empty.Out, StringComparison.Ordinal);

        Assert.Equal(0, _cli.Run("currency", "EUR", "--workspace", url).Code);
        Assert.Contains("Currency EUR", _cli.Run("currency", "--workspace", url).Out, StringComparison.Ordinal);

        var unknown = _cli.Run("override", "C1", "--dimension", "value_class", "--class", "BZC", "--reason", "traffic", "--workspace", url);
        Assert.Equal((1, "error: unknown customer 'C1'"), (unknown.Code, unknown.Error.Split(':')[0] + ":" + unknown.Error.Split(':')[1]));
        Assert.Equal(0, _cli.Run("override", "--list", "--workspace", url).Code);

        var reset = _cli.Run("users", "reset-password", "nobody", "--workspace", url);
        Assert.Equal(1, reset.Code);
        Assert.StartsWith("error: there is no user named 'nobody'", reset.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_database_without_a_workspace_is_refused_with_what_to_do()
    {
        var url = Database();
        var (code, _, error) = _cli.Run("status", "--workspace", url);
        Assert.Equal(1, code);
        Assert.Contains("does not exist. Create it with `clientele init`", error, StringComparison.Ordinal);
    }

    private string Database()
    {
        var url = postgres.Server.NewDatabaseUrl();
        _databases.Add(url);
        return url;
    }

    public void Dispose()
    {
        foreach (var url in _databases) postgres.Server.DropDatabase(url);
        _cli.Dispose();
    }
}
