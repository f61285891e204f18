namespace Clientele.Storage;

/// <summary>The thing asked for does not exist (a customer, an override, a user): a 404 over the API.</summary>
public sealed class NotFoundException : WorkspaceException
{
    /// <summary>Creates the exception with its message.</summary>
    public NotFoundException(string message) : base(message) { }

    /// <summary>Creates the exception with its message and cause.</summary>
    public NotFoundException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates the exception with a generic message.</summary>
    public NotFoundException() : base("not found") { }
}
