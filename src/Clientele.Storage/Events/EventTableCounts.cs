namespace Clientele.Storage.Events;

/// <summary>What storing an event batch did to one table.</summary>
/// <param name="Table">The canonical table.</param>
/// <param name="Received">Rows the batch gave for it.</param>
/// <param name="Added">New rows stored.</param>
/// <param name="AlreadyPresent">Rows stored already (by id, or by content for rows without one), so added nothing.</param>
public sealed record EventTableCounts(string Table, long Received, long Added, long AlreadyPresent);
