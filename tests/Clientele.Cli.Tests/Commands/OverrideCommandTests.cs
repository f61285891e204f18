using System.Text.Json;

namespace Clientele.Cli.Tests.Commands;

/// <summary><c>clientele override</c>: set, replace, list and remove manual classes.</summary>
public sealed class OverrideCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public OverrideCommandTests()
    {
        var customers = _cli.File("customers.csv", "customer_id,name\nC1,Ada\nC2,Bolt\n");
        Assert.Equal(0, _cli.Run("import", "customers", customers).Code);
    }

    [Fact]
    public void An_override_is_set_replaced_listed_and_removed()
    {
        var (code, output, _) = _cli.Run("override", "C1", "--dimension", "value_class", "--class", "bzc", "--reason", "brings traffic");
        Assert.Equal(0, code);
        Assert.Contains("Set value_class = BZC for C1, by unknown: brings traffic.", output);
        Assert.Contains("It applies at the next `clientele analyze`.", output);

        output = _cli.Run("override", "C1", "-d", "value-class", "-c", "MVC", "-r", "prestige customer", "--by", "ana").Out;
        Assert.Contains("Set value_class = MVC for C1, by ana: prestige customer (replacing BZC: brings traffic).", output);
        _cli.Run("override", "C2", "-d", "segment", "-c", "Retail/Students", "-r", "sells to students");

        var list = JsonDocument.Parse(_cli.Run("override", "--list", "--format", "json").Out).RootElement;
        Assert.Equal(2, list.GetArrayLength());
        Assert.Equal("MVC", list[0].GetProperty("class").GetString());
        Assert.Equal("ana", list[0].GetProperty("set_by").GetString());
        Assert.Contains("Retail/Students", _cli.Run("override", "--list").Out);
        Assert.DoesNotContain("C2", _cli.Run("override", "C1", "--list").Out);

        output = _cli.Run("override", "C1", "--dimension", "value_class", "--remove").Out;
        Assert.Contains("Removed the override of value_class for C1", output);
        var (again, _, error) = _cli.Run("override", "C1", "--dimension", "value_class", "--remove");
        Assert.Equal(1, again);
        Assert.Contains("has no override of value_class", error);
        Assert.Equal(1, JsonDocument.Parse(_cli.Run("override", "--list", "--format", "json").Out).RootElement.GetArrayLength());
    }

    [Theory]
    [InlineData("unknown dimension 'mood'", "C1", "--dimension", "mood", "--class", "x", "--reason", "why")]
    [InlineData("unknown class 'gold' of value_tier: choose one of small, medium, large, VIP.", "C1", "--dimension", "value_tier", "--class", "gold", "--reason", "why")]
    [InlineData("unknown customer 'C9'", "C9", "--dimension", "ladder", "--class", "advocate", "--reason", "why")]
    public void Unknown_dimensions_classes_and_customers_are_refused(string expected, params string[] args)
    {
        var (code, _, error) = _cli.Run(["override", .. args]);
        Assert.Equal(1, code);
        Assert.Contains(expected, error);
        Assert.Contains("No overrides", _cli.Run("override", "--list").Out);
    }

    [Theory]
    [InlineData("C1", "--dimension", "ladder", "--class", "advocate")]
    [InlineData("--dimension", "ladder", "--class", "advocate", "--reason", "why")]
    [InlineData("C1", "--dimension", "ladder", "--remove", "--class", "advocate")]
    [InlineData("C1", "--remove")]
    [InlineData("--list", "--remove")]
    public void An_incomplete_command_line_is_a_usage_error(params string[] args)
    {
        var (code, _, error) = _cli.Run(["override", .. args]);
        Assert.Equal(2, code);
        Assert.Contains("clientele override --help", error);
    }

    public void Dispose() => _cli.Dispose();
}
