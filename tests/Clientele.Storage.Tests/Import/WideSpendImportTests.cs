using Clientele.Storage.Import;

namespace Clientele.Storage.Tests.Import;

/// <summary>
/// A wide spend table (one row per customer, one spend column per product line) imported as orders of a period with
/// <c>--lines-from-columns</c> and <c>--period</c>.
/// </summary>
public sealed class WideSpendImportTests : IDisposable
{
    private const string Spend = "Channel,Region,Fresh,Milk,Frozen\n2,3,100,0,7.5\n1,1,,20,0\n";
    private static readonly ImportOptions Wide = new()
    {
        LinesFromColumns = ["Fresh", "Milk", "Frozen"],
        Period = SpendPeriod.Parse("2011"),
        GenerateIds = "W",
    };

    private readonly TempWorkspace _temp = new();

    private ImportResult Import(string table, string path, ImportOptions options) =>
        new Importer(_temp.Workspace!).Import(table, path, options, cancellationToken: TestContext.Current.CancellationToken);

    private List<string> Orders()
    {
        using var command = _temp.Workspace!.Connection.CreateCommand();
        command.CommandText = """
            SELECT order_id || ' ' || customer_id || ' ' || strftime(ordered_at, '%Y-%m-%d') || ' ' || strftime(period_start, '%Y-%m-%d') || ' ' || amount || ' ' || product_line || ' ' || status
            FROM orders ORDER BY order_id
            """;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read()) rows.Add(reader.GetString(0));
        return rows;
    }

    [Fact]
    public void Every_non_zero_spend_cell_becomes_an_order_of_its_line_dated_the_periods_last_day()
    {
        var result = Import("orders", _temp.File("spend.csv", Spend), Wide);
        Assert.Equal((2L, 3L, 2L), (result.RowsRead, result.RowsAdded, result.CustomersCreated));
        Assert.Equal(
        [
            "W2/Fresh/2011 W2 2011-12-31 2011-01-01 100.0 Fresh completed",
            "W2/Frozen/2011 W2 2011-12-31 2011-01-01 7.5 Frozen completed",
            "W3/Milk/2011 W3 2011-12-31 2011-01-01 20.0 Milk completed",
        ], Orders());
        // Other columns are read as usual: Channel is the orders' channel by its name.
        Assert.Equal(["Region"], result.IgnoredColumns);
        Assert.Equal(2, _temp.Workspace!.Scalar<long>("SELECT count(*) FROM orders WHERE channel = '2'"));
    }

    [Fact]
    public void Generated_customer_ids_are_those_a_customers_import_of_the_same_file_makes()
    {
        var path = _temp.File("spend.csv", Spend);
        Import("customers", path, new ImportOptions { GenerateIds = "W" });
        var orders = Import("orders", path, Wide);
        Assert.Equal(0, orders.CustomersCreated);
        Assert.Equal(2, _temp.Workspace!.Scalar<long>("SELECT count(*) FROM customers"));
    }

    [Fact]
    public void Reimporting_adds_nothing_even_when_the_file_is_spelled_differently()
    {
        Import("orders", _temp.File("spend.csv", Spend), Wide);
        var again = Import("orders", _temp.File("spend2.csv", "Channel,Region,Fresh,Milk,Frozen\n2,3,100.0,0,7.50\n1,1,0,20,\n"), Wide);
        Assert.Equal((0L, 3L), (again.RowsAdded, again.RowsAlreadyPresent));
    }

    [Fact]
    public void A_range_period_and_a_mapped_customer_column_are_accepted()
    {
        var result = Import("orders", _temp.File("spend.csv", "client,Fresh,Milk\nC9,5,6\n"),
            new ImportOptions { LinesFromColumns = ["Fresh", "Milk"], Period = SpendPeriod.Parse("2011-01-01..2011-06-30"), Map = new Dictionary<string, string> { ["customer_id"] = "client" } });
        Assert.Equal(2, result.RowsAdded);
        Assert.Equal(["C9/Fresh/2011-01-01..2011-06-30 C9 2011-06-30 2011-01-01 5.0 Fresh completed", "C9/Milk/2011-01-01..2011-06-30 C9 2011-06-30 2011-01-01 6.0 Milk completed"], Orders());
    }

    [Fact]
    public void Negative_and_non_numeric_spends_are_errors_with_line_and_column_and_nothing_is_stored()
    {
        var path = _temp.File("spend.csv", "Channel,Region,Fresh,Milk,Frozen\n2,3,100,-4,1\n1,1,ten,20,0\n");
        var failure = Assert.Throws<ImportFailedException>(() => Import("orders", path, Wide));
        Assert.Equal(2, failure.TotalErrors);
        Assert.Equal("spend.csv:2:4 (Milk): '-4' is not a spend of zero or more: a number (like 12.50; '.' as the decimal point; for 12,50 pass --decimal-comma)",
            failure.Errors[0].ToString().Replace(_temp.Folder + "/", "", StringComparison.Ordinal));
        Assert.Equal((3L, 3), (failure.Errors[1].Line, failure.Errors[1].Column));
        Assert.Equal(0, _temp.Workspace!.Scalar<long>("SELECT count(*) FROM orders"));
    }

    [Fact]
    public void Bad_rows_go_to_the_rejects_file_and_where_filters_rows()
    {
        var path = _temp.File("spend.csv", "Channel,Region,Fresh,Milk,Frozen\n2,3,100,-4,1\n1,1,5,20,0\n2,1,1,1,1\n");
        var result = Import("orders", path, Wide with
        {
            SkipBadRows = true,
            RejectsPath = Path.Combine(_temp.Folder, "r.csv"),
            Where = [RowFilter.Parse("Channel=1,2")],
        });
        Assert.Equal((1L, 5L), (result.RowsRejected, result.RowsAdded));
        var filtered = Import("orders", _temp.File("spend3.csv", "Channel,Region,Fresh\n2,3,1\n1,1,2\n"), new ImportOptions
        {
            LinesFromColumns = ["Fresh"], Period = SpendPeriod.Parse("2012"), GenerateIds = "X", Where = [RowFilter.Parse("Channel=1")],
        });
        Assert.Equal((1L, 1L), (filtered.RowsAdded, filtered.RowsFiltered));
    }

    [Theory]
    [InlineData("orders", "Fresh,Nope", null, "--lines-from-columns: the file has no column 'Nope' (its columns: Channel, Region, Fresh, Milk, Frozen)")]
    [InlineData("customers", "Fresh", null, "--lines-from-columns makes orders of a wide spend table: import the file into orders, not customers")]
    [InlineData("orders", "Fresh", "amount", "--lines-from-columns sets amount of every order it makes")]
    public void Wrong_spend_options_are_refused_with_the_reason(string table, string columns, string? mapped, string message)
    {
        var options = Wide with
        {
            LinesFromColumns = columns.Split(','),
            Map = mapped is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [mapped] = "Milk" },
        };
        var failure = Assert.Throws<ImportFailedException>(() => Import(table, _temp.File("spend.csv", Spend), options));
        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("11", "--period '11' is not a year (2011) or a range of ISO dates (2011-01-01..2011-06-30).")]
    [InlineData("2011-06-30..2011-01-01", "--period 2011-06-30..2011-01-01: the period ends before it starts.")]
    public void A_bad_period_is_refused(string text, string message) =>
        Assert.Equal(message, Assert.Throws<WorkspaceException>(() => SpendPeriod.Parse(text)).Message);

    [Fact]
    public void Spend_columns_without_a_period_or_a_period_without_columns_are_refused()
    {
        Assert.Contains("--lines-from-columns needs --period", Assert.Throws<WorkspaceException>(() => ImportOptionText.WideSpend("Fresh", null)).Message, StringComparison.Ordinal);
        Assert.Contains("name its spend columns with --lines-from-columns", Assert.Throws<WorkspaceException>(() => ImportOptionText.WideSpend(null, "2011")).Message, StringComparison.Ordinal);
        Assert.Equal((null, null), ImportOptionText.WideSpend(" ", ""));
    }

    [Fact]
    public void The_uci_wholesale_file_gives_one_order_per_non_zero_cell_for_its_440_customers()
    {
        var file = SharedData.Require("uci-wholesale-customers/wholesale_customers_data.csv");
        Import("customers", file, new ImportOptions { GenerateIds = "W" });
        var result = Import("orders", file, new ImportOptions
        {
            LinesFromColumns = ["Fresh", "Milk", "Grocery", "Frozen", "Detergents_Paper", "Delicassen"],
            Period = SpendPeriod.Parse("2011"),
            GenerateIds = "W",
        });
        // Every one of the 440 x 6 cells is above zero (the smallest is 3).
        Assert.Equal((440L, 2640L, 0L), (result.RowsRead, result.RowsAdded, result.CustomersCreated));
        Assert.Equal(440, _temp.Workspace!.Scalar<long>("SELECT count(DISTINCT customer_id) FROM orders"));
        Assert.Equal(14_619_500, _temp.Workspace.Scalar<double>("SELECT sum(amount) FROM orders"));
        Assert.Equal(12669, _temp.Workspace.Scalar<double>("SELECT amount FROM orders WHERE order_id = 'W2/Fresh/2011'"));
    }

    public void Dispose() => _temp.Dispose();
}
