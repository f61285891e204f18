using System.Text;
using Clientele.Storage.Import;

namespace Clientele.Storage.Tests.Import;

/// <summary>Every class of bad input gets a message naming file, line, column, value and what was expected; nothing is stored.</summary>
public sealed class ImporterErrorTests : IDisposable
{
    private readonly TempWorkspace _temp = new();

    private ImportResult Import(string table, string path, ImportOptions? options = null) =>
        new Importer(_temp.Workspace!).Import(table, path, options ?? new ImportOptions());

    private ImportFailedException Fails(string table, string path, ImportOptions? options = null)
    {
        var failure = Assert.Throws<ImportFailedException>(() => Import(table, path, options));
        Assert.Equal(0, _temp.Workspace!.CountRows().Sum(p => p.Value));
        Assert.Empty(_temp.Workspace.Imports());
        return failure;
    }

    [Fact]
    public void A_missing_required_column_is_named_with_the_file_columns_and_the_map_option()
    {
        var path = _temp.File("orders.csv", "customer_id,amount\nC1,10\n");
        var failure = Fails("orders", path);
        Assert.Contains("missing column: orders needs ordered_at", failure.Message);
        Assert.Contains("customer_id, amount", failure.Message);
        Assert.Contains("--map ordered_at=COLUMN", failure.Message);
    }

    [Fact]
    public void A_bad_date_names_line_column_value_and_the_expected_shape()
    {
        var path = _temp.File("orders.csv", "customer_id,ordered_at,amount\nC1,2024-01-05,10\nC2,05/01/2024,11\n");
        var failure = Fails("orders", path);
        var error = Assert.Single(failure.Errors);
        Assert.Equal((3L, 2, "ordered_at", "05/01/2024"), (error.Line, error.Column, error.ColumnName, error.Value));
        Assert.Contains($"{path}:3:2 (ordered_at): '05/01/2024' is not an ISO date", failure.Message);
        Assert.Contains("--date-format", failure.Message);
    }

    [Fact]
    public void A_bad_number_names_line_column_and_value()
    {
        var path = _temp.File("orders.csv", "customer_id,ordered_at,amount\nC1,2024-01-05,12,50\n");
        Assert.Contains("a row of 3 fields", Fails("orders", path).Message);
        path = _temp.File("orders2.csv", "customer_id,ordered_at,amount\nC1,2024-01-05,\"12,50\"\n");
        var error = Assert.Single(Fails("orders", path).Errors);
        Assert.Equal((2L, 3, "12,50"), (error.Line, error.Column, error.Value));
        Assert.Contains("a number", error.Expected);
    }

    [Fact]
    public void A_wrong_delimiter_is_explained_by_the_header_read_as_one_column()
    {
        var path = _temp.File("orders.csv", "customer_id,ordered_at,amount\nC1,2024-01-05,10\n");
        var failure = Fails("orders", path, new ImportOptions { Delimiter = Delimiter.Semicolon });
        Assert.Contains("read as one column 'customer_id,ordered_at,amount'", failure.Message);
        Assert.Contains("is the delimiter ','?", failure.Message);
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        var path = _temp.File("orders.csv", "");
        Assert.Contains("the file is empty", Fails("orders", path).Message);
    }

    [Fact]
    public void A_header_without_rows_is_refused()
    {
        var path = _temp.File("orders.csv", "customer_id,ordered_at,amount\r\n");
        Assert.Contains("header line but no data rows", Fails("orders", path).Message);
    }

    [Fact]
    public void Latin1_bytes_in_a_utf8_import_name_line_and_column_and_suggest_the_encoding_option()
    {
        var bytes = Encoding.Latin1.GetBytes("customer_id,name\nC1,Ana\nC2,Jos\u00e9\n");
        var path = _temp.Bytes("customers.csv", bytes);
        var failure = Fails("customers", path);
        var error = Assert.Single(failure.Errors);
        Assert.Equal((3L, 2), (error.Line, error.Column));
        Assert.Contains("not valid UTF-8", failure.Message);
        Assert.Contains("--encoding latin1", failure.Message);

        var result = Import("customers", path, new ImportOptions { Encoding = ImportEncoding.Latin1 });
        Assert.Equal(2, result.RowsAdded);
    }

    [Fact]
    public void Utf16_text_is_refused_with_the_conversion_to_make()
    {
        var path = _temp.Bytes("customers.csv", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("customer_id\nC1\n")).ToArray());
        Assert.Contains("UTF-16", Fails("customers", path).Message);
    }

    [Fact]
    public void An_unknown_table_lists_the_tables()
    {
        var path = _temp.File("x.csv", "a\n1\n");
        var failure = Assert.Throws<WorkspaceException>(() => Import("clients", path));
        Assert.Contains("unknown table 'clients'", failure.Message);
        Assert.Contains("customers, products, contacts", failure.Message);
        Assert.Throws<WorkspaceException>(() => Import("truth_customers", path));
    }

    [Fact]
    public void A_bad_choice_lists_the_allowed_words()
    {
        var path = _temp.File("orders.csv", "customer_id,ordered_at,amount,status\nC1,2024-01-05,10,refunded\n");
        Assert.Contains("one of: completed, returned, cancelled", Fails("orders", path).Message);
    }

    [Fact]
    public void A_map_to_a_missing_column_or_an_unknown_field_is_reported()
    {
        var path = _temp.File("orders.csv", "cust,day,amount\nC1,2024-01-05,10\n");
        var failure = Fails("orders", path, new ImportOptions { Map = new Dictionary<string, string> { ["customer_id"] = "customer", ["orderd_at"] = "day" } });
        Assert.Contains("the file has no column 'customer'", failure.Message);
        Assert.Contains("orders has no field 'orderd_at'", failure.Message);
    }

    [Fact]
    public void At_most_twenty_errors_are_listed_with_the_total_count()
    {
        var rows = string.Concat(Enumerable.Range(1, 50).Select(i => $"C{i},not-a-date,{i}\n"));
        var failure = Fails("orders", _temp.File("orders.csv", "customer_id,ordered_at,amount\n" + rows));
        Assert.Equal(20, failure.Errors.Count);
        Assert.Equal(50, failure.TotalErrors);
        Assert.Contains("50 errors, the first 20 listed", failure.Message);
    }

    [Fact]
    public void A_quoted_field_that_never_closes_is_reported_with_its_line()
    {
        var path = _temp.File("customers.csv", "customer_id,name\nC1,\"Acme\nC2,Beta\n");
        Assert.Contains("opened on line 2 is never closed", Fails("customers", path).Message);
    }

    [Fact]
    public void A_buying_role_of_an_unknown_contact_is_an_error_naming_the_line()
    {
        var path = _temp.File("roles.csv", "contact_id,role\nK1,decider\n");
        var error = Assert.Single(Fails("buying_roles", path).Errors);
        Assert.Equal((2L, 1, "K1"), (error.Line, error.Column, error.Value));
        Assert.Contains("import the contacts first", error.Expected);
    }

    public void Dispose() => _temp.Dispose();
}
