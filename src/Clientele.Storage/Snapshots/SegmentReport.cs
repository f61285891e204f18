namespace Clientele.Storage.Snapshots;

/// <summary>The classes of one dimension in a snapshot, compared with the previous snapshot.</summary>
/// <param name="Dimension">The dimension.</param>
/// <param name="AsOf">The snapshot.</param>
/// <param name="PreviousAsOf">The snapshot growth is measured against, or null when this is the first.</param>
/// <param name="Customers">All customers of the snapshot (the denominator of the shares).</param>
/// <param name="Classes">Closed sets in their order, open ones largest first; classes only the previous snapshot had are included with 0 customers.</param>
/// <param name="Nodes">For the segment dimension, the structure map with targets, by path; otherwise empty.</param>
public sealed record SegmentReport(
    string Dimension, DateOnly AsOf, DateOnly? PreviousAsOf, long Customers, IReadOnlyList<SegmentClass> Classes, IReadOnlyList<SegmentNode> Nodes)
{
    /// <summary>The workspace's currency (ISO 4217 code) for every amount of money in this answer, or null when the workspace names none (<c>clientele currency</c>).</summary>
    public string? Currency { get; init; }
}
