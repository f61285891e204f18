using Clientele.Storage.Import;

namespace Clientele.Storage.Tests.Import;

/// <summary>Parquet files, recognised by their magic bytes, imported with the mapping, checks, errors and options of CSV.</summary>
public sealed class ParquetImportTests : IDisposable
{
    private readonly TempWorkspace _temp = new();

    private ImportResult Import(string table, string path, ImportOptions? options = null) =>
        new Importer(_temp.Workspace!).Import(table, path, options ?? new ImportOptions(), cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>Writes the rows of a query to a Parquet file beside the workspace (with DuckDB, in a connection of its own).</summary>
    private string Parquet(string name, string select)
    {
        var path = Path.Combine(_temp.Folder, name);
        using var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"COPY ({select}) TO '{path}' (FORMAT parquet)";
        command.ExecuteNonQuery();
        return path;
    }

    private const string Typed = """
        SELECT * FROM (VALUES
            ('C1', DATE '2024-01-05', 10.5::DOUBLE, 2::INTEGER, 'first line
        second line'),
            ('C2', DATE '2024-02-01', 5::DOUBLE, NULL, 'x')) t(client, day, amount, quantity, note)
        """;

    [Fact]
    public void A_parquet_file_is_imported_with_its_types_and_the_mapping_of_a_csv_file()
    {
        var result = Import("orders", Parquet("o.parquet", Typed), new ImportOptions
        {
            Map = new Dictionary<string, string> { ["customer_id"] = "client", ["ordered_at"] = "day" },
        });
        Assert.Equal((2L, 2L, 2L), (result.RowsRead, result.RowsAdded, result.CustomersCreated));
        Assert.Equal(["note"], result.IgnoredColumns);
        Assert.Equal(15.5, _temp.Workspace!.Scalar<double>("SELECT sum(amount) FROM orders"));
        Assert.Equal(2, _temp.Workspace.Scalar<double>("SELECT quantity FROM orders WHERE customer_id = 'C1' AND ordered_at = TIMESTAMP '2024-01-05'"));
    }

    [Fact]
    public void The_file_is_recognised_by_its_magic_bytes_not_its_name()
    {
        var parquet = Parquet("o.parquet", Typed);
        var named = Path.Combine(_temp.Folder, "orders.csv");
        File.Copy(parquet, named);
        var options = new ImportOptions { Map = new Dictionary<string, string> { ["customer_id"] = "client", ["ordered_at"] = "day" } };
        Assert.Equal(2, Import("orders", named, options).RowsAdded);
        var text = _temp.File("more.parquet", "customer_id,ordered_at,amount\nC3,2024-03-01,1\n");
        Assert.Equal(1, Import("orders", text).RowsAdded);
    }

    [Fact]
    public void A_bad_value_is_reported_by_row_number_and_nothing_is_stored()
    {
        // The first row's note spans two lines of text: rows, not lines, are counted.
        var path = Parquet("bad.parquet", """
            SELECT * FROM (VALUES ('C1', '2024-01-05', '10', 'a
            b'), ('C2', '2024-01-06', 'ten', 'c'), ('C3', '05/01/2024', '1', 'd')) t(customer_id, ordered_at, amount, note)
            """);
        var failure = Assert.Throws<ImportFailedException>(() => Import("orders", path));
        Assert.Equal(2, failure.TotalErrors);
        Assert.Equal($"{path}:2:3 (amount): 'ten' is not a number (like 12.50; '.' as the decimal point; for 12,50 pass --decimal-comma)", failure.Errors[0].ToString());
        Assert.Equal((3L, 2), (failure.Errors[1].Line, failure.Errors[1].Column));
        Assert.Contains("The number after the file name is the row of the Parquet file (1 is the first row)", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, _temp.Workspace!.Scalar<long>("SELECT count(*) FROM orders"));
        Assert.Equal(0, _temp.Workspace.Scalar<long>("SELECT count(*) FROM customers"));
        Assert.Empty(Directory.EnumerateFiles(_temp.Folder, ".test.duckdb.import-*"));
    }

    [Fact]
    public void Options_hold_for_parquet_too_and_an_identical_file_is_recognised()
    {
        var path = Parquet("c.parquet", "SELECT * FROM (VALUES ('2', 'x'), ('1', 'y'), ('3', 'z')) t(Channel, Name)");
        var options = new ImportOptions
        {
            GenerateIds = "P",
            Map = new Dictionary<string, string> { ["industry"] = "Channel" },
            Recode = ImportOptionText.Recodes(["industry=1:Horeca,2:Retail"]),
            Where = [RowFilter.Parse("Channel=1,2")],
        };
        var result = Import("customers", path, options);
        Assert.Equal((2L, 1L), (result.RowsAdded, result.RowsFiltered));
        Assert.Equal("Retail", _temp.Workspace!.Scalar<string>("SELECT industry FROM customers WHERE customer_id = 'P1'"));
        Assert.NotNull(Import("customers", path, options).PreviousImport);
    }

    [Fact]
    public void A_damaged_parquet_file_is_refused_with_a_clear_message()
    {
        var path = _temp.Bytes("broken.parquet", [.. "PAR1"u8, 1, 2, 3, 4, 5]);
        var failure = Assert.Throws<ImportFailedException>(() => Import("orders", path));
        Assert.Contains("the file starts like a Parquet file (PAR1) but DuckDB cannot read it", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_header_is_refused_for_a_parquet_file()
    {
        var failure = Assert.Throws<WorkspaceException>(() => Import("orders", Parquet("o.parquet", Typed), new ImportOptions { HasHeader = false, Columns = ["a"] }));
        Assert.Contains("a Parquet file names its columns", failure.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}
