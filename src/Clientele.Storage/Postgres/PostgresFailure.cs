using Npgsql;

namespace Clientele.Storage.Postgres;

/// <summary>
/// Which failures of a PostgreSQL workspace are the server's state rather than the user's input or a bug: the connection to
/// the server (or, through <c>postgres_fdw</c>, to one of a sharded workspace's shards) refused, lost or ended by the server.
/// <see cref="WorkspaceUnavailableException.From"/> turns them into the message the CLI and the server give.
/// </summary>
internal static class PostgresFailure
{
    // The key under which an import or an analysis marks a failure that came after some of its shards had committed (ShardTransactions).
    private const string PartlyCommittedKey = "Clientele.PartlyCommitted";

    /// <summary>
    /// Whether <paramref name="e"/> (or an exception it wraps) is a lost connection: an <see cref="NpgsqlException"/> that is no
    /// <see cref="PostgresException"/> (the socket closed, reset or timed out); or the server's own error of class 08
    /// (connection_exception, which <c>postgres_fdw</c> raises as 08001 or 08006 for a shard it cannot reach), 57P01
    /// admin_shutdown (a stop, or <c>pg_terminate_backend</c>), 57P02 crash_shutdown, 57P03 cannot_connect_now (starting or
    /// stopping), or HV00N (<c>postgres_fdw</c>'s unable to establish connection).
    /// </summary>
    public static bool IsConnectionLost(Exception e) => LostConnection(e) is not null;

    /// <summary>The exception of <see cref="IsConnectionLost"/>'s lost connection in <paramref name="e"/>, or null.</summary>
    public static NpgsqlException? LostConnection(Exception e)
    {
        for (Exception? cause = e; cause is not null; cause = cause.InnerException)
        {
            if (cause is PostgresException postgres) return IsConnectionState(postgres.SqlState) ? postgres : null;
            if (cause is NpgsqlException npgsql) return npgsql;
            if (cause is AggregateException { InnerExceptions: [var first, ..] }) return LostConnection(first);
        }
        return null;
    }

    private static bool IsConnectionState(string state) =>
        state.StartsWith("08", StringComparison.Ordinal) || state is "57P01" or "57P02" or "57P03" or "HV00N";

    /// <summary>
    /// The first line of what failed, for the message: the server's own words for a <see cref="PostgresException"/> (its
    /// SQL state first, as Npgsql writes it), else Npgsql's with the cause it wraps (the socket's words).
    /// </summary>
    public static string FirstLine(Exception e)
    {
        var line = Line(e);
        return e is NpgsqlException and not PostgresException && e.InnerException is { } inner ? $"{line} ({Line(inner)})" : line;

        static string Line(Exception e) => e.Message.Split('\n')[0].Trim().TrimEnd('.');
    }

    /// <summary>
    /// The exception for a failure to connect to <paramref name="where"/> (a server's address, without its password): a
    /// <see cref="WorkspaceUnavailableException"/> when the server does not answer, else (the server refuses the user, say) a
    /// <see cref="WorkspaceException"/>.
    /// </summary>
    public static WorkspaceException CannotConnect(string where, Exception e)
    {
        var message = $"cannot connect to {where}: {FirstLine(e)}.";
        return e is TimeoutException || IsConnectionLost(e) ? new WorkspaceUnavailableException(message, e) : new WorkspaceException(message, e);
    }

    /// <summary>What an import's shards that had committed before a failure hold (<see cref="MarkPartlyCommitted"/>).</summary>
    public const string ImportPartlyCommitted =
        "The import's shards that had committed before hold its rows, which no import records: docs/scale-out.md says how to remove them.";

    /// <summary>What an analysis's shards that had committed before a failure hold (<see cref="MarkPartlyCommitted"/>).</summary>
    public const string AnalysisPartlyCommitted =
        "The shards that had committed before hold the new snapshot's rows while the coordinator keeps the snapshot it had: " +
        "analyze again to replace them (docs/scale-out.md).";

    /// <summary>
    /// Marks a failure that came after some shards had committed their transactions (<see cref="Import.ShardTransactions"/>) with
    /// <paramref name="outcome"/>, the sentence that says what those shards hold.
    /// </summary>
    public static void MarkPartlyCommitted(Exception e, string outcome) => e.Data[PartlyCommittedKey] = outcome;

    /// <summary>The sentence <see cref="MarkPartlyCommitted"/> marked the failure (or an exception it wraps) with, or null.</summary>
    public static string? PartlyCommitted(Exception e)
    {
        for (Exception? cause = e; cause is not null; cause = cause.InnerException)
            if (cause.Data[PartlyCommittedKey] is string outcome) return outcome;
        return null;
    }
}
