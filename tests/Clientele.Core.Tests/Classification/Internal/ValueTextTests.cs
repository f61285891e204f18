using Clientele.Classification.Internal;

namespace Clientele.Core.Tests.Classification.Internal;

public sealed class ValueTextTests
{
    [Fact]
    public void A_pair_of_amounts_from_100_up_prints_without_decimals()
    {
        Assert.Equal(("1,000", "500"), ValueText.Pair(1_000, 500));
    }

    [Fact]
    public void A_pair_with_an_amount_under_100_prints_both_with_two_decimals()
    {
        Assert.Equal(("3.65", "3.80"), ValueText.Pair(3.65, 3.8));
        Assert.Equal(("150.00", "100.00"), ValueText.Pair(150, 99.996));
    }

    [Fact]
    public void A_pair_gets_more_decimals_where_fewer_would_print_different_amounts_equal()
    {
        Assert.Equal(("100.4", "100.2"), ValueText.Pair(100.4, 100.2));
        Assert.Equal(("0.0049", "0.0046"), ValueText.Pair(0.0049, 0.0046));
    }

    [Fact]
    public void Equal_amounts_of_a_pair_print_equal()
    {
        Assert.Equal(("5.00", "5.00"), ValueText.Pair(5, 5));
        Assert.Equal(("255", "255"), ValueText.Pair(255, 255));
    }

    [Fact]
    public void A_sum_prints_its_parts_with_the_decimals_that_make_them_add_up()
    {
        AssertSum("30.00", ["-50.00", "80.00", "0.00"], ValueText.Sum(30, -50, 80, 0));
        AssertSum("300", ["100", "200"], ValueText.Sum(300, 100.4, 199.6));
        // 100.5 and 200.5 round to 101 and 201, which do not add up to 301: one decimal does.
        AssertSum("301.0", ["100.5", "200.5"], ValueText.Sum(301, 100.5, 200.5));
    }

    [Fact]
    public void Where_rounding_never_adds_up_the_total_printed_is_the_sum_of_the_printed_parts()
    {
        var third = 1_000 / 3.0;

        AssertSum("999.99", ["333.33", "333.33", "333.33"], ValueText.Sum(1_000, third, third, third));
    }

    [Fact]
    public void Amounts_printed_together_get_the_fewest_decimals_for_which_the_statement_reads_true()
    {
        Assert.Equal(["20.00", "20.00", "0.00", "19.05"], ValueText.Together(2, [20, 20, 0, 19.05], r => r[0] == r[1] + r[2] && r[0] > r[3]));
        Assert.Equal(["100.4", "100.2"], ValueText.Together(0, [100.4, 100.2], r => r[0] > r[1]));
        Assert.Equal(["1.000000", "1.000000"], ValueText.Together(0, [1, 1], r => r[0] > r[1]));
    }

    [Fact]
    public void Amounts_start_without_decimals_only_when_all_are_100_or_more_in_size()
    {
        Assert.Equal(0, ValueText.StartDecimals(100, -250, double.NaN));
        Assert.Equal(2, ValueText.StartDecimals(100, 99.5));
    }

    [Fact]
    public void Minus_zero_prints_as_zero_and_cuts_under_100_keep_their_decimals()
    {
        Assert.Equal("0.00", ValueText.Fixed(-0.001, 2));
        Assert.Equal("1,234.57", ValueText.Fixed(1_234.567, 2));
        Assert.Equal("10.5", ValueText.Cut(10.5));
        Assert.Equal("229", ValueText.Cut(229.4));
        Assert.Equal("12.5%", ValueText.Percent(0.125));
    }

    private static void AssertSum(string total, string[] parts, (string Total, string[] Parts) sum)
    {
        Assert.Equal(total, sum.Total);
        Assert.Equal(parts, sum.Parts);
    }
}
