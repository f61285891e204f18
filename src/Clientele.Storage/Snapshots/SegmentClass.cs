namespace Clientele.Storage.Snapshots;

/// <summary>The customers of one class of a dimension in a snapshot.</summary>
/// <param name="Class">The class, or null for the customers the dimension does not apply to.</param>
/// <param name="Customers">How many customers hold it (for influence, each role counts the customers holding it).</param>
/// <param name="Share">Customers / all customers of the snapshot, 0 to 1.</param>
/// <param name="TotalValue">The sum of their value (past + future net value), or null when none has one.</param>
/// <param name="MeanValue">Their mean value, or null when none has one.</param>
/// <param name="Growth">The change in customers since the previous snapshot, or null when there is none.</param>
public sealed record SegmentClass(string? Class, long Customers, double Share, double? TotalValue, double? MeanValue, long? Growth);
