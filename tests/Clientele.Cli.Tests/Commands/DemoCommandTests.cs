using System.Text.Json;

namespace Clientele.Cli.Tests.Commands;

/// <summary>The demo generates, imports and summarizes; running it again changes nothing; it never mixes into other data.</summary>
public sealed class DemoCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    private Dictionary<string, long> Counts() => JsonSerializer.Deserialize<Dictionary<string, long>>(_cli.Run("status", "--format", "json").Out)!;

    [Fact]
    public void The_demo_fills_every_table_and_prints_an_overview_and_a_second_run_adds_nothing()
    {
        var (code, output, error) = _cli.Run("demo", "--customers", "400", "--seed", "7");
        Assert.True(code == 0, error);
        Assert.Contains("The customer base as of 2025-12-31", output);
        Assert.Contains("who have bought", output);
        var counts = Counts();
        foreach (var table in new[] { "customers", "products", "contacts", "buying_roles", "orders", "interactions", "referrals", "supply_links", "targets", "truth_customers", "truth_contacts" })
            Assert.True(counts[table] > 0, $"{table} is empty");
        Assert.Equal(400, counts["customers"]);

        var again = _cli.Run("demo", "--customers", "400", "--seed", "7");
        Assert.Equal(0, again.Code);
        Assert.Contains("already imported", again.Out);
        Assert.Equal(counts, Counts());
    }

    [Fact]
    public void The_demo_refuses_a_workspace_with_other_data_unless_replaced()
    {
        _cli.Run("import", "orders", _cli.File("o.csv", "customer_id,ordered_at,amount\nC1,2024-01-05,10\n"));
        var (code, _, error) = _cli.Run("demo", "--customers", "200");
        Assert.Equal(1, code);
        Assert.Contains("holds data of your own", error);
        Assert.Equal(1, Counts()["orders"]);
        Assert.Equal(0, _cli.Run("demo", "--customers", "200", "--replace").Code);
        Assert.Equal(200, Counts()["customers"]);
    }

    public void Dispose() => _cli.Dispose();
}
