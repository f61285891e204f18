namespace Clientele.Clv;

/// <summary>
/// Data a customer-base model cannot be fitted to or evaluated on (non-finite values, T before the
/// last purchase, no repeat buyers, spend that is not positive). The message says which row and what to do.
/// </summary>
public sealed class ClvDataException : ArgumentException
{
    /// <summary>Creates the exception with a message for the user.</summary>
    public ClvDataException(string message) : base(message) { }

    /// <summary>Creates the exception without a message.</summary>
    public ClvDataException() { }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ClvDataException(string message, Exception inner) : base(message, inner) { }
}
