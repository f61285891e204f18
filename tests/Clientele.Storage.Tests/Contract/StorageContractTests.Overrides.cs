using Clientele.Classification;

namespace Clientele.Storage.Tests.Contract;

/// <summary>The contract's overrides (<see cref="OverrideTable"/>).</summary>
public abstract partial class StorageContractTests
{
    private Workspace WorkspaceWithCustomers()
    {
        var workspace = NewWorkspace();
        workspace.Execute("INSERT INTO customers (customer_id, name) VALUES ('C1', 'Ada'), ('C2', 'Bolt')");
        return workspace;
    }

    [Fact]
    public void An_override_is_stored_canonically_replaced_listed_and_removed()
    {
        using var workspace = WorkspaceWithCustomers();
        var stored = OverrideTable.Set(workspace, "C1", "value-class", "bzc", " brings traffic ", "ana", Monday);
        Assert.Equal(new Override("C1", Dimensions.ValueClass, "BZC", "brings traffic", "ana", Monday), stored);
        OverrideTable.Set(workspace, "C1", "value_class", "MVC", "prestige customer", null, Monday.AddDays(1));
        OverrideTable.Set(workspace, "C1", "ladder", "advocate", "spoke at our conference", "ana", Monday);
        OverrideTable.Set(workspace, "C2", "segment", "Retail/Students", "our own call", null, Monday);

        Assert.Equal(
            [
                new Override("C1", Dimensions.Ladder, "advocate", "spoke at our conference", "ana", Monday),
                new Override("C1", Dimensions.ValueClass, "MVC", "prestige customer", null, Monday.AddDays(1)),
                new Override("C2", Dimensions.Segment, "Retail/Students", "our own call", null, Monday),
            ],
            OverrideTable.All(workspace));
        Assert.Equal("MVC", OverrideTable.Find(workspace, "C1", "value_class")!.Class);

        Assert.True(OverrideTable.Remove(workspace, "C1", "value-class"));
        Assert.False(OverrideTable.Remove(workspace, "C1", "value_class"));
        Assert.Null(OverrideTable.Find(workspace, "C1", "value_class"));
        Assert.Equal(2, OverrideTable.All(workspace).Count);
    }

    [Fact]
    public void An_override_of_an_unknown_customer_dimension_or_class_is_refused_and_nothing_is_stored()
    {
        using var workspace = WorkspaceWithCustomers();
        Assert.Throws<NotFoundException>(() => OverrideTable.Set(workspace, "c1", "ladder", "advocate", "ids are exact", null, Monday));
        Assert.Contains("unknown dimension", Assert.Throws<WorkspaceException>(() =>
            OverrideTable.Set(workspace, "C1", "mood", "happy", "no such dimension", null, Monday)).Message, StringComparison.Ordinal);
        Assert.Contains("unknown class", Assert.Throws<WorkspaceException>(() =>
            OverrideTable.Set(workspace, "C1", "value_class", "XYZ", "no such class", null, Monday)).Message, StringComparison.Ordinal);
        Assert.Contains("--reason is empty", Assert.Throws<WorkspaceException>(() =>
            OverrideTable.Set(workspace, "C1", "value_class", "BZC", "  ", null, Monday)).Message, StringComparison.Ordinal);
        Assert.Empty(OverrideTable.All(workspace));
    }
}
