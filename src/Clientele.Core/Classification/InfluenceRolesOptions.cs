namespace Clientele.Classification;

/// <summary>The thresholds of InfluenceRoles, with their defaults (documented in docs/classification.md).</summary>
public sealed record InfluenceRolesOptions
{
}
