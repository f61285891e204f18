namespace Clientele.Classification;

/// <summary>The thresholds of ValueTier, with their defaults (documented in docs/classification.md).</summary>
public sealed record ValueTierOptions
{
}
