namespace Clientele.Classification;

/// <summary>The thresholds of BuyingCenter, with their defaults (documented in docs/classification.md).</summary>
public sealed record BuyingCenterOptions
{
}
