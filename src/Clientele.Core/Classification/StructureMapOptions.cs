namespace Clientele.Classification;

/// <summary>The thresholds of StructureMap, with their defaults (documented in docs/classification.md).</summary>
public sealed record StructureMapOptions
{
}
