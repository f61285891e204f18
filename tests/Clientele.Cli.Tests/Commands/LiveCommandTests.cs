using System.Globalization;
using System.Text;

namespace Clientele.Cli.Tests.Commands;

/// <summary>
/// An import after an analysis re-classifies the customers it names at once (unless --no-live), says what moved, and
/// `clientele changes` and `clientele customer` show it.
/// </summary>
public sealed class LiveCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    /// <summary>60 customers buying every 20 days through 2024 (A0..A29), or only until March (Q0..Q29); analyzed as of 2024-12-31.</summary>
    private void Analyzed()
    {
        var orders = new StringBuilder("customer_id,ordered_at,amount\n");
        var start = new DateOnly(2024, 1, 1);
        for (var k = 0; k < 30; k++)
        {
            for (var d = k % 10; d < 366; d += 20) orders.Append(CultureInfo.InvariantCulture, $"A{k},{start.AddDays(d):yyyy-MM-dd},{20 + k}\n");
            for (var d = k % 10; d < 80; d += 20) orders.Append(CultureInfo.InvariantCulture, $"Q{k},{start.AddDays(d):yyyy-MM-dd},{20 + k}\n");
        }
        Assert.Equal(0, _cli.Run("import", "orders", _cli.File("orders.csv", orders.ToString())).Code);
        var (code, _, error) = _cli.Run("analyze", "--as-of", "2024-12-31");
        Assert.True(code == 0, error);
    }

    private string Status(string customer) =>
        _cli.Run("customers", "--format", "csv", "--top", "0").Out.Split('\n').Select(l => l.Split(','))
            .Single(r => r[0] == customer)[Array.IndexOf(Header(), "churn_status")];

    private string[] Header() => _cli.Run("customers", "--format", "csv", "--top", "1").Out.Split('\n')[0].Split(',');

    [Fact]
    public void A_new_order_of_a_customer_gone_quiet_moves_it_at_once_and_changes_and_customer_say_so()
    {
        Analyzed();
        var before = Status("Q3");
        Assert.NotEqual("active", before);

        var (code, output, error) = _cli.Run("import", "orders", _cli.File("late.csv", "customer_id,ordered_at,amount\nQ3,2025-01-02,40\n"));

        Assert.True(code == 0, error);
        Assert.Contains("Updated live with the analysis of 2024-12-31: 1 customer re-classified, ", output);
        Assert.Contains($"Q3 churn status {before} → active", output);
        Assert.Equal("active", Status("Q3"));

        var changes = _cli.Run("changes", "--format", "csv").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("changed_at,customer_id,dimension,from_class,to_class,live_as_of,import_id", changes[0]);
        Assert.Contains(changes, l => l.Contains($",Q3,churn_status,{before},active,2025-01-02,2", StringComparison.Ordinal));
        Assert.Contains("moved live since the analysis of 2024-12-31, latest first.", _cli.Run("changes").Out);

        var profile = _cli.Run("customer", "Q3").Out;
        Assert.Contains("Live since the analysis of 2024-12-31: updated ", profile);
        Assert.Contains("by import #2, figures as of 2025-01-02", profile);
        Assert.Contains($"(import #2): churn status {before} → active", profile);
        // The staleness warning says the change is shown.
        Assert.Contains("updated live: its classes show the change", _cli.Run("customers", "--top", "1").Error);
    }

    [Fact]
    public void With_no_live_nothing_is_re_classified_and_the_warning_says_the_classes_do_not_show_it_yet()
    {
        Analyzed();
        var before = Status("Q4");
        var (code, output, _) = _cli.Run("import", "orders", _cli.File("late.csv", "customer_id,ordered_at,amount\nQ4,2025-01-02,40\n"), "--no-live");
        Assert.Equal(0, code);
        Assert.DoesNotContain("live", output);
        Assert.Equal(before, Status("Q4"));
        Assert.Contains("No class has moved live since the analysis of 2024-12-31", _cli.Run("changes").Out);
        Assert.Contains("whose classes do not show it yet", _cli.Run("customers", "--top", "1").Error);
    }

    [Fact]
    public void Before_the_first_analysis_an_import_says_nothing_of_live_updates()
    {
        var (code, output, _) = _cli.Run("import", "orders", _cli.File("o.csv", "customer_id,ordered_at,amount\nC1,2024-01-01,5\n"));
        Assert.Equal(0, code);
        Assert.DoesNotContain("live", output);
    }

    public void Dispose() => _cli.Dispose();
}
