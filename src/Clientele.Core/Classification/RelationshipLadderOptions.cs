namespace Clientele.Classification;

/// <summary>The thresholds of RelationshipLadder, with their defaults (documented in docs/classification.md).</summary>
public sealed record RelationshipLadderOptions
{
}
