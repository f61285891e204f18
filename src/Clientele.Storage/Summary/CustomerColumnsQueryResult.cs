using Clientele.Classification;

namespace Clientele.Storage.Summary;

/// <summary>The columns of <see cref="CustomerColumnsQuery.Read"/> and what it had to leave out, in words.</summary>
/// <param name="Columns">The columns, for the customers of the summary in its order.</param>
/// <param name="Notes">E.g. "3 supply links name parties outside the summary (unknown or after the as-of date) and were left out."; empty when nothing was.</param>
public sealed record CustomerColumnsQueryResult(CustomerColumns Columns, IReadOnlyList<string> Notes)
{
    /// <summary>
    /// The whole base's first purchases per line, region and day, that an analysis stores for live updates
    /// (<see cref="Snapshots.SnapshotFirstPurchases"/>); empty for a part of the base.
    /// </summary>
    public IReadOnlyList<FirstPurchaseDay> FirstPurchases { get; init; } = [];
}
