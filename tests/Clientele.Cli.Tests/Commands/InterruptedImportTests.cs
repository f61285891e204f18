using System.Text.Json;

namespace Clientele.Cli.Tests.Commands;

/// <summary>A <c>clientele import</c> process killed part-way leaves the workspace exactly as it was.</summary>
public sealed class InterruptedImportTests : IDisposable
{
    private readonly CliRun _cli = new();

    private Dictionary<string, long> Counts() => JsonSerializer.Deserialize<Dictionary<string, long>>(_cli.Run("status", "--format", "json").Out)!;

    [Theory]
    [InlineData("import orders: 10%")]
    [InlineData("storing")]
    public void A_killed_import_leaves_the_workspace_as_it_was(string stage)
    {
        Assert.Equal(0, _cli.Run("import", "orders", _cli.File("small.csv", "order_id,customer_id,ordered_at,amount\nS1,C1,2024-01-05,10\n")).Code);
        var before = Counts();
        KilledImport.KillDuring(_cli.Workspace, KilledImport.BigOrders(_cli.Folder, 1_500_000), stage);
        Assert.Equal(before, Counts());
        Assert.Contains("1 imports", _cli.Run("status").Out);
        Assert.Contains("small.csv", _cli.Run("status").Out);
        Assert.Empty(Directory.GetFiles(_cli.Folder, ".w.duckdb.import-*"));
    }

    public void Dispose() => _cli.Dispose();
}
