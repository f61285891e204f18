namespace Clientele.Storage.Snapshots;

/// <summary>A customer's class for one product line (an actual customer of one line is a prospect for the others).</summary>
/// <param name="ProductLine">The product line.</param>
/// <param name="Class">The class in that line.</param>
/// <param name="Reason">Why, or null.</param>
public sealed record ProductLineClass(string ProductLine, string Class, string? Reason);
