namespace Clientele.Simulation.Internal;

/// <summary>
/// Independent random streams: a party's draws for one purpose never shift when another purpose
/// draws more or fewer numbers, so changing, say, the interaction process leaves the orders alone.
/// </summary>
internal enum RandomStream : ulong
{
    Arrival = 1,
    Party = 2,
    Prospect = 3,
    Relations = 4,
    Names = 5,
    Contacts = 6,
    Orders = 7,
    Interactions = 8,
}
