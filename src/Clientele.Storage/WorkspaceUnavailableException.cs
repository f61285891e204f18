using Clientele.Storage.Postgres;

namespace Clientele.Storage;

/// <summary>
/// A PostgreSQL workspace's server (or one of a sharded workspace's shards) cannot be reached, or went away while a command
/// ran: stopped, restarted, crashed, the network cut, or the session ended by an administrator (<c>pg_terminate_backend</c>).
/// Neither the user's input nor a bug, but the server's state: the command may be run again once the server answers. The CLI
/// exits with a code of its own for it, the server answers 503 Service Unavailable; each prints <see cref="Exception.Message"/>.
/// </summary>
public sealed class WorkspaceUnavailableException : WorkspaceException
{
    /// <summary>Creates the exception with a message for the user and the failure of the connection.</summary>
    public WorkspaceUnavailableException(string message, Exception inner) : base(message, inner) { }

    /// <summary>
    /// The exception <paramref name="e"/> is for the user when it is a lost connection to the workspace at
    /// <paramref name="workspace"/> (a PostgreSQL URL, shown without its password, or a file path), else null. Every change
    /// is one transaction, which the server rolls back when its session ends, and the message says so; an import on a
    /// sharded workspace whose connection was lost after some of its shards had committed says what those hold instead.
    /// </summary>
    public static WorkspaceUnavailableException? From(Exception e, string workspace)
    {
        if (e is WorkspaceUnavailableException known) return known;
        if (PostgresFailure.LostConnection(e) is not { } lost) return null;
        var where = Workspace.IsDatabaseUrl(workspace) ? PostgresUrl.Parse(workspace).Display : workspace;
        var outcome = PostgresFailure.PartlyCommitted(e) ?? "A change the command was making was rolled back as a whole: nothing of it was stored.";
        return new WorkspaceUnavailableException($"lost the connection to {where}: {PostgresFailure.FirstLine(lost)}. {outcome} " +
                                                 "Run the command again once the server answers.", e);
    }
}
