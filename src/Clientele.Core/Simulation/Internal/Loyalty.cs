namespace Clientele.Simulation.Internal;

/// <summary>The relationship a buying party has with us, as planted (the ladder's top rungs).</summary>
internal enum Loyalty : byte
{
    /// <summary>An ordinary repeat customer.</summary>
    Regular,

    /// <summary>Strong, lasting relationship, high share of wallet, but does not recommend us.</summary>
    Supporter,

    /// <summary>Recommends us, gives promoter scores, adopts new lines early.</summary>
    Advocate,
}
