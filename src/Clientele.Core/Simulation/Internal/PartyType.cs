namespace Clientele.Simulation.Internal;

/// <summary>What a party is to the demo company, as planted.</summary>
internal enum PartyType : byte
{
    /// <summary>Buys from us (a person or an organization).</summary>
    Buyer,

    /// <summary>An organization that buys from us in volume and sells on to retailers.</summary>
    Distributor,

    /// <summary>Engaged with us (inquiries, visits, trials, quotes); some win and then buy.</summary>
    Prospect,

    /// <summary>Known, but never bought and never engaged (perhaps one visit long ago).</summary>
    NoRelationship,

    /// <summary>An indirect customer: buys our goods from a distributor (a few also buy from us).</summary>
    Retailer,

    /// <summary>An ultimate customer: a person buying our goods from a retailer.</summary>
    Consumer,
}
