namespace Clientele.Classification;

/// <summary>
/// Who holds which buying role at which organization, as a long table of aligned arrays: row <c>k</c> says contact
/// <c>ContactIndex[k]</c> of customer <c>CustomerIndex[k]</c> holds <c>Role[k]</c> with <c>Weight[k]</c>. Rows are ordered by
/// customer, then contact, then role (payer, user, beneficiary, decider, promoter, stimulator); a contact holds a role at
/// most once.
/// </summary>
/// <param name="CustomerIndex">Index into <see cref="CustomerColumns"/>.</param>
/// <param name="ContactIndex">Index into <see cref="CustomerColumns.Contacts"/>.</param>
/// <param name="Role">payer, user, beneficiary, decider, promoter or stimulator.</param>
/// <param name="Weight">0-1: the recorded weight (NaN where the data gave none), or the title rule's weight when inferred.</param>
/// <param name="Inferred">True when the role comes from the contact's job title rather than the recorded roles.</param>
public sealed record BuyingRoleHolders(int[] CustomerIndex, int[] ContactIndex, string[] Role, double[] Weight, bool[] Inferred)
{
    /// <summary>The number of rows.</summary>
    public int Count => CustomerIndex.Length;
}
