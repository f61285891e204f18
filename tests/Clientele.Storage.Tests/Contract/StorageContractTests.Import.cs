using System.Globalization;
using System.Text;
using Clientele.Storage.Import;
using Clientele.Storage.Schema;

namespace Clientele.Storage.Tests.Contract;

/// <summary>
/// The contract's import (<see cref="Importer"/>): the same rows, counts, messages and refusals on every provider; an import
/// is whole or nothing, a re-import adds nothing, and a bad row is named by file, line and column.
/// </summary>
public abstract partial class StorageContractTests
{
    private const string Orders = "customer_id,ordered_at,amount\nC1,2024-01-05,10\nC1,2024-01-05,10\nC2,2024-02-01T09:30:00,5.5\n";

    private TempWorkspace? _files;

    /// <summary>Writes a file for import in a folder this test owns and returns its path.</summary>
    private string File(string name, string content) => (_files ??= new TempWorkspace(create: false)).File(name, content);

    private static ImportResult Import(Workspace workspace, string table, string path, ImportOptions? options = null, int rowsPerChunk = ValidatedRows.DefaultChunkRows) =>
        new Importer(workspace) { RowsPerChunk = rowsPerChunk }.Import(table, path, options ?? new ImportOptions());

    private static long Count(Workspace workspace, string sql) => workspace.Scalar<long>(sql);

    /// <summary>The import must fail and leave every table and the record of imports as they were.</summary>
    private static ImportFailedException Refused(Workspace workspace, string table, string path, ImportOptions? options = null, int rowsPerChunk = ValidatedRows.DefaultChunkRows)
    {
        var before = workspace.CountRows();
        var imports = workspace.Imports().Count;
        var failure = Assert.Throws<ImportFailedException>(() => Import(workspace, table, path, options, rowsPerChunk));
        Assert.Equal(before, workspace.CountRows());
        Assert.Equal(imports, workspace.Imports().Count);
        return failure;
    }

    /// <summary>A file of <paramref name="rows"/> good orders (ids O0...), then the lines given.</summary>
    private string ManyOrders(string name, int rows, params string[] then)
    {
        var text = new StringBuilder("order_id,customer_id,ordered_at,amount\n");
        for (var i = 0; i < rows; i++) text.Append(CultureInfo.InvariantCulture, $"O{i},C{i % 97},2024-{1 + i % 12:00}-{1 + i % 28:00},{i % 1000}.25\n");
        foreach (var line in then) text.Append(line).Append('\n');
        return File(name, text.ToString());
    }

    [Fact]
    public void Imported_orders_create_the_customers_they_name_and_the_same_rows_again_add_nothing()
    {
        using var workspace = NewWorkspace();
        var a = File("a.csv", Orders);
        var first = Import(workspace, "orders", a);
        Assert.Equal((3L, 3L, 2L), (first.RowsRead, first.RowsAdded, first.CustomersCreated));
        Assert.Equal(2, Count(workspace, "SELECT count(*) FROM customers"));
        Assert.Equal(3, Count(workspace, "SELECT count(*) FROM orders WHERE status = 'completed'"));

        // Same rows, reordered, another spelling of the date, plus one more copy of the repeated line and a new row.
        var second = Import(workspace, "orders", File("b.csv",
            "amount,customer_id,ordered_at\n5.5,C2,2024-02-01 09:30:00\n10,C1,2024-01-05T00:00:00\n10,C1,2024-01-05\n10,C1,2024-01-05\n7,C3,2024-03-01\n"));
        Assert.Equal((5L, 2L, 3L, 1L), (second.RowsRead, second.RowsAdded, second.RowsAlreadyPresent, second.CustomersCreated));
        Assert.Equal(3, Count(workspace, "SELECT count(*) FROM orders WHERE customer_id = 'C1'"));

        var again = Import(workspace, "orders", a);
        Assert.NotNull(again.PreviousImport);
        Assert.Equal(0, again.RowsAdded);
        Assert.Equal(5, Count(workspace, "SELECT count(*) FROM orders"));
        Assert.Equal(2, workspace.Imports().Count);
    }

    [Fact]
    public void Orders_with_an_id_are_keyed_on_it_across_imports_and_chunks()
    {
        using var workspace = NewWorkspace();
        Assert.Equal(2_000, Import(workspace, "orders", ManyOrders("a.csv", 2_000), rowsPerChunk: 300).RowsAdded);
        var second = Import(workspace, "orders", File("b.csv", "order_id,customer_id,ordered_at,amount\nO2,C2,2024-01-06,99\nN1,C500,2024-01-07,3\n"));
        Assert.Equal((1L, 1L, 1L), (second.RowsAdded, second.RowsAlreadyPresent, second.CustomersCreated));
        Assert.Equal(2.25, workspace.Scalar<double>("SELECT amount FROM orders WHERE order_id = 'O2'"));
        Assert.Equal(2_001, Count(workspace, "SELECT count(*) FROM orders"));
        Assert.Equal(98, Count(workspace, "SELECT count(*) FROM customers"));
    }

    [Fact]
    public void Rows_without_an_id_get_the_content_hashes_DuckDB_gives_them_all_64_bits_of_them()
    {
        using var reference = new TempWorkspace();
        using var workspace = NewWorkspace();
        var text = new StringBuilder("customer_id,ordered_at,amount,channel\n");
        // Every fifth row twice: identical rows are told apart by their occurrence.
        for (var i = 0; i < 200; i++)
        {
            var row = string.Create(CultureInfo.InvariantCulture, $"C{i % 13},2024-03-{1 + i % 28:00} 10:{i % 60:00}:00,{i % 7}.5,{(i % 3 == 0 ? "" : "web")}\n");
            text.Append(row);
            if (i % 5 == 0) text.Append(row);
        }
        var path = File("orders.csv", text.ToString());
        Import(reference.Workspace!, "orders", path);
        Import(workspace, "orders", path);
        var sql = $"SELECT CAST({WorkspaceSchema.RowHashColumn} AS VARCHAR) AS h, {WorkspaceSchema.RowOccurrenceColumn} FROM orders";
        var expected = Hashes(reference.Workspace!, sql);
        Assert.Equal(240, expected.Count);
        Assert.Contains(expected, h => ulong.Parse(h.Hash, CultureInfo.InvariantCulture) > long.MaxValue);
        Assert.Contains(expected, h => h.Occurrence > 1);
        Assert.Equal(expected, Hashes(workspace, sql));
    }

    private static List<(string Hash, long Occurrence)> Hashes(Workspace workspace, string sql)
    {
        using var command = workspace.Command(sql);
        using var reader = command.ExecuteReader();
        var rows = new List<(string, long)>();
        while (reader.Read()) rows.Add((reader.GetString(0), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture)));
        return [.. rows.OrderBy(r => r.Item1, StringComparer.Ordinal).ThenBy(r => r.Item2)];
    }

    [Fact]
    public void A_bad_value_after_thousands_of_loaded_rows_is_named_by_file_line_and_column_and_nothing_is_stored()
    {
        using var workspace = NewWorkspace();
        Import(workspace, "orders", File("first.csv", "order_id,customer_id,ordered_at,amount\nS1,C1,2024-01-05,10\n"));
        var path = ManyOrders("orders.csv", 5_000, "X1,C1,05/01/2024,11");
        var failure = Refused(workspace, "orders", path, rowsPerChunk: 700);
        var error = Assert.Single(failure.Errors);
        Assert.Equal((5_002L, 3, "ordered_at", "05/01/2024"), (error.Line, error.Column, error.ColumnName, error.Value));
        Assert.Contains($"{path}:5002:3 (ordered_at): '05/01/2024' is not an ISO date", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, Count(workspace, "SELECT count(*) FROM orders"));
    }

    [Fact]
    public void A_cancelled_import_stores_nothing_and_the_workspace_takes_the_next_import()
    {
        using var workspace = NewWorkspace();
        Import(workspace, "orders", File("first.csv", "order_id,customer_id,ordered_at,amount\nS1,C1,2024-01-05,10\n"));
        var before = workspace.CountRows();
        using var cancel = new CancellationTokenSource();
        var path = ManyOrders("orders.csv", 60_000);
        // Cancelled from the first progress report: rows have been read and handed to the engine, none committed.
        var progress = new SyncProgress(p => { if (p.Rows > 0) cancel.Cancel(); });
        Assert.ThrowsAny<OperationCanceledException>(() => new Importer(workspace) { RowsPerChunk = 5_000 }.Import("orders", path, new ImportOptions(), progress, cancel.Token));
        Assert.Equal(before, workspace.CountRows());
        Assert.Single(workspace.Imports());
        Assert.Equal(60_000, Import(workspace, "orders", path).RowsAdded);
    }

    /// <summary>Reports on the importer's own thread, at once (<see cref="Progress{T}"/> would post to the thread pool).</summary>
    private sealed class SyncProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }

    [Fact]
    public void A_reference_to_a_missing_row_is_refused_with_its_line_after_the_rows_are_loaded_and_nothing_is_stored()
    {
        using var workspace = NewWorkspace();
        Import(workspace, "contacts", File("contacts.csv", "contact_id,customer_id,name\nP1,C1,Ann\nP2,C1,Bo\n"));
        var path = File("roles.csv", "contact_id,role\nP1,payer\nP9,decider\nP2,user\n");
        var failure = Refused(workspace, "buying_roles", path);
        var error = Assert.Single(failure.Errors);
        Assert.Equal((3L, 1, "contact_id", "P9"), (error.Line, error.Column, error.ColumnName, error.Value));
        Assert.Contains("a contact_id of the contacts table", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_skip_bad_rows_the_good_rows_are_stored_and_the_bad_ones_written_to_the_rejects_file()
    {
        using var workspace = NewWorkspace();
        Import(workspace, "contacts", File("contacts.csv", "contact_id,customer_id\nP1,C1\n"));
        var rejects = Path.Combine(_files!.Folder, "roles.rejects.csv");
        var result = Import(workspace, "buying_roles", File("roles.csv", "contact_id,role\nP1,payer\nP9,decider\nP1,boss\n"),
            new ImportOptions { SkipBadRows = true, RejectsPath = rejects });
        Assert.Equal((3L, 1L, 2L), (result.RowsRead, result.RowsAdded, result.RowsRejected));
        Assert.Equal(1, Count(workspace, "SELECT count(*) FROM buying_roles WHERE contact_id = 'P1' AND role = 'payer'"));
        var rejected = System.IO.File.ReadAllText(rejects);
        Assert.Contains("P9,decider", rejected, StringComparison.Ordinal);
        Assert.Contains("P1,boss", rejected, StringComparison.Ordinal);
    }

    [Fact]
    public void Customers_are_merged_by_key_a_later_non_empty_value_winning_within_a_file()
    {
        using var workspace = NewWorkspace();
        var first = Import(workspace, "customers", File("a.csv", "customer_id,name,country\nC1,Ann,DE\nC2,Bo,FR\nC1,,AT\n"));
        Assert.Equal((2L, 0L), (first.RowsAdded, first.RowsUpdated));
        Assert.Equal("Ann AT", workspace.Scalar<string>("SELECT name || ' ' || country FROM customers WHERE customer_id = 'C1'"));
        var second = Import(workspace, "customers", File("b.csv", "customer_id,name,country\nC2,Bo,FR\nC1,,CH\nC3,Cy,\n"));
        Assert.Equal((1L, 1L, 1L), (second.RowsAdded, second.RowsUpdated, second.RowsAlreadyPresent));
        Assert.Equal("Ann CH", workspace.Scalar<string>("SELECT name || ' ' || country FROM customers WHERE customer_id = 'C1'"));
        Assert.Equal(3, Count(workspace, "SELECT count(*) FROM customers"));
    }

    [Fact]
    public void Referrals_are_stored_once_per_pair_and_name_the_customers_they_create()
    {
        using var workspace = NewWorkspace();
        var first = Import(workspace, "referrals", File("a.csv", "referrer_id,referred_id\nC1,C2\nC1,C2\nC2,C3\n"));
        Assert.Equal((2L, 3L), (first.RowsAdded, first.CustomersCreated));
        var second = Import(workspace, "referrals", File("b.csv", "referrer_id,referred_id\nC2,C3\nC3,C4\n"));
        Assert.Equal((1L, 1L, 1L), (second.RowsAdded, second.RowsAlreadyPresent, second.CustomersCreated));
        Assert.Equal(3, Count(workspace, "SELECT count(*) FROM referrals"));
    }

    [Fact]
    public void A_parquet_file_is_read_by_DuckDB_and_imported_with_the_mapping_of_a_csv_file()
    {
        using var workspace = NewWorkspace();
        var path = File("o.csv", "") + ".parquet";
        using (var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                COPY (SELECT * FROM (VALUES ('C1', DATE '2024-01-05', 10.5::DOUBLE), ('C2', DATE '2024-02-01', 5::DOUBLE)) t(client, day, amount))
                TO '{path}' (FORMAT parquet)
                """;
            command.ExecuteNonQuery();
        }
        var result = Import(workspace, "orders", path, new ImportOptions { Map = new Dictionary<string, string> { ["customer_id"] = "client", ["ordered_at"] = "day" } });
        Assert.Equal((2L, 2L, 2L), (result.RowsRead, result.RowsAdded, result.CustomersCreated));
        Assert.Equal(15.5, workspace.Scalar<double>("SELECT sum(amount) FROM orders"));
        Assert.Equal(10.5, workspace.Scalar<double>("SELECT amount FROM orders WHERE customer_id = 'C1' AND ordered_at = TIMESTAMP '2024-01-05'"));
    }

    [Fact]
    public void An_import_records_its_source_counts_and_times()
    {
        using var workspace = NewWorkspace();
        var path = File("a.csv", Orders);
        Import(workspace, "orders", path);
        var record = Assert.Single(workspace.Imports());
        Assert.Equal(("orders", Path.GetFullPath(path), 3L, 3L, 2L), (record.Table, record.SourcePath, record.RowsRead, record.RowsAdded, record.CustomersCreated));
        Assert.Equal(new FileInfo(path).Length, record.SourceBytes);
    }
}
