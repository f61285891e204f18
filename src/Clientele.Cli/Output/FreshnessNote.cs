using Clientele.Storage;
using Clientele.Storage.Snapshots;

namespace Clientele.Cli.Output;

/// <summary>The line the read commands write to standard error when the latest analysis is older than the latest import.</summary>
internal static class FreshnessNote
{
    /// <summary>Writes <see cref="AnalysisFreshness.Warning"/> to standard error, when there is one; results on standard output stay as they are.</summary>
    public static void Write(CliContext context, Workspace workspace)
    {
        if (AnalysisFreshness.Read(workspace).Warning is { } warning)
            context.Error.WriteLine($"warning: {warning.Replace("Analyze again", "Run `clientele analyze`", StringComparison.Ordinal)}");
    }
}
