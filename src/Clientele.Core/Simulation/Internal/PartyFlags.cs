namespace Clientele.Simulation.Internal;

/// <summary>Yes/no facts planted about a party.</summary>
[Flags]
internal enum PartyFlags : ushort
{
    None = 0,
    Organization = 1,
    Prominent = 1 << 1,
    Caller = 1 << 2,
    Leader = 1 << 3,
    Follower = 1 << 4,

    /// <summary>Needs far more service than its margin pays for (below-zero customer).</summary>
    HighMaintenance = 1 << 5,

    /// <summary>Sends suggestions (quality, range, opportunities, talent).</summary>
    Contributor = 1 << 6,
    NegativeSpreader = 1 << 7,

    /// <summary>A parent company with subsidiaries among the parties.</summary>
    GroupParent = 1 << 8,
    Referred = 1 << 9,
}
