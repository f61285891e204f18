namespace Clientele.Storage;

/// <summary>
/// What a PostgreSQL workspace cannot do yet in this build: the code asked for DuckDB's own connection
/// (<see cref="Workspace.Connection"/>), which only a DuckDB workspace has. Not the user's mistake, and not a failure: the
/// server answers it as 501 Not Implemented, the CLI and the dashboard show its message (docs/postgres.md lists what runs).
/// </summary>
public sealed class NotOnPostgresException : WorkspaceException
{
    /// <summary>Creates the exception with a message for the user.</summary>
    public NotOnPostgresException(string message) : base(message) { }
}
