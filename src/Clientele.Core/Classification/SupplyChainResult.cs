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
public sealed record SupplyChainResult(DimensionResult Result, int[] Depth);
