using Clientele.Money;

namespace Clientele.Core.Tests.Money;

public sealed class MoneyFormatTests
{
    [Theory]
    [InlineData("1,234.5", 1234567.891, "1,234,567.89")]
    [InlineData("1.234,5", 1234567.891, "1.234.567,89")]
    [InlineData("1 234,5", 1234567.891, "1\u00A0234\u00A0567,89")]
    [InlineData("1'234.5", -1234567.891, "-1'234'567.89")]
    [InlineData("1234,5", 1234567.891, "1234567,89")]
    public void A_number_is_written_with_the_separators_of_its_example(string example, double value, string expected) =>
        Assert.Equal(expected, MoneyFormat.Parse(null, example).Number(value, 2));

    [Fact]
    public void An_amount_names_the_currency_after_the_number_and_nothing_when_there_is_none()
    {
        Assert.Equal("1.235\u00A0EUR", MoneyFormat.Parse("EUR", "1.234,5").Amount(1234.6));
        Assert.Equal("1,235", MoneyFormat.Default.Amount(1234.6));
        Assert.Equal("–", MoneyFormat.Parse("EUR", null).Amount(double.NaN));
        Assert.Equal("value (USD)", MoneyFormat.Parse("usd", null).Label("value"));
        Assert.Equal("value", MoneyFormat.Default.Label("value"));
    }

    [Theory]
    [InlineData("EURO")]
    [InlineData("ABC")]
    [InlineData("")]
    [InlineData("$")]
    public void A_code_outside_iso_4217_is_refused_with_examples_of_good_ones(string code)
    {
        var e = Assert.Throws<FormatException>(() => MoneyFormat.Parse(code, null));
        Assert.Contains("is not an ISO 4217 currency code: give three letters such as EUR, USD", e.Message);
    }

    [Theory]
    [InlineData("1.234.5")]
    [InlineData("1,234,5")]
    [InlineData("1234")]
    [InlineData("de-DE")]
    public void A_number_format_that_is_not_an_example_of_one_thousand_two_hundred_thirty_four_and_a_half_is_refused(string example)
    {
        var e = Assert.Throws<FormatException>(() => MoneyFormat.Parse(null, example));
        Assert.Contains("is not a number format", e.Message);
    }

    [Fact]
    public void The_stored_form_reads_back_equal()
    {
        var format = MoneyFormat.Parse("JPY", "1 234,5");
        Assert.Equal(format, MoneyFormat.FromJson(format.ToJson()));
        Assert.Equal(MoneyFormat.Default, MoneyFormat.FromJson(MoneyFormat.Default.ToJson()));
    }
}
