namespace Clientele.Storage.Snapshots;

/// <summary>A customer's class in one dimension and why.</summary>
/// <param name="Dimension">The dimension.</param>
/// <param name="Class">The class, or null where the dimension does not apply (a prospect has no value tier).</param>
/// <param name="Reason">The figures and thresholds that decided it, or what an override said.</param>
public sealed record DimensionClass(string Dimension, string? Class, string? Reason);
