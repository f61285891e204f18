namespace Clientele.Storage.Import;

/// <summary>
/// The file was not imported: the workspace is as it was. Holds up to <see cref="MaxListed"/> errors
/// and the total count.
/// </summary>
public sealed class ImportFailedException : WorkspaceException
{
    /// <summary>How many errors are listed at most.</summary>
    public const int MaxListed = 20;

    /// <summary>Creates the exception.</summary>
    public ImportFailedException(string file, IReadOnlyList<ImportError> errors, long totalErrors, string? hint = null)
        : base(Describe(file, errors, totalErrors, hint))
    {
        Errors = errors;
        TotalErrors = totalErrors;
    }

    /// <summary>Creates the exception without details.</summary>
    public ImportFailedException() : base("import failed") => Errors = [];

    /// <summary>Creates the exception with a message.</summary>
    public ImportFailedException(string message) : base(message) => Errors = [];

    /// <summary>Creates the exception with a message and cause.</summary>
    public ImportFailedException(string message, Exception inner) : base(message, inner) => Errors = [];

    /// <summary>The first errors found.</summary>
    public IReadOnlyList<ImportError> Errors { get; }

    /// <summary>How many errors the file has in all.</summary>
    public long TotalErrors { get; }

    private static string Describe(string file, IReadOnlyList<ImportError> errors, long total, string? hint)
    {
        var lines = new List<string>
        {
            total == 1
                ? $"{file} was not imported: 1 error. The workspace is unchanged."
                : $"{file} was not imported: {total:N0} errors{(total > errors.Count ? $", the first {errors.Count} listed" : "")}. The workspace is unchanged.",
        };
        lines.AddRange(errors.Select(e => "  " + e));
        if (hint is not null) lines.Add(hint);
        else if (errors.Any(e => e.Line > 0)) lines.Add("Fix the file or the options, or pass --skip-bad-rows to import the good rows and write the bad ones to a rejects file.");
        return string.Join(Environment.NewLine, lines);
    }
}
