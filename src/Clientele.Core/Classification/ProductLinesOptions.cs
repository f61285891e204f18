namespace Clientele.Classification;

/// <summary>The thresholds of ProductLines, with their defaults (documented in docs/classification.md).</summary>
public sealed record ProductLinesOptions
{
}
