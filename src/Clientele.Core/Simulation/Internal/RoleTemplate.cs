namespace Clientele.Simulation.Internal;

/// <summary>A buying role a kind of job tends to hold: with what probability and how strongly.</summary>
/// <param name="Role">Index into <see cref="Clientele.Tables.CanonicalTables.BuyingRoles"/>.</param>
/// <param name="Probability">Chance the contact holds the role (the first role of a kind of job always 1).</param>
/// <param name="Low">Lowest weight.</param>
/// <param name="High">Highest weight (at most 1).</param>
internal readonly record struct RoleTemplate(int Role, double Probability, double Low, double High);
