using Clientele.Storage.Postgres;
using Npgsql;

namespace Clientele.Storage.Tests.Postgres;

/// <summary>
/// Which failures are a lost connection (no server needed; the servers stopped, crashed and cut off are in
/// ShardedWorkspaceTests, and in the CLI's and the web server's tests).
/// </summary>
public sealed class PostgresFailureTests
{
    [Theory]
    [InlineData("08006", true)] // connection_failure (postgres_fdw, a shard lost)
    [InlineData("08001", true)] // sqlclient_unable_to_establish_sqlconnection (postgres_fdw, a shard that does not answer)
    [InlineData("57P01", true)] // admin_shutdown: a stop, pg_terminate_backend
    [InlineData("57P02", true)] // crash_shutdown
    [InlineData("57P03", true)] // cannot_connect_now: starting or stopping
    [InlineData("HV00N", true)] // fdw_unable_to_establish_connection
    [InlineData("23505", false)] // unique_violation: another change, a 409
    [InlineData("42P01", false)] // undefined_table
    [InlineData("28P01", false)] // invalid_password: the user's mistake
    [InlineData("57014", false)] // query_canceled
    public void The_server_s_error_is_a_lost_connection_only_for_the_states_of_a_connection_or_a_shutdown(string state, bool lost)
    {
        var error = new PostgresException("it failed", "FATAL", "FATAL", state);
        Assert.Equal(lost, PostgresFailure.IsConnectionLost(error));
        Assert.Equal(lost, PostgresFailure.IsConnectionLost(new AggregateException(error)));
        Assert.Equal(lost, WorkspaceUnavailableException.From(error, "postgres://ana@db.example/sales") is not null);
    }

    [Fact]
    public void A_failure_of_Npgsql_s_socket_is_a_lost_connection_and_anything_else_is_not()
    {
        Assert.True(PostgresFailure.IsConnectionLost(new NpgsqlException("Exception while reading from stream", new EndOfStreamException())));
        Assert.False(PostgresFailure.IsConnectionLost(new InvalidOperationException("a bug")));
        Assert.False(PostgresFailure.IsConnectionLost(new IOException("a file")));
        Assert.Null(WorkspaceUnavailableException.From(new WorkspaceException("a mistake"), "/tmp/w.duckdb"));
    }

    [Fact]
    public void The_message_names_the_workspace_without_its_password_and_says_what_was_rolled_back()
    {
        var lost = new NpgsqlException("Exception while writing to stream", new IOException("Broken pipe"));
        var unavailable = WorkspaceUnavailableException.From(new AggregateException(lost), "postgres://ana:s3cret@db.example:5433/sales")!;
        Assert.Equal("lost the connection to postgres://ana@db.example:5433/sales: Exception while writing to stream (Broken pipe). " +
                     "A change the command was making was rolled back as a whole: nothing of it was stored. Run the command again once the server answers.",
            unavailable.Message);
        Assert.Same(unavailable, WorkspaceUnavailableException.From(unavailable, "postgres://ana@db.example:5433/sales"));
    }
}
