namespace Clientele.Classification;

/// <summary>
/// Account hierarchies rolled up (<see cref="AccountHierarchy.RollUp"/>): per customer its top parent, how many accounts
/// sit below it, and the value of its whole group. Arrays are aligned with <see cref="CustomerColumns"/>.
/// </summary>
/// <param name="ParentIndex">
/// The parent used, per customer: <see cref="CustomerColumns.ParentIndex"/> with unknown indices, self-parents and one
/// link of every cycle removed (−1 for none).
/// </param>
/// <param name="TopParentIndex">The root of the customer's hierarchy: the customer itself when it has no parent.</param>
/// <param name="Subsidiaries">The count of all descendants (children, their children, ...); 0 for a leaf.</param>
/// <param name="GroupValue">
/// The customer's own value plus all its descendants' (NaN values counted as 0), in the unit of the value passed in;
/// equals the own value for a leaf, so it is only informative on parents.
/// </param>
/// <param name="Notes">What was repaired: unknown parents, self-parents, each broken cycle, NaN values.</param>
public sealed record HierarchyRollUp(
    int[] ParentIndex, int[] TopParentIndex, int[] Subsidiaries, double[] GroupValue, IReadOnlyList<string> Notes)
{
    /// <summary>The roll-up of the <paramref name="count"/> customers from index <paramref name="start"/>, in order; the parents' indices stay the whole base's.</summary>
    public HierarchyRollUp Slice(int start, int count) =>
        new(ParentIndex[start..(start + count)], TopParentIndex[start..(start + count)], Subsidiaries[start..(start + count)],
            GroupValue[start..(start + count)], Notes);
}
