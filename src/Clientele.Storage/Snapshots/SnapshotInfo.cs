namespace Clientele.Storage.Snapshots;

/// <summary>One stored analysis.</summary>
/// <param name="AsOf">The as-of date the customers were classified at (one snapshot per date).</param>
/// <param name="CreatedAt">When the analysis ran (UTC).</param>
/// <param name="Customers">The customers classified.</param>
/// <param name="Model">The customer-base model the scores came from, or null when none could be fitted (rules).</param>
/// <param name="LiveAt">When a live update last re-classified customers of it (UTC), or null when its rows are all the analysis's own.</param>
public sealed record SnapshotInfo(DateOnly AsOf, DateTime CreatedAt, long Customers, string? Model, DateTime? LiveAt = null);
