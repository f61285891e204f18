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

    /// <summary>
    /// The contacts of the customers from index <paramref name="start"/> (<paramref name="count"/> of them), in order, their customer
    /// indices from 0, with the roles of those contacts; contacts of no known customer and roles of no known contact are left out.
    /// </summary>
    public ContactColumns Of(int start, int count)
    {
        var kept = new int[Count];
        var contacts = new List<int>();
        for (var c = 0; c < Count; c++)
        {
            kept[c] = -1;
            if (CustomerIndex[c] < start || CustomerIndex[c] >= start + count) continue;
            kept[c] = contacts.Count;
            contacts.Add(c);
        }
        var roles = new List<int>();
        for (var r = 0; r < RoleContact.Length; r++)
        {
            if (RoleContact[r] >= 0 && kept[RoleContact[r]] >= 0) roles.Add(r);
        }
        return new ContactColumns(
            [.. contacts.Select(c => ContactId[c])], [.. contacts.Select(c => CustomerIndex[c] - start)], [.. contacts.Select(c => Name[c])],
            [.. contacts.Select(c => Title[c])], [.. roles.Select(r => kept[RoleContact[r]])], [.. roles.Select(r => Role[r])], [.. roles.Select(r => RoleWeight[r])]);
    }
}
