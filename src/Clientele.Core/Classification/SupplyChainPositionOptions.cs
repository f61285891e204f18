namespace Clientele.Classification;

/// <summary>
/// The choices of <see cref="SupplyChainPosition"/>, with their defaults. Supply-chain position has no numeric
/// threshold: a party is direct when it has completed orders with us, and otherwise its place in the supply links
/// decides; the judgement calls are what to call an organization at the bottom of a chain and a party whose orders were
/// all cancelled or returned.
/// </summary>
public sealed record SupplyChainPositionOptions
{
    /// <summary>
    /// The class of an organization that is reached through supply links, has no orders with us and sells on to
    /// nobody we know of: "indirect" (default) or "ultimate". Default "indirect" because a business at the bottom of
    /// a chain (a shop, a hotel buying from a dealer) usually buys for resale or for use in its own business, and the
    /// end consumers it serves are simply not in our data; DOMAIN.md reserves "ultimate" for the end consumer.
    /// Persons at the bottom are always ultimate. A party whose kind is unknown is treated as a person.
    /// </summary>
    public string LeafOrganizations { get; init; } = SupplyChainPosition.Indirect;

    /// <summary>
    /// Whether a party whose orders were all cancelled or returned is direct too (it deals with us, though nothing was
    /// kept). Default false: direct means it has bought, as for the ladder, where such a party is still a prospect. The
    /// simulator's truth counts them as direct (under 1% of parties).
    /// </summary>
    public bool DirectIncludesCancelledOrReturned { get; init; }
}
