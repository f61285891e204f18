namespace Clientele.Storage.Summary;

/// <summary>
/// One row of the population's first purchases an analysis learns (<see cref="Snapshots.SnapshotFirstPurchases"/>). With
/// <paramref name="Completed"/>: the customers whose first completed order of <paramref name="ProductLine"/> fell on
/// <paramref name="Day"/> in <paramref name="Region"/> (null: none), and the sum of those orders' amounts; for orders of
/// no line, one row, the earliest day. Without: the line's earliest returned or cancelled order (region null).
/// </summary>
/// <param name="ProductLine">The product line (null: orders of no line).</param>
/// <param name="Region">The customers' region (null: none, or a row that is not per region).</param>
/// <param name="Day">The day.</param>
/// <param name="Completed">Completed orders' first purchases, or the earliest other order.</param>
/// <param name="Customers">Customers counted.</param>
/// <param name="FirstAmount">Sum of their first orders' amounts, exact to nine places (null for the earliest-day rows).</param>
public sealed record FirstPurchaseDay(string? ProductLine, string? Region, DateOnly Day, bool Completed, long Customers, decimal? FirstAmount);
