namespace Clientele.Simulation.Internal;

/// <summary>Why a customer that stopped buying left, as planted (the complaint tag it leaves behind).</summary>
internal enum LostReason : byte
{
    None,
    Price,
    Quality,
    Service,
    Delivery,
    Competitor,
    NoFollowUp,
    NeedEnded,

    /// <summary>Left without a visible signal.</summary>
    Unknown,
}
