namespace Clientele.Simulation.Internal;

/// <summary>The interaction kinds the simulator writes, in the order of <see cref="Clientele.Tables.CanonicalTables.InteractionKinds"/>.</summary>
internal enum InteractionKind : byte
{
    Inquiry,
    Visit,
    Trial,
    Quote,
    Opportunity,
    Complaint,
    Suggestion,
    Review,
    Survey,
    Support,
    ReferralThanks,
}
