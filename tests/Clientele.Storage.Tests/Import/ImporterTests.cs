using Clientele.Storage.Import;
using DuckDB.NET.Data;

namespace Clientele.Storage.Tests.Import;

/// <summary>What an import stores: whole files, no duplicates on re-import, customers grown from orders.</summary>
public sealed class ImporterTests : IDisposable
{
    private const string Orders = "customer_id,ordered_at,amount\nC1,2024-01-05,10\nC1,2024-01-05,10\nC2,2024-02-01T09:30:00,5.5\n";
    private readonly TempWorkspace _temp = new();

    private ImportResult Import(string table, string path, ImportOptions? options = null) =>
        new Importer(_temp.Workspace!).Import(table, path, options ?? new ImportOptions());

    private long Count(string sql)
    {
        using var command = _temp.Workspace!.Connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every table's rows, as text, to compare a workspace before and after.</summary>
    private string Dump()
    {
        var text = new System.Text.StringBuilder();
        foreach (var (table, _) in _temp.Workspace!.CountRows())
        {
            using var command = _temp.Workspace.Connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY ALL";
            using var reader = command.ExecuteReader();
            while (reader.Read())
                for (var i = 0; i < reader.FieldCount; i++) text.Append(reader.GetValue(i)).Append('|');
            text.Append('\n');
        }
        return text.ToString();
    }

    [Fact]
    public void Orders_create_the_customers_they_name()
    {
        var result = Import("orders", _temp.File("orders.csv", Orders));
        Assert.Equal((3L, 3L, 2L), (result.RowsRead, result.RowsAdded, result.CustomersCreated));
        Assert.Equal(2, Count("SELECT count(*) FROM customers"));
        Assert.Equal(3, Count("SELECT count(*) FROM orders WHERE status = 'completed'"));
    }

    [Fact]
    public void The_same_file_imported_twice_is_recognised_and_adds_nothing()
    {
        var path = _temp.File("orders.csv", Orders);
        Import("orders", path);
        var second = Import("orders", path);
        Assert.NotNull(second.PreviousImport);
        Assert.Equal(0, second.RowsAdded);
        Assert.Equal(3, Count("SELECT count(*) FROM orders"));
        Assert.Single(_temp.Workspace!.Imports());
    }

    [Fact]
    public void The_same_rows_in_another_file_add_nothing_but_identical_lines_within_a_file_are_kept()
    {
        Import("orders", _temp.File("a.csv", Orders));
        // Same rows, reordered, another spelling of the date, plus one more copy of the repeated line and a new row.
        var result = Import("orders", _temp.File("b.csv",
            "amount,customer_id,ordered_at\n5.5,C2,2024-02-01 09:30:00\n10,C1,2024-01-05T00:00:00\n10,C1,2024-01-05\n10,C1,2024-01-05\n7,C3,2024-03-01\n"));
        Assert.Equal((5L, 2L, 3L), (result.RowsRead, result.RowsAdded, result.RowsAlreadyPresent));
        Assert.Equal(3, Count("SELECT count(*) FROM orders WHERE customer_id = 'C1'"));
        Assert.Equal(5, Count("SELECT count(*) FROM orders"));
    }

    [Fact]
    public void Rows_with_an_order_id_are_keyed_on_it()
    {
        Import("orders", _temp.File("a.csv", "order_id,customer_id,ordered_at,amount\nO1,C1,2024-01-05,10\nO2,C1,2024-01-06,12\n"));
        var result = Import("orders", _temp.File("b.csv", "order_id,customer_id,ordered_at,amount\nO2,C1,2024-01-06,99\nO3,C2,2024-01-07,3\n"));
        Assert.Equal((1L, 1L), (result.RowsAdded, result.RowsAlreadyPresent));
        Assert.Equal(12, Count("SELECT amount FROM orders WHERE order_id = 'O2'"));
    }

    [Fact]
    public void A_failure_at_the_last_line_leaves_every_table_as_it_was()
    {
        Import("customers", _temp.File("c.csv", "customer_id,name\nC1,Ana\n"));
        Import("orders", _temp.File("a.csv", Orders));
        var before = Dump();
        var rows = string.Concat(Enumerable.Range(0, 5000).Select(i => $"N{i},2024-01-{1 + i % 28:00},{i}\n")) + "N9,2024-13-01,1\n";
        Assert.Throws<ImportFailedException>(() => Import("orders", _temp.File("big.csv", "customer_id,ordered_at,amount\n" + rows)));
        Assert.Equal(before, Dump());
        Assert.Equal(2, _temp.Workspace!.Imports().Count);
    }

    [Fact]
    public void Rows_loaded_in_chunks_while_reading_are_rolled_back_when_the_last_line_fails()
    {
        Import("orders", _temp.File("a.csv", Orders));
        var before = Dump();
        var importer = new Importer(_temp.Workspace!) { RowsPerChunk = 7 };
        var rows = string.Concat(Enumerable.Range(0, 100).Select(i => $"N{i},2024-02-{1 + i % 28:00},{i}\n"));
        Assert.Throws<ImportFailedException>(() => importer.Import("orders", _temp.File("big.csv", "customer_id,ordered_at,amount\n" + rows + "N9,2024-13-01,1\n"), new ImportOptions(), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(before, Dump());
        Assert.Empty(Directory.GetFiles(_temp.Folder, ".test.duckdb.import-*"));

        var good = importer.Import("orders", _temp.File("good.csv", "customer_id,ordered_at,amount\n" + rows + Orders.Split('\n', 2)[1]), new ImportOptions(), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal((103L, 100L, 3L), (good.RowsRead, good.RowsAdded, good.RowsAlreadyPresent));
        Assert.Equal(103, Count("SELECT count(*) FROM orders"));
    }

    [Fact]
    public void Keyed_rows_loaded_in_chunks_are_merged_as_one_file()
    {
        var importer = new Importer(_temp.Workspace!) { RowsPerChunk = 2 };
        var result = importer.Import("customers", _temp.File("c.csv", "customer_id,name,region\nC1,Ana,\nC2,Bo,North\nC1,,South\nC3,Cy,\nC2,Bob,\n"), new ImportOptions(), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal((5L, 3L, 2L), (result.RowsRead, result.RowsAdded, result.RowsAlreadyPresent));
        Assert.Equal(1, Count("SELECT count(*) FROM customers WHERE customer_id = 'C1' AND name = 'Ana' AND region = 'South'"));
        Assert.Equal(1, Count("SELECT count(*) FROM customers WHERE customer_id = 'C2' AND name = 'Bob' AND region = 'North'"));
    }

    [Fact]
    public void Skip_bad_rows_imports_the_good_ones_and_writes_each_bad_row_with_its_reason()
    {
        var rejects = Path.Combine(_temp.Folder, "rejects.csv");
        var path = _temp.File("orders.csv", "customer_id,ordered_at,amount\nC1,2024-01-05,10\n,2024-01-06,3\nC2,yesterday,x\nC3,2024-01-07,4\n");
        var result = Import("orders", path, new ImportOptions { SkipBadRows = true, RejectsPath = rejects });
        Assert.Equal((4L, 2L, 2L), (result.RowsRead, result.RowsAdded, result.RowsRejected));
        var lines = File.ReadAllLines(rejects);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("3,1,customer_id,,a value: customer_id is required,", lines[1]);
        Assert.Contains("ordered_at: 'yesterday' is not an ISO date", lines[2]);
        Assert.Contains("amount: 'x' is not a number", lines[2]);
        Assert.EndsWith("\"C2,yesterday,x\"", lines[2]);
    }

    [Fact]
    public void Customers_are_merged_by_id_and_unknown_columns_are_kept_in_attributes()
    {
        Import("orders", _temp.File("a.csv", Orders));
        var result = Import("customers", _temp.File("c.csv", "customer_id,name,segment_code,employees\nC1,Ana,X1,12\nC9,Zed,,\n"));
        Assert.Equal((1L, 1L, 0L), (result.RowsAdded, result.RowsUpdated, result.RowsAlreadyPresent));
        Assert.Equal(["segment_code", "employees"], result.AttributeColumns);
        Assert.Equal(3, Count("SELECT count(*) FROM customers"));
        using var command = _temp.Workspace!.Connection.CreateCommand();
        command.CommandText = "SELECT attributes FROM customers WHERE customer_id = 'C1'";
        Assert.Equal("{\"segment_code\":\"X1\",\"employees\":12}", command.ExecuteScalar());
        var again = Import("customers", _temp.File("c2.csv", "customer_id,name\nC1,Ana\nC9,Zoe\n"));
        Assert.Equal((0L, 1L, 1L), (again.RowsAdded, again.RowsUpdated, again.RowsAlreadyPresent));
    }

    [Fact]
    public void Columns_the_table_does_not_know_are_reported_as_ignored()
    {
        var result = Import("orders", _temp.File("a.csv", "customer_id,ordered_at,amount,agent\nC1,2024-01-05,10,Moe\n"));
        Assert.Equal(["agent"], result.IgnoredColumns);
    }

    [Fact]
    public void Where_keeps_matching_rows_and_counts_the_others()
    {
        var path = _temp.File("deals.csv", "id,account,stage,closed,value\nD1,A,Won,2017-03-01,100\nD2,A,Lost,2017-03-02,0\nD3,B,won,2017-03-03,50\n");
        var result = Import("orders", path, new ImportOptions
        {
            Map = new Dictionary<string, string> { ["order_id"] = "id", ["customer_id"] = "account", ["ordered_at"] = "closed", ["amount"] = "value" },
            Where = [new RowFilter("stage", ["Won"])],
        });
        Assert.Equal((3L, 2L, 1L), (result.RowsRead, result.RowsAdded, result.RowsFiltered));
    }

    [Fact]
    public void Whitespace_separated_lines_without_header_and_compact_dates_are_read()
    {
        var path = _temp.File("log.txt", " 00004 0001 19970101  2   29.33\r\n 00004 0001 19970118  2   29.73\r\n");
        var result = Import("orders", path, new ImportOptions
        {
            Delimiter = Delimiter.Whitespace,
            HasHeader = false,
            Columns = ["master_id", "customer_id", "ordered_at", "quantity", "amount"],
            DateFormat = "yyyyMMdd",
        });
        Assert.Equal(2, result.RowsAdded);
        Assert.Equal(["master_id"], result.IgnoredColumns);
        Assert.Equal(2, Count("SELECT count(*) FROM orders WHERE customer_id = '0001' AND quantity = 2"));
    }

    [Fact]
    public void Quoted_fields_may_hold_delimiters_quotes_and_newlines()
    {
        var path = _temp.File("c.csv", "customer_id;name\r\nC1;\"Smith; \"\"Jr\"\"\nand sons\"\r\nC2;Plain\r\n");
        var result = Import("customers", path);
        Assert.Equal(2, result.RowsAdded);
        using var command = _temp.Workspace!.Connection.CreateCommand();
        command.CommandText = "SELECT name FROM customers WHERE customer_id = 'C1'";
        Assert.Equal("Smith; \"Jr\"\nand sons", command.ExecuteScalar());
    }

    [Fact]
    public void A_spreadsheet_export_with_a_byte_order_mark_and_crlf_is_read_as_plain_text()
    {
        var bytes = new System.Text.UTF8Encoding(true).GetPreamble()
            .Concat(System.Text.Encoding.UTF8.GetBytes("Customer_ID;Name;Kind\r\nC1;Müller GmbH;Organization\r\nC2;José;person\r\n")).ToArray();
        var result = Import("customers", _temp.Bytes("excel.csv", bytes));
        Assert.Equal(2, result.RowsAdded);
        Assert.Empty(result.IgnoredColumns);
        Assert.Equal(1, Count("SELECT count(*) FROM customers WHERE customer_id = 'C1' AND name = 'Müller GmbH' AND kind = 'organization'"));
    }

    [Fact]
    public void Decimal_commas_are_read_with_the_option_and_explained_without_it()
    {
        var path = _temp.File("eu.csv", "customer_id;ordered_at;amount;margin\nC1;2024-01-05;12,50;-1,25\nC2;2024-01-06;3;0,5\n");
        var failure = Assert.Throws<ImportFailedException>(() => Import("orders", path));
        Assert.Contains("'12,50' is not a number (like 12.50; '.' as the decimal point; for 12,50 pass --decimal-comma)", failure.Message);
        var result = Import("orders", path, new ImportOptions { DecimalComma = true });
        Assert.Equal(2, result.RowsAdded);
        Assert.Equal(1, Count("SELECT count(*) FROM orders WHERE amount = 12.5 AND margin = -1.25"));
        Assert.Equal(1, Count("SELECT count(*) FROM orders WHERE amount = 3 AND margin = 0.5"));
    }

    [Fact]
    public void Spelled_out_headers_match_their_fields_and_are_reported()
    {
        var result = Import("orders", _temp.File("crm.csv", "Customer ID,OrderedAt,Amount ($),Sales Agent\nC1,2024-01-05,10,Moe\n"));
        Assert.Equal(1, result.RowsAdded);
        Assert.Equal(["Customer ID → customer_id", "OrderedAt → ordered_at", "Amount ($) → amount"], result.MatchedByName);
        Assert.Equal(["Sales Agent"], result.IgnoredColumns);
        Assert.Equal("customer_id", Clientele.Storage.Import.ColumnPlan.SnakeCase("customerID"));
        Assert.Equal("detergents_paper", Clientele.Storage.Import.ColumnPlan.SnakeCase("Detergents_Paper"));
    }

    [Fact]
    public void Generated_ids_number_the_lines_so_a_reimport_matches()
    {
        var path = _temp.File("w.csv", "Channel,Region,Fresh\n2,3,12669\n1,3,7057\n");
        var options = new ImportOptions { GenerateIds = "W" };
        Assert.Equal(2, Import("customers", path, options).RowsAdded);
        Assert.Equal(2, Count("SELECT count(*) FROM customers WHERE customer_id IN ('W2', 'W3')"));
    }

    [Fact]
    public void Defaults_fill_missing_columns_and_empty_cells()
    {
        var path = _temp.File("i.csv", "customer_id,occurred_at,stage\nA,2017-01-02,Engaging\nB,,Prospecting\n");
        var result = Import("interactions", path, new ImportOptions
        {
            Map = new Dictionary<string, string> { ["tag"] = "stage" },
            Defaults = new Dictionary<string, string> { ["kind"] = "opportunity", ["occurred_at"] = "2017-12-31" },
        });
        Assert.Equal(2, result.RowsAdded);
        Assert.Equal(1, Count("SELECT count(*) FROM interactions WHERE customer_id = 'B' AND occurred_at = '2017-12-31' AND kind = 'opportunity'"));
    }

    [Fact]
    public void An_import_bounds_the_engine_memory_while_it_runs_and_gives_it_back()
    {
        string Limit()
        {
            using var command = _temp.Workspace!.Connection.CreateCommand();
            command.CommandText = "SELECT current_setting('memory_limit')";
            return (string)command.ExecuteScalar()!;
        }
        var before = Limit();
        var during = new List<string>();
        var result = new Importer(_temp.Workspace!).Import("orders", _temp.File("o.csv", Orders), new ImportOptions(), new Reported(_ => during.Add(Limit())),
            TestContext.Current.CancellationToken);
        Assert.Equal(3, result.RowsAdded);
        // DuckDB states a limit in its own units (3,072 MB is "2.8 GiB"): the bound as DuckDB states it, asked of another database.
        using var other = new DuckDBConnection("DataSource=:memory:");
        other.Open();
        using (var set = other.CreateCommand())
        {
            set.CommandText = $"SET memory_limit = '{Workspace.EngineMemoryLimitMegabytes}MB'";
            set.ExecuteNonQuery();
        }
        using var read = other.CreateCommand();
        read.CommandText = "SELECT current_setting('memory_limit')";
        var bound = (string)read.ExecuteScalar()!;
        Assert.NotEmpty(during);
        Assert.All(during, limit => Assert.Equal(bound, limit));
        Assert.NotEqual(bound, before);
        Assert.Equal(before, Limit());
    }

    /// <summary>Progress reported on the importing thread, as it happens (<see cref="Progress{T}"/> posts it elsewhere, later).</summary>
    private sealed class Reported(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }

    public void Dispose() => _temp.Dispose();
}
