namespace Clientele.Storage.Snapshots;

/// <summary>A person's role in an organization's purchases (payer, user, beneficiary, decider, promoter, stimulator).</summary>
/// <param name="ContactId">The contact.</param>
/// <param name="ContactName">The contact's name, or null.</param>
/// <param name="Title">The contact's job title, or null.</param>
/// <param name="Role">The buying role.</param>
/// <param name="Weight">The role's weight for this person, 0 to 1.</param>
/// <param name="Inferred">Whether the role was inferred (from the title or interactions) rather than recorded.</param>
public sealed record ContactRole(string ContactId, string? ContactName, string? Title, string Role, double Weight, bool Inferred);
