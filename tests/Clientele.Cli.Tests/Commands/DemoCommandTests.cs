using System.Text.RegularExpressions;
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
        Assert.DoesNotContain("note:", output);
        Assert.InRange(output.Split('\n').Count(l => Regex.IsMatch(l, @"^  [\d,]+ customers ")), 1, 3);
        Assert.Contains("    clientele customers --where churn_status=at-risk", output);
        Assert.Contains("  clientele serve ", output);

        var again = _cli.Run("demo", "--customers", "400", "--seed", "7");
        Assert.Equal(0, again.Code);
        Assert.Contains("It is imported already: nothing generated or imported (--replace makes it afresh).", again.Out);
        Assert.Contains("It is analyzed already as of 2025-12-31; `clientele analyze` analyzes it again.", again.Out);
        Assert.Contains("Worth a first look:", again.Out);
        Assert.Equal(counts, Counts());
        Assert.Single(SnapshotLines());
    }

    private string[] SnapshotLines() => [.. _cli.Run("segments", "--dimension", "ladder", "--format", "json").Out.Split('\n').Where(l => l.Contains("\"asOf\"", StringComparison.Ordinal)).Distinct()];

    [Fact]
    public void Verbose_prints_each_import_every_class_count_and_the_analysis_notes_and_an_undone_import_makes_the_demo_import_again()
    {
        var (code, output, error) = _cli.Run("demo", "--customers", "300", "--seed", "3", "--verbose");
        Assert.True(code == 0, error);
        Assert.Contains("  orders: ", output);
        Assert.Contains("  note: ", output);
        Assert.Contains("How each dimension decided:", output);
        Assert.Equal(0, _cli.Run("import", "--undo", "11", "--yes").Code);

        var again = _cli.Run("demo", "--customers", "300", "--seed", "3");
        Assert.Equal(0, again.Code);
        Assert.DoesNotContain("It is imported already", again.Out);
        Assert.Contains("Generated and imported 11 tables", again.Out);
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
