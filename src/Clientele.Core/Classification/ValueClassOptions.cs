namespace Clientele.Classification;

/// <summary>The thresholds of ValueClass, with their defaults (documented in docs/classification.md).</summary>
public sealed record ValueClassOptions
{
}
