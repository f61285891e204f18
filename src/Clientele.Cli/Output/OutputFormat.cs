namespace Clientele.Cli.Output;

/// <summary>How a listing command prints its result.</summary>
public enum OutputFormat
{
    /// <summary>A table for people.</summary>
    Table,
    /// <summary>Comma-separated values with a header.</summary>
    Csv,
    /// <summary>JSON.</summary>
    Json,
}
