namespace Clientele.Storage.Events;

/// <summary>
/// The event batch was not stored: the workspace is as it was. Holds the first <see cref="MaxListed"/> errors, in the
/// batch's order (list, element, field), and the total count.
/// </summary>
public sealed class EventBatchRefusedException : WorkspaceException
{
    /// <summary>How many errors are listed at most (as for a refused file).</summary>
    public const int MaxListed = Import.ImportFailedException.MaxListed;

    /// <summary>Creates the exception.</summary>
    public EventBatchRefusedException(IReadOnlyList<EventError> errors, long totalErrors)
        : base(Describe(errors, totalErrors))
    {
        Errors = errors;
        TotalErrors = totalErrors;
    }

    /// <summary>Creates the exception without details.</summary>
    public EventBatchRefusedException() : base("the events were not stored") => Errors = [];

    /// <summary>Creates the exception with a message.</summary>
    public EventBatchRefusedException(string message) : base(message) => Errors = [];

    /// <summary>Creates the exception with a message and cause.</summary>
    public EventBatchRefusedException(string message, Exception inner) : base(message, inner) => Errors = [];

    /// <summary>The first errors found.</summary>
    public IReadOnlyList<EventError> Errors { get; }

    /// <summary>How many errors the batch has in all.</summary>
    public long TotalErrors { get; }

    private static string Describe(IReadOnlyList<EventError> errors, long total)
    {
        var head = total == 1
            ? "The events were not stored: 1 error. The workspace is unchanged."
            : $"The events were not stored: {total:N0} errors{(total > errors.Count ? $", the first {errors.Count} listed" : "")}. The workspace is unchanged.";
        return string.Join(Environment.NewLine, errors.Select(e => "  " + e.Message).Prepend(head));
    }
}
