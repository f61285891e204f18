using Clientele.Storage.Tests.Snapshots;
using DuckDB.NET.Data;

namespace Clientele.Cli.Tests.Commands;

/// <summary><c>clientele currency</c>: a checked code and number format, stored once and named by every table and export with amounts.</summary>
public sealed class CurrencyCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private void Analyses()
    {
        Assert.Equal(0, _cli.Run("init").Code);
        using var connection = new DuckDBConnection($"Data Source={_cli.Workspace}");
        connection.Open();
        HandMadeSnapshots.InsertBoth(connection);
    }

    [Theory]
    [InlineData("EURO", "\"EURO\" is not an ISO 4217 currency code")]
    [InlineData("XYZ", "\"XYZ\" is not an ISO 4217 currency code")]
    [InlineData("€", "give three letters such as EUR, USD")]
    public void A_code_that_is_not_an_iso_4217_currency_is_refused_and_nothing_is_stored(string code, string expected)
    {
        Assert.Equal(0, _cli.Run("init").Code);
        var (exit, output, error) = _cli.Run("currency", code);
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains(expected, error);
        Assert.DoesNotContain("internal error", error);
        Assert.Contains("No currency named", _cli.Run("currency").Out);
    }

    [Fact]
    public void A_number_format_that_is_not_one_of_the_examples_is_refused_with_the_list()
    {
        Assert.Equal(0, _cli.Run("init").Code);
        var (exit, _, error) = _cli.Run("currency", "EUR", "--number-format", "1.234.5");
        Assert.Equal(1, exit);
        Assert.Contains("\"1.234.5\" is not a number format", error);
        Assert.Contains("1,234.5, 1.234,5, 1 234,5", error);
    }

    [Fact]
    public void A_lower_case_code_is_stored_in_capitals_and_reset_forgets_it()
    {
        Assert.Equal(0, _cli.Run("init").Code);
        var set = _cli.Run("currency", "chf", "--number-format", "1'234.5");
        Assert.Equal(0, set.Code);
        Assert.Contains("Stored: amounts are in CHF, written 1'234.5\u00A0CHF.", set.Out);
        Assert.Contains("Currency CHF", _cli.Run("currency").Out);
        Assert.Equal(0, _cli.Run("currency", "--reset").Code);
        Assert.Contains("No currency named; amounts are written 1,234.5.", _cli.Run("currency").Out);
    }

    [Fact]
    public void Customers_customer_and_segments_name_the_currency_and_write_amounts_with_its_separators()
    {
        Analyses();
        Assert.Equal(0, _cli.Run("currency", "EUR", "--number-format", "1.234,5").Code);

        var customers = _cli.Run("customers");
        Assert.Equal(0, customers.Code);
        Assert.Contains("value (EUR)", customers.Out);
        Assert.Contains("5.600,00", customers.Out);

        var customer = _cli.Run("customer", "C1");
        Assert.Equal(0, customer.Code);
        Assert.Contains("5.600,00\u00A0EUR", customer.Out);
        Assert.Contains("\"currency\":\"EUR\"", _cli.Run("customer", "C1", "--format", "json").Out);

        var segments = _cli.Run("segments", "--dimension", "ladder");
        Assert.Equal(0, segments.Code);
        Assert.Contains("total value (EUR)", segments.Out);
        Assert.Contains("\"currency\":\"EUR\"", _cli.Run("segments", "--dimension", "ladder", "--format", "json").Out);
    }

    [Fact]
    public void Without_a_currency_the_tables_are_as_before()
    {
        Analyses();
        var customers = _cli.Run("customers");
        Assert.Equal(0, customers.Code);
        Assert.Contains("5,600.00", customers.Out);
        Assert.DoesNotContain("(EUR)", customers.Out);
    }

    [Fact]
    public void An_export_carries_the_currency_in_a_column_and_keeps_plain_numbers()
    {
        Analyses();
        Assert.Equal(0, _cli.Run("currency", "EUR", "--number-format", "1.234,5").Code);
        var file = Path.Combine(_cli.Folder, "customers.csv");
        Assert.Equal(0, _cli.Run("export", "--out", file).Code);
        var lines = File.ReadAllLines(file);
        var header = lines[0].Split(',');
        Assert.Equal("currency", header[^1]);
        var value = Array.IndexOf(header, "value");
        var ada = lines.Single(l => l.StartsWith("2024-12-31,C1,", StringComparison.Ordinal));
        Assert.EndsWith(",EUR", ada);
        Assert.Equal("5600.0", ada.Split(',')[value]);
    }
}
