using Clientele.Classification;

namespace Clientele.Core.Tests.Classification;

public sealed class ProductLinesTests
{
    private static readonly string[] Lines = ["filters", "purifiers", "smart-sensors"];

    private static CustomerColumns Columns(int count) => TestColumns.Create(count, Lines);

    private static void Bought(CustomerColumns columns, int i, params (int Line, int Orders)[] lines)
    {
        TestColumns.Buy(columns, i, TestColumns.Every(ValueTestColumns.Day, 7, lines.Sum(l => l.Orders)));
        foreach (var (line, orders) in lines) columns.LineOrders[line][i] = orders;
    }

    [Fact]
    public void A_customer_of_some_lines_is_a_prospect_for_the_others_with_the_lines_it_buys_and_its_interest()
    {
        var columns = Columns(1);
        Bought(columns, 0, (0, 12), (1, 3));
        columns.LineInterest[2][0] = 2;

        var result = ProductLines.Classify(columns, new ProductLinesOptions());

        Assert.Equal("customer", result.Class[0][0]);
        Assert.Equal("customer of filters: 12 orders", result.Reason(0, 0));
        Assert.Equal("prospect", result.Class[2][0]);
        Assert.Equal("prospect for smart-sensors: buys filters, purifiers; asked about it twice", result.Reason(2, 0));
        Assert.Equal(1, result.CrossSellCount[0]);
    }

    [Fact]
    public void A_party_who_never_bought_is_a_prospect_only_for_the_lines_it_asked_about()
    {
        var columns = Columns(1);
        columns.LineInterest[1][0] = 1;

        var result = ProductLines.Classify(columns, new ProductLinesOptions());

        Assert.Equal([null, "prospect", null], result.Class.Select(c => c[0]));
        Assert.Equal("prospect for purifiers: has not bought from us; asked about it once", result.Reason(1, 0));
        Assert.Equal("not a prospect for filters: has bought nothing and showed no interest in it", result.Reason(0, 0));
    }

    [Fact]
    public void Cross_sell_lines_rank_the_lines_asked_about_first()
    {
        var columns = TestColumns.Create(1, ["filters", "purifiers", "dispensers", "smart-sensors", "eco-refills"]);
        TestColumns.Buy(columns, 0, [ValueTestColumns.Day]);
        columns.LineOrders[0][0] = 1;
        columns.LineInterest[3][0] = 1;
        columns.LineInterest[4][0] = 3;

        var result = ProductLines.Classify(columns, new ProductLinesOptions());

        Assert.Equal(["eco-refills", "smart-sensors", "purifiers", "dispensers"], result.CrossSellLines(0));
        Assert.Equal(4, result.CrossSellCount[0]);
        Assert.Equal("prospect for purifiers: buys filters; has not asked about it", result.Reason(1, 0));
    }

    [Fact]
    public void Customers_buying_the_same_lines_read_the_same_reason_for_a_line_they_did_not_ask_about()
    {
        var columns = Columns(2);
        Bought(columns, 0, (0, 1));
        Bought(columns, 1, (0, 5));

        var result = ProductLines.Classify(columns, new ProductLinesOptions());

        Assert.Equal("prospect for smart-sensors: buys filters; has not asked about it", result.Reason(2, 0));
        Assert.Equal(result.Reason(2, 0), result.Reason(2, 1));
    }

    [Fact]
    public void Without_cross_sell_to_all_customers_only_interest_makes_a_prospect()
    {
        var columns = Columns(1);
        Bought(columns, 0, (0, 1));
        columns.LineInterest[2][0] = 1;

        var result = ProductLines.Classify(columns, new ProductLinesOptions { CustomersOfOtherLinesAreProspects = false });

        Assert.Null(result.Class[1][0]);
        Assert.Equal("not a prospect for purifiers: buys filters but showed no interest in it", result.Reason(1, 0));
        Assert.Equal("prospect", result.Class[2][0]);
    }

    [Fact]
    public void A_buyer_whose_orders_have_no_line_is_a_prospect_for_every_line()
    {
        var columns = Columns(1);
        TestColumns.Buy(columns, 0, [ValueTestColumns.Day]);

        var result = ProductLines.Classify(columns, new ProductLinesOptions());

        Assert.All(result.Class, c => Assert.Equal("prospect", c[0]));
        Assert.Equal("prospect for filters: buys from us (no line recorded); has not asked about it", result.Reason(0, 0));
    }

    [Fact]
    public void Fewer_orders_than_the_customer_threshold_make_a_prospect_and_say_so()
    {
        var columns = Columns(1);
        Bought(columns, 0, (0, 4), (1, 1));

        var result = ProductLines.Classify(columns, new ProductLinesOptions { CustomerFromOrders = 2 });

        Assert.Equal("prospect", result.Class[1][0]);
        Assert.Equal("prospect for purifiers: buys filters; has not asked about it; 1 order of it, a customer from 2 orders", result.Reason(1, 0));
    }

    [Fact]
    public void No_customers_or_no_lines_give_empty_results()
    {
        var empty = ProductLines.Classify(Columns(0), new ProductLinesOptions());
        var noLines = ProductLines.Classify(TestColumns.Create(3), new ProductLinesOptions());

        Assert.All(empty.Class, c => Assert.Empty(c));
        Assert.Empty(empty.CrossSellCount);
        Assert.Empty(noLines.Lines);
        Assert.Equal([0, 0, 0], noLines.CrossSellCount);
        Assert.Empty(noLines.CrossSellLines(2));
        Assert.Contains("the data has no product lines: no per line classes", noLines.Notes);
    }

    [Fact]
    public void A_threshold_below_one_is_refused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ProductLines.Classify(Columns(0), new ProductLinesOptions { ProspectFromInterest = 0 }));

        Assert.Equal("ProspectFromInterest", e.ParamName);
    }
}
