using Clientele.Storage.Tests;
using System.Text.RegularExpressions;
using Npgsql;

namespace Clientele.Cli.Tests.Reliability;

/// <summary>
/// A PostgreSQL workspace whose server goes away: stopped before a command, or lost in the middle of an import (its session
/// ended by <c>pg_terminate_backend</c>, or the server stopped as by a crash). Each test runs a server of its own, which it
/// stops and starts again. The command says what happened and where, exits <see cref="CliApp.Unavailable"/>, and the
/// workspace holds nothing of the change.
/// </summary>
public sealed partial class LostPostgresServerTests : IDisposable
{
    private PostgresServer? _started;
    private CliRun? _run;

    // Started by the test, not the constructor, so that a machine without PostgreSQL skips the test rather than failing it.
    private PostgresServer Server => _started ??= PostgresServer.Start();

    private CliRun Cli => _run ??= new CliRun(Server.NewDatabaseUrl());

    [Fact]
    public void A_command_on_a_workspace_whose_server_was_stopped_says_it_cannot_connect_where_and_exits_unavailable()
    {
        Assert.Equal(0, Cli.Run("init").Code);
        Assert.Equal(0, Cli.Run("status").Code); // leaves a pooled connection, which the stop breaks
        Server.Halt("fast");

        var (code, _, error) = Cli.Run("status");
        Assert.Equal(CliApp.Unavailable, code);
        Assert.StartsWith($"error: cannot connect to {Cli.Workspace}: ", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));

        Server.Resume();
        var again = Cli.Run("status");
        Assert.True(again.Code == 0, again.Error);
    }

    [Theory]
    [InlineData("terminate")]
    [InlineData("immediate")]
    public async Task An_import_whose_connection_is_lost_mid_way_says_so_exits_unavailable_and_stores_nothing(string how)
    {
        Assert.Equal(0, Cli.Run("init").Code);
        var file = KilledImport.BigOrders(Cli.Folder, 400_000);
        var database = new Uri(Cli.Workspace).AbsolutePath.TrimStart('/');
        Execute(database, "CHECKPOINT"); // the test server commits asynchronously: init's workspace must survive a crash
        var cut = Task.Run(() => CutWhileCopying(database, how), TestContext.Current.CancellationToken);

        var (code, _, printed) = Cli.Run("import", "orders", file);
        await cut.WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
        // The import's progress lines come first when the cut falls after its first batch was read; the error follows them.
        var error = string.Join('\n', printed.Split('\n').Where(line => !ProgressLine().IsMatch(line)));
        Assert.True(code == CliApp.Unavailable, $"exit {code}: {error}");
        Assert.StartsWith($"error: lost the connection to {Cli.Workspace}: ", error, StringComparison.Ordinal);
        Assert.Contains("A change the command was making was rolled back as a whole: nothing of it was stored.", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));

        if (how == "immediate") Server.Resume();
        Assert.Equal((0L, 0L, 0L), (Count(database, "orders"), Count(database, "customers"), Count(database, "imports")));
        Assert.Contains("No imports yet", Cli.Run("status").Out, StringComparison.Ordinal);
    }

    /// <summary>Waits until the import's <c>COPY</c> runs, then ends its session or stops the server as by a crash.</summary>
    private void CutWhileCopying(string database, string how)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            using (var connection = new NpgsqlConnection(Server.ConnectionString()))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND state = 'active' AND query LIKE 'COPY %'";
                command.Parameters.Add(new NpgsqlParameter { Value = database });
                if (command.ExecuteScalar() is int pid)
                {
                    if (how == "immediate")
                    {
                        connection.Close();
                        Server.Halt("immediate");
                        return;
                    }
                    // Every other session of the workspace's database, as an administrator clearing it would.
                    command.CommandText = "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()";
                    command.ExecuteScalar();
                    return;
                }
            }
            Thread.Sleep(10);
        }
        throw new TimeoutException("the import's COPY was never seen");
    }

    [GeneratedRegex(@"^import orders: \d+%")]
    private static partial Regex ProgressLine();

    private long Count(string database, string table) => (long)Execute(database, $"SELECT count(*) FROM {table}")!;

    private object? Execute(string database, string sql)
    {
        using var connection = new NpgsqlConnection(Server.ConnectionString(database));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        _run?.Dispose();
        _started?.Dispose();
    }
}
