using Clientele.Classification;
using Clientele.Customers;
using Clientele.Storage.Import;
using Clientele.Storage.Summary;

namespace Clientele.Storage.Tests.Summary;

/// <summary>
/// The columns of <see cref="CustomerColumnsQuery"/> that read the data's products, purchase occasions, periods and
/// sizes, as of 2024-03-31: A buys products (one with a line of its own, one the catalogue lacks), B names unknown
/// products, W bought a year's spend in two lines (orders with a period_start).
/// </summary>
public sealed class CustomerColumnsProductsAndSizeTests : IDisposable
{
    private static readonly DateOnly AsOf = new(2024, 3, 31);
    private readonly TempWorkspace _temp = new();

    public CustomerColumnsProductsAndSizeTests()
    {
        Import("customers", """
            customer_id,Employees,revenue,staff,turnover,size
            A,120,5,,,
            B,,big,0,3000,
            C,,,,,large
            W,,,,,
            """);
        Import("products", """
            product_id,product_line
            P1,filters
            P2,sensors
            GTX Pro,gtx
            """);
        Import("orders", """
            customer_id,ordered_at,amount,product_id,product_line,status,period_start
            A,2024-01-01,100,P1,,completed,
            A,2024-01-01T09:00:00,50,P2,gadgets,completed,
            A,2024-02-01,30,GTXPro,,completed,
            A,2024-02-01T10:00:00,20,P1,,returned,
            A,2024-03-01,10,P1,,cancelled,
            B,2024-01-05,5,GTXPro,,completed,
            B,2024-01-06,5,Bogus,,completed,
            B,2024-04-05,5,GTXPro,,completed,
            C,2024-03-05,7,P1,,returned,
            C,2024-03-06,7,P1,,returned,
            C,2024-03-06T12:00:00,7,P1,,returned,
            W,2023-12-31,100,,Fresh,completed,2023-01-01
            W,2023-12-31,50,,Milk,completed,2023-07-01
            W,2023-12-31,9,,Milk,cancelled,2022-01-01
            """);
        Import("interactions", """
            customer_id,occurred_at,kind,product_id,product_line
            A,2024-02-10,inquiry,P2,
            A,2024-02-11,quote,P1,gadgets
            B,2024-02-12,inquiry,Nope,
            """);
    }

    private void Import(string table, string csv) =>
        new Importer(_temp.Workspace!).Import(table, _temp.File(table + ".csv", csv + "\n"), new ImportOptions(), cancellationToken: TestContext.Current.CancellationToken);

    private CustomerColumns Read(CustomerColumnsQueryOptions? options = null) =>
        CustomerColumnsQuery.Run(_temp.Workspace!, CustomerSummaryQuery.Run(_temp.Workspace!, AsOf, TimeUnit.Day), options);

    private static int Index(CustomerColumns c, string id) => Array.IndexOf(c.CustomerId, id);

    private static int Orders(CustomerColumns c, string line, string id) => c.LineOrders[c.ProductLines.ToList().IndexOf(line)][Index(c, id)];

    private static int Interest(CustomerColumns c, string line, string id) => c.LineInterest[c.ProductLines.ToList().IndexOf(line)][Index(c, id)];

    [Fact]
    public void An_order_without_a_line_of_its_own_takes_the_line_of_its_product()
    {
        var c = Read();
        Assert.Equal(["Fresh", "Milk", "filters", "gadgets", "gtx", "sensors"], c.ProductLines.Order(StringComparer.Ordinal));
        Assert.Equal(1, Orders(c, "filters", "A"));
        // The order's own line wins over its product's.
        Assert.Equal((1, 0), (Orders(c, "gadgets", "A"), Orders(c, "sensors", "A")));
        // GTXPro is not the catalogue's "GTX Pro": no line.
        Assert.Equal(0, Orders(c, "gtx", "A"));
    }

    [Fact]
    public void An_interaction_without_a_line_of_its_own_is_about_the_line_of_its_product()
    {
        var c = Read();
        Assert.Equal((1, 1, 0), (Interest(c, "sensors", "A"), Interest(c, "gadgets", "A"), Interest(c, "filters", "A")));
        Assert.All(c.ProductLines, line => Assert.Equal(0, Interest(c, line, "B")));
    }

    [Fact]
    public void Product_ids_the_catalogue_lacks_are_counted_over_completed_orders_by_the_as_of_date_most_orders_first()
    {
        Assert.Equal([("GTXPro", 2), ("Bogus", 1)], Read().UnknownProducts);
    }

    [Fact]
    public void Without_a_product_catalogue_no_product_id_is_called_unknown()
    {
        using var command = _temp.Workspace!.Connection.CreateCommand();
        command.CommandText = "DELETE FROM products";
        command.ExecuteNonQuery();
        var c = Read();
        Assert.Empty(c.UnknownProducts);
        Assert.Equal(1, Orders(c, "gadgets", "A"));
    }

    [Fact]
    public void Purchase_occasions_are_days_with_a_completed_or_returned_order()
    {
        var c = Read();
        // A: two orders on 1 January, a completed and a returned one on 1 February; the cancelled one never counts.
        Assert.Equal((2, 2), (c.KeptPurchaseDays[Index(c, "A")], c.Summary.PurchaseDays[Index(c, "A")]));
        Assert.Equal(2, c.KeptPurchaseDays[Index(c, "B")]);
        Assert.Equal(1, c.KeptPurchaseDays[Index(c, "W")]);
        // C: returned orders alone, on two days (two of them on the second): two occasions, and no purchase day.
        Assert.Equal((2, 0), (c.KeptPurchaseDays[Index(c, "C")], c.Summary.PurchaseDays[Index(c, "C")]));
    }

    [Fact]
    public void The_period_start_is_the_earliest_of_the_completed_orders()
    {
        var c = Read();
        Assert.Equal(new DateOnly(2023, 1, 1), c.PeriodStart[Index(c, "W")]);
        Assert.Null(c.PeriodStart[Index(c, "A")]);
    }

    [Fact]
    public void Size_is_the_first_size_attribute_holding_a_positive_number_matched_ignoring_case()
    {
        var c = Read();
        Assert.Equal((120.0, "Employees"), (c.Size[Index(c, "A")], c.SizeAttribute[Index(c, "A")]));
        // B: staff is 0 and revenue is text, so turnover.
        Assert.Equal((3000.0, "turnover"), (c.Size[Index(c, "B")], c.SizeAttribute[Index(c, "B")]));
        Assert.Equal((null, null), (c.Size[Index(c, "C")], c.SizeAttribute[Index(c, "C")]));
        Assert.Null(c.Size[Index(c, "W")]);
    }

    [Fact]
    public void The_size_attributes_and_their_order_are_options()
    {
        var c = Read(new CustomerColumnsQueryOptions { SizeAttributes = ["REVENUE", "employees"] });
        Assert.Equal((5.0, "revenue"), (c.Size[Index(c, "A")], c.SizeAttribute[Index(c, "A")]));
        Assert.Null(c.Size[Index(c, "B")]);
        Assert.All(Read(new CustomerColumnsQueryOptions { SizeAttributes = [] }).Size, size => Assert.Null(size));
    }

    [Fact]
    public void Text_values_of_size_attributes_among_thousands_of_customers_are_passed_over()
    {
        var rows = string.Concat(Enumerable.Range(0, 5000).Select(i => i % 2 == 0 ? $"T{i},retailer\n" : $"T{i},{i}\n"));
        Import("customers", "customer_id,size\n" + rows);
        var c = Read();
        Assert.Equal(2500 + 2, c.Size.Count(s => s is not null));
        Assert.Equal(4999, c.Size[Index(c, "T4999")]);
        Assert.Null(c.Size[Index(c, "T4998")]);
    }

    public void Dispose() => _temp.Dispose();
}
