using System.Text.Json;

namespace Clientele.Cli.Tests.Commands;

/// <summary><c>clientele erase CUSTOMER</c> as a user meets it.</summary>
public sealed class EraseCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public EraseCommandTests()
    {
        Assert.Equal(0, _cli.Run("import", "customers", _cli.File("c.csv", "customer_id,name,referred_by\nC1,Ada,\nC2,Bolt,C1\n")).Code);
        Assert.Equal(0, _cli.Run("import", "orders", _cli.File("o.csv", "customer_id,ordered_at,amount\nC1,2024-01-05,10\nC2,2024-01-06,20\n")).Code);
        Assert.Equal(0, _cli.Run("import", "referrals", _cli.File("r.csv", "referrer_id,referred_id\nC1,C2\n")).Code);
    }

    private Dictionary<string, long> Counts() => JsonSerializer.Deserialize<Dictionary<string, long>>(_cli.Run("status", "--format", "json").Out)!;

    [Fact]
    public void It_shows_what_it_removes_and_with_yes_erases_the_customer_everywhere()
    {
        var (code, output, _) = _cli.Run("erase", "C1", "--yes", "--by", "dpo");
        Assert.Equal(0, code);
        Assert.Contains("Erasing customer 'C1' removes:", output);
        Assert.Matches(@"referrals\s+1\n", output);
        Assert.Contains("Empties 1 other customers' parent or referrer field that named it.", output);
        Assert.Contains("Erased 'C1': 3 rows removed; the erasure is recorded", output);
        Assert.Equal(1, Counts()["customers"]);
        Assert.Equal(1, Counts()["orders"]);
        Assert.Equal(0, Counts()["referrals"]);
    }

    [Fact]
    public void Without_yes_nothing_changes_and_an_unknown_customer_is_a_clear_problem()
    {
        var before = Counts();
        Assert.Contains("pass --yes to confirm", _cli.Run("erase", "C1").Error);
        Assert.Equal(before, Counts());
        var (code, _, error) = _cli.Run("erase", "C9", "--yes");
        Assert.Equal(1, code);
        Assert.Contains("error: unknown customer 'C9': no table of the workspace names it", error);
    }

    public void Dispose() => _cli.Dispose();
}
