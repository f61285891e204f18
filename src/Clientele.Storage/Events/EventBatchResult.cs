namespace Clientele.Storage.Events;

/// <summary>What storing an event batch did.</summary>
/// <param name="ImportId">
/// The import the batch was recorded as (undo it as any import), or null when every event was stored already and nothing
/// changed: then no import is recorded.
/// </param>
/// <param name="Source">The source recorded with the import, e.g. <c>api:events</c>.</param>
/// <param name="Tables">Per table an event batch carries (<see cref="EventBatch.Tables"/>, in that order): rows received, added, already present.</param>
/// <param name="AffectedCustomers">
/// The distinct customer ids the batch names (each table's customer columns: an order's or interaction's customer, a
/// referral's referrer and referred), sorted ordinally; repeated events included, as their customers are named again.
/// </param>
/// <param name="CustomersCreated">Of those, the ids the workspace did not know and now holds as bare customers (as an import of orders creates them), sorted.</param>
/// <param name="Notes">What the stored rows mean beyond the counts, in the importer's words (e.g. product ids the products table lacks).</param>
public sealed record EventBatchResult(
    int? ImportId,
    string Source,
    IReadOnlyList<EventTableCounts> Tables,
    IReadOnlyList<string> AffectedCustomers,
    IReadOnlyList<string> CustomersCreated,
    IReadOnlyList<string> Notes)
{
    /// <summary>Whether anything was stored (an import was recorded).</summary>
    public bool Stored => ImportId is not null;

    /// <summary>
    /// The live update that followed (<see cref="Live.LiveUpdate"/>): the affected customers re-classified with the latest
    /// analysis and the classes that moved; null when nothing was stored or there is no analysis yet.
    /// </summary>
    public Live.LiveResult? Live { get; init; }
}
