namespace Clientele.Classification;

/// <summary>The thresholds of StrategyMatrix, with their defaults (documented in docs/classification.md).</summary>
public sealed record StrategyMatrixOptions
{
}
