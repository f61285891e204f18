using Clientele.Classification;

namespace Clientele.Storage.Tests;

public sealed class OverrideTableTests : IDisposable
{
    private static readonly DateTime Noon = new(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private readonly TempWorkspace _temp = new();

    private Workspace Workspace => _temp.Workspace!;

    public OverrideTableTests()
    {
        var importer = new Clientele.Storage.Import.Importer(Workspace, TimeProvider.System);
        importer.Import("customers", _temp.File("c.csv", "customer_id,name\nC1,Ada\nC2,Bolt\n"), new Clientele.Storage.Import.ImportOptions(), null, TestContext.Current.CancellationToken);
    }

    [Fact]
    public void An_override_is_stored_with_the_canonical_dimension_and_class_and_setting_it_again_replaces_it()
    {
        var stored = OverrideTable.Set(Workspace, "C1", "value-class", "bzc", " brings traffic ", "ana", Noon);
        Assert.Equal(new Override("C1", Dimensions.ValueClass, "BZC", "brings traffic", "ana", Noon), stored);
        OverrideTable.Set(Workspace, "C1", "value_class", "MVC", "prestige customer", null, Noon.AddDays(1));
        OverrideTable.Set(Workspace, "C1", "ladder", "advocate", "spoke at our conference", "ana", Noon);
        var all = OverrideTable.All(Workspace);
        Assert.Equal(2, all.Count);
        Assert.Equal(new Override("C1", Dimensions.ValueClass, "MVC", "prestige customer", null, Noon.AddDays(1)), all[1]);
        Assert.Equal("advocate", OverrideTable.Find(Workspace, "C1", "ladder")!.Class);
    }

    [Fact]
    public void Open_dimensions_take_any_class()
    {
        Assert.Equal("Retail/Students", OverrideTable.Set(Workspace, "C2", "segment", "Retail/Students", "our own call", null, Noon).Class);
    }

    [Fact]
    public void Removing_an_override_says_whether_there_was_one()
    {
        OverrideTable.Set(Workspace, "C1", "ladder", "advocate", "why", null, Noon);
        Assert.True(OverrideTable.Remove(Workspace, "C1", "ladder"));
        Assert.False(OverrideTable.Remove(Workspace, "C1", "ladder"));
        Assert.Empty(OverrideTable.All(Workspace));
    }

    [Fact]
    public void Unknown_dimensions_classes_and_customers_and_empty_reasons_are_refused()
    {
        Assert.Contains("unknown dimension 'mood'", Assert.Throws<WorkspaceException>(() => OverrideTable.Set(Workspace, "C1", "mood", "x", "why", null, Noon)).Message);
        Assert.Contains("unknown class 'gold' of value_tier: choose one of small, medium, large, VIP.",
            Assert.Throws<WorkspaceException>(() => OverrideTable.Set(Workspace, "C1", "value_tier", "gold", "why", null, Noon)).Message);
        Assert.Contains("unknown customer 'C9'", Assert.Throws<NotFoundException>(() => OverrideTable.Set(Workspace, "C9", "ladder", "buyer", "why", null, Noon)).Message);
        Assert.Contains("--reason is empty", Assert.Throws<WorkspaceException>(() => OverrideTable.Set(Workspace, "C1", "ladder", "buyer", " ", null, Noon)).Message);
        Assert.Throws<WorkspaceException>(() => OverrideTable.Remove(Workspace, "C1", "mood"));
        Assert.Empty(OverrideTable.All(Workspace));
    }

    public void Dispose() => _temp.Dispose();
}
