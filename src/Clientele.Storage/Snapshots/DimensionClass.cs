namespace Clientele.Storage.Snapshots;

/// <summary>A customer's class in one dimension and why.</summary>
/// <param name="Dimension">The dimension.</param>
/// <param name="Class">The class, or null where the dimension does not apply (a prospect has no value tier).</param>
/// <param name="Reason">The figures and thresholds that decided it, or what an override said.</param>
/// <param name="Qualifier">What the class rests on where that is less than a fact, shown with it: "estimated share" for a
/// strategy class whose share of wallet comes from an estimated wallet; null otherwise.</param>
public sealed record DimensionClass(string Dimension, string? Class, string? Reason, string? Qualifier = null)
{
    /// <summary>The class as shown: "develop (estimated share)", or the class alone; null where the dimension does not apply.</summary>
    public string? Label => Class is null ? null : Qualifier is null ? Class : $"{Class} ({Qualifier})";
}
