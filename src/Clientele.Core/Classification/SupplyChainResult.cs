namespace Clientele.Classification;

/// <summary>
/// The supply-chain position of every customer (<see cref="SupplyChainPosition.Classify"/>): the class and reason,
/// and how many links down the chain from us each party sits.
/// </summary>
/// <param name="Result">
/// Per customer "direct", "indirect" or "ultimate"; null for a party that neither has completed orders with us nor
/// appears in the supply links.
/// </param>
/// <param name="Depth">
/// Per customer the number of supply links between us and the party: 0 for direct customers, 1 for a direct
/// customer's customer, and so on (the shortest path); −1 when the party is not in the chain. A party in a chain cut off
/// from our direct customers counts from the top of its own chain, whose top party is given depth 1 (its supplier,
/// not in our data, is taken to be the direct customer).
/// </param>
public sealed record SupplyChainResult(DimensionResult Result, int[] Depth)
{
    /// <summary>A direct customer's cancelled orders where it has no completed one; NaN for the others.</summary>
    public double[] Cancelled { get; init; } = [];

    /// <summary>A direct customer's returned orders where it has no completed one; NaN for the others.</summary>
    public double[] Returned { get; init; } = [];

    /// <summary>The parties a party in the chain buys from along the supply links; NaN for a party in no chain.</summary>
    public double[] Sellers { get; init; } = [];

    /// <summary>The parties a party in the chain sells on to; NaN for a party in no chain.</summary>
    public double[] SellsOn { get; init; } = [];

    /// <summary>How a party below us was reached: 0 through a seller, 1 as the top of a supply cycle, 2 as the top of its chain; NaN for the others.</summary>
    public double[] Route { get; init; } = [];

    /// <summary>1 for a party below us in a chain cut off from our direct customers, 0 for one below us in ours; NaN for the others.</summary>
    public double[] CutOff { get; init; } = [];

    /// <summary>A party below us that sells on to nobody: 1 an organization, 2 a person, 0 of unknown kind; NaN for the others.</summary>
    public double[] Party { get; init; } = [];

    /// <summary>The seller a reason names ("C12 (direct, grocery)"): the one a party below us was reached through, else the first it buys from; null where none.</summary>
    public string?[] Seller { get; init; } = [];

    /// <summary>The positions of the <paramref name="count"/> customers from index <paramref name="start"/>, in order (the depths and sellers as found over the whole graph).</summary>
    public SupplyChainResult Slice(int start, int count)
    {
        static T[] Part<T>(T[] values, int start, int count) => values.Length == 0 ? [] : values[start..(start + count)];
        return new SupplyChainResult(Result.Slice(start, count), Part(Depth, start, count))
        {
            Cancelled = Part(Cancelled, start, count),
            Returned = Part(Returned, start, count),
            Sellers = Part(Sellers, start, count),
            SellsOn = Part(SellsOn, start, count),
            Route = Part(Route, start, count),
            CutOff = Part(CutOff, start, count),
            Party = Part(Party, start, count),
            Seller = Part(Seller, start, count),
        };
    }
}
