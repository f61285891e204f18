namespace Clientele.Storage.Snapshots;

/// <summary>What <see cref="SnapshotQuery.Export"/> wrote.</summary>
/// <param name="Path">The full path of the file.</param>
/// <param name="AsOf">The snapshot exported.</param>
/// <param name="Customers">Rows written, one per customer.</param>
/// <param name="Columns">Columns written.</param>
public sealed record ExportResult(string Path, DateOnly AsOf, long Customers, int Columns);
