namespace Clientele.Classification;

/// <summary>The thresholds of SupplyChainPosition, with their defaults (documented in docs/classification.md).</summary>
public sealed record SupplyChainPositionOptions
{
}
