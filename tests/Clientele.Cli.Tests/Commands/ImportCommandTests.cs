namespace Clientele.Cli.Tests.Commands;

/// <summary><c>clientele import</c>'s options for wide spend tables, recoded values, Parquet files and product ids.</summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    [Fact]
    public void A_wide_spend_table_with_recoded_codes_becomes_orders_and_the_output_says_how_many()
    {
        var path = _cli.File("spend.csv", "Channel,Region,Fresh,Milk\n2,3,100,0\n1,1,5,20\n");
        var (code, output, error) = _cli.Run("import", "orders", path, "--generate-ids", "W", "--lines-from-columns", "Fresh,Milk", "--period", "2011",
            "--recode", "channel=1:Horeca,2:Retail");
        Assert.True(code == 0, error);
        Assert.Contains("2 rows read, 3 added", output);
        Assert.Contains("Created 2 customers", output);
        Assert.Contains("Ignored columns (the orders table has no such fields; map them with --map field=column): Region.", output);
        var customers = _cli.File("clients.csv", "Channel,Region,Fresh,Milk\n2,3,100,0\n1,1,5,20\n");
        (code, output, error) = _cli.Run("import", "customers", customers, "--generate-ids", "W", "--map", "industry=Channel",
            "--recode", "industry=1:Horeca,2:Retail", "--recode", "region=1:Lisbon,3:Other");
        Assert.True(code == 0, error);
        Assert.Contains("2 rows read, 0 added, 2 updated", output);
    }

    [Theory]
    [InlineData("--period 11 --lines-from-columns Fresh", "--period '11' is not a year (2011) or a range of ISO dates (2011-01-01..2011-06-30).")]
    [InlineData("--lines-from-columns Fresh", "--lines-from-columns needs --period")]
    [InlineData("--period 2011", "--period gives the period of a wide spend table: name its spend columns with --lines-from-columns too.")]
    [InlineData("--recode region=1", "--recode region=1: expected code:word pairs separated by commas")]
    [InlineData("--recode region=1:Lisbon", "spend.csv:2:2 (Region): '3' is not one of the codes --recode region lists (1)")]
    public void Bad_values_of_the_new_options_exit_1_with_the_reason(string options, string message)
    {
        var path = _cli.File("spend.csv", "Channel,Region,Fresh\n2,3,100\n");
        var (code, _, error) = _cli.Run(["import", "customers", path, "--generate-ids", "W", .. options.Split(' ')]);
        Assert.Equal(1, code);
        Assert.Contains(message, error);
        Assert.DoesNotContain("internal error", error);
    }

    [Fact]
    public void A_parquet_file_is_imported_and_a_bad_row_is_named_by_its_number()
    {
        var good = Parquet("o.parquet", "SELECT * FROM (VALUES ('C1', DATE '2024-01-05', 10.5)) t(customer_id, ordered_at, amount)");
        var (code, output, error) = _cli.Run("import", "orders", good);
        Assert.True(code == 0, error);
        Assert.Contains("1 rows read, 1 added", output);
        var bad = Parquet("bad.parquet", "SELECT * FROM (VALUES ('C1', '2024-01-05', 'ten')) t(customer_id, ordered_at, amount)");
        (code, output, error) = _cli.Run("import", "orders", bad);
        Assert.Equal(1, code);
        Assert.Contains($"{bad}:1:3 (amount): 'ten' is not a number", error);
        Assert.Contains("the row of the Parquet file", error);
        Assert.DoesNotContain("UTF-16", error);
    }

    [Fact]
    public void Orders_naming_products_the_catalogue_lacks_are_named_in_the_output()
    {
        _cli.Run("import", "products", _cli.File("p.csv", "product_id,product_line\nGTX Pro,GTX\n"));
        var (code, output, error) = _cli.Run("import", "orders", _cli.File("o.csv", "customer_id,ordered_at,amount,product_id\nA,2024-01-01,1,GTXPro\n"));
        Assert.True(code == 0, error);
        Assert.Contains("1 order names a product id the products table lacks: GTXPro (1).", output);
    }

    private string Parquet(string name, string select)
    {
        var path = Path.Combine(_cli.Folder, name);
        using var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"COPY ({select}) TO '{path}' (FORMAT parquet)";
        command.ExecuteNonQuery();
        return path;
    }

    public void Dispose() => _cli.Dispose();
}
