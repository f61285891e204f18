using Clientele.Classification;

namespace Clientele.Core.Tests.Classification;

public sealed class AccountHierarchyTests
{
    private static CustomerColumns Columns(params int[] parents)
    {
        var columns = TestColumns.Create(parents.Length);
        parents.CopyTo(columns.ParentIndex, 0);
        return columns;
    }

    [Fact]
    public void A_parent_counts_all_descendants_and_sums_the_group_value_at_any_depth()
    {
        // 0 ← 1 ← 2, 0 ← 3; 4 stands alone.
        var columns = Columns(-1, 0, 1, 0, -1);

        var rollUp = AccountHierarchy.RollUp(columns, [10, 20, 30, 40, 50]);

        Assert.Equal([0, 0, 0, 0, 4], rollUp.TopParentIndex);
        Assert.Equal([3, 1, 0, 0, 0], rollUp.Subsidiaries);
        Assert.Equal([100, 50, 30, 40, 50], rollUp.GroupValue);
        Assert.Equal([-1, 0, 1, 0, -1], rollUp.ParentIndex);
        Assert.Empty(rollUp.Notes);
    }

    [Fact]
    public void A_cycle_is_broken_at_its_lowest_numbered_member_and_reported()
    {
        // Parents 1 → 2 → 3 → 1 (a cycle), and 0 → 3; broken at 1, so 1 ← 3 ← 2 and 3 ← 0.
        var columns = Columns(3, 2, 3, 1);

        var rollUp = AccountHierarchy.RollUp(columns, [1, 2, 4, 8]);

        Assert.Equal(-1, rollUp.ParentIndex[1]);
        Assert.Equal([1, 1, 1, 1], rollUp.TopParentIndex);
        Assert.Equal([0, 3, 0, 2], rollUp.Subsidiaries);
        Assert.Equal([1, 15, 4, 13], rollUp.GroupValue);
        Assert.Equal(["parent cycle C2 → C3 → C4 → C2 broken: C2 taken as a top parent."], rollUp.Notes);
    }

    [Fact]
    public void The_cycle_break_does_not_depend_on_where_the_walk_enters_the_cycle()
    {
        var enteredAtTwo = AccountHierarchy.RollUp(Columns(-1, 2, 1), [0, 0, 0]);
        var enteredAtOne = AccountHierarchy.RollUp(Columns(-1, 2, 1, 2), [0, 0, 0, 0]);

        Assert.Equal(-1, enteredAtTwo.ParentIndex[1]);
        Assert.Equal(-1, enteredAtOne.ParentIndex[1]);
        Assert.Equal(2, enteredAtOne.Subsidiaries[1]);
    }

    [Fact]
    public void Self_parents_unknown_parents_and_missing_values_are_repaired_and_reported()
    {
        var columns = Columns(0, 7, -5, 0);

        var rollUp = AccountHierarchy.RollUp(columns, [double.NaN, 2, 3, 4]);

        Assert.Equal([-1, -1, -1, 0], rollUp.ParentIndex);
        Assert.Equal([0, 1, 2, 0], rollUp.TopParentIndex);
        Assert.Equal([4, 2, 3, 4], rollUp.GroupValue);
        Assert.Equal(
            [
                "1 accounts named themselves as parent; ignored.",
                "2 parent links name no known customer and were ignored.",
                "1 accounts have no value (NaN); counted as 0 in group values.",
            ],
            rollUp.Notes);
    }

    [Fact]
    public void Negative_values_reduce_the_group_value()
    {
        var rollUp = AccountHierarchy.RollUp(Columns(-1, 0), [100, -250]);

        Assert.Equal(-150, rollUp.GroupValue[0]);
    }

    [Fact]
    public void No_customers_give_empty_columns()
    {
        var rollUp = AccountHierarchy.RollUp(Columns(), []);

        Assert.Empty(rollUp.TopParentIndex);
        Assert.Empty(rollUp.Notes);
    }

    [Fact]
    public void A_value_column_of_the_wrong_length_is_refused()
    {
        Assert.Throws<ArgumentException>(() => AccountHierarchy.RollUp(Columns(-1, -1), [1]));
    }

    [Fact]
    public void A_long_chain_rolls_up_to_its_top()
    {
        const int n = 100_000;
        var parents = Enumerable.Range(-1, n).ToArray();
        var values = Enumerable.Repeat(1.0, n).ToArray();

        var rollUp = AccountHierarchy.RollUp(Columns(parents), values);

        Assert.Equal(n - 1, rollUp.Subsidiaries[0]);
        Assert.Equal(n, rollUp.GroupValue[0]);
        Assert.Equal(0, rollUp.TopParentIndex[n - 1]);
    }
}
