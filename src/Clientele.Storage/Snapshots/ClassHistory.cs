namespace Clientele.Storage.Snapshots;

/// <summary>A customer's classes in one snapshot.</summary>
/// <param name="AsOf">The snapshot.</param>
/// <param name="Classes">The class of each dimension of <see cref="Classification.Dimensions.All"/>, in that order.</param>
public sealed record ClassHistory(DateOnly AsOf, IReadOnlyList<string?> Classes);
