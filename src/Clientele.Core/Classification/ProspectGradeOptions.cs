namespace Clientele.Classification;

/// <summary>The thresholds of ProspectGrade, with their defaults (documented in docs/classification.md).</summary>
public sealed record ProspectGradeOptions
{
}
