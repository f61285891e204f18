namespace Clientele.Classification;

/// <summary>The thresholds of ChurnStatus, with their defaults (documented in docs/classification.md).</summary>
public sealed record ChurnStatusOptions
{
}
