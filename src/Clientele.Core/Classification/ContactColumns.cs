namespace Clientele.Classification;

/// <summary>
/// Contacts (people at customer organizations) and the buying roles recorded for them, as columns.
/// Roles are a long table: row <c>k</c> says contact <c>RoleContact[k]</c> plays <c>Role[k]</c> with <c>RoleWeight[k]</c>.
/// </summary>
/// <param name="ContactId">The contact's id.</param>
/// <param name="CustomerIndex">Index of the contact's organization in <see cref="CustomerColumns"/>.</param>
/// <param name="Name">Name, or null.</param>
/// <param name="Title">Job title, or null.</param>
/// <param name="RoleContact">Index into the contact arrays.</param>
/// <param name="Role">payer, user, beneficiary, decider, promoter or stimulator.</param>
/// <param name="RoleWeight">0-1.</param>
public sealed record ContactColumns(
    string[] ContactId, int[] CustomerIndex, string?[] Name, string?[] Title,
    int[] RoleContact, string[] Role, double[] RoleWeight)
{
    /// <summary>No contacts.</summary>
    public static readonly ContactColumns Empty = new([], [], [], [], [], [], []);

    /// <summary>The number of contacts.</summary>
    public int Count => ContactId.Length;
}
