namespace Clientele.Storage;

/// <summary>
/// A problem the user can fix (a missing workspace, a workspace made by a newer version, a bad option).
/// Its message is written for the user; the CLI prints it without a stack trace.
/// </summary>
public class WorkspaceException : Exception
{
    /// <summary>Creates the exception with a message for the user.</summary>
    public WorkspaceException(string message) : base(message) { }

    /// <summary>Creates the exception with a message for the user and the underlying cause.</summary>
    public WorkspaceException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates the exception without a message.</summary>
    public WorkspaceException() { }
}
