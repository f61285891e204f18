using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Clientele.Storage;
using Clientele.Storage.Access;
using Clientele.Storage.Import;
using Clientele.Web.Api;

namespace Clientele.Web.Tests.Api;

public sealed class ImportsApiTests : IClassFixture<ImportsApiTests.Server>
{
    public sealed class Server : IDisposable
    {
        public ClienteleFactory Factory { get; } = new();
        public void Dispose() => Factory.Dispose();
    }

    private const string Malformed = "order_id,customer_id,ordered_at,amount\nBAD-1,UPLOAD-C1,2024-01-05,12.50\nBAD-2,UPLOAD-C1,2024-01-06,twelve\n";

    private readonly ClienteleFactory _factory;

    public ImportsApiTests(Server server) => _factory = server.Factory;

    private static MultipartFormDataContent Form(string table, string fileName, string text, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent { { new StringContent(table), "table" }, { new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", fileName } };
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        return form;
    }

    [Fact]
    public async Task A_good_upload_adds_its_rows_and_appears_in_the_history_under_its_own_name()
    {
        var before = _factory.Workspace.Read(Sql.Counts);
        var text = "order_no;client;day;total\nUP-1;UPLOAD-G1;2024-02-01;10,50\nUP-2;UPLOAD-G1;2024-02-03;7,25\nUP-3;UPLOAD-G2;2024-02-04;3,00\n";
        var response = await _factory.ClientWithKey(Role.Analyst).PostAsync("/api/imports", Form("orders", "good.csv", text,
            ("delimiter", ";"), ("decimalComma", "true"), ("map", "order_id=order_no"), ("map", "customer_id=client"), ("map", "ordered_at=day"), ("map", "amount=total")),
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outcome = await response.Content.ReadFromJsonAsync<ImportOutcome>(TestContext.Current.CancellationToken);
        Assert.Equal((3L, 3L, 2L), (outcome!.RowsRead, outcome.RowsAdded, outcome.CustomersCreated));
        var after = _factory.Workspace.Read(Sql.Counts);
        Assert.Equal(before["orders"] + 3, after["orders"]);
        Assert.Equal(before["customers"] + 2, after["customers"]);
        var amount = _factory.Workspace.Read(w => w.Scalar<double>("SELECT sum(amount) FROM orders WHERE order_id LIKE 'UP-%'"));
        Assert.Equal(20.75, amount, 6);
        var history = await _factory.ClientWithKey(Role.Viewer).GetFromJsonAsync<List<ImportRecord>>("/api/imports", TestContext.Current.CancellationToken);
        Assert.Equal("upload:good.csv", history!.Single(i => i.ImportId == outcome.ImportId).SourcePath);
    }

    [Fact]
    public async Task A_malformed_upload_is_a_400_listing_the_errors_as_the_command_line_does_and_imports_nothing()
    {
        var before = _factory.Workspace.Read(Sql.Counts);
        var response = await _factory.ClientWithKey(Role.Analyst).PostAsync("/api/imports", Form("orders", "orders.csv", Malformed), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        var error = problem["errors"]![0]!;

        // The command line's importer on the same file, named the same, reports the same place and words.
        var folder = Directory.CreateTempSubdirectory("clientele-cli-").FullName;
        var path = Path.Combine(folder, "orders.csv");
        ImportFailedException cli;
        try
        {
            File.WriteAllText(path, Malformed);
            cli = await Assert.ThrowsAsync<ImportFailedException>(() =>
                _factory.Workspace.WriteAsync(w => new Importer(w).Import("orders", path, new ImportOptions()), TestContext.Current.CancellationToken));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
        var cliError = cli.Errors[0] with { File = "orders.csv" };
        Assert.Equal(3, error["line"]!.GetValue<long>());
        Assert.Equal(4, error["column"]!.GetValue<int>());
        Assert.Equal(cliError.Line, error["line"]!.GetValue<long>());
        Assert.Equal(cliError.Column, error["column"]!.GetValue<int>());
        Assert.Equal(cliError.ToString(), error["message"]!.GetValue<string>());
        Assert.StartsWith("orders.csv:3:4 (amount): 'twelve'", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(cli.Message.Replace(path, "orders.csv", StringComparison.Ordinal), problem["detail"]!.GetValue<string>());
        Assert.Equal(before, _factory.Workspace.Read(Sql.Counts));
    }

    [Fact]
    public async Task With_skip_bad_rows_the_good_rows_go_in_and_the_bad_ones_come_back_with_their_reasons()
    {
        var before = _factory.Workspace.Read(Sql.Counts);
        var text = Malformed.Replace("BAD-", "SKIP-", StringComparison.Ordinal);
        var response = await _factory.ClientWithKey(Role.Analyst).PostAsync("/api/imports", Form("orders", "skip.csv", text, ("skipBadRows", "true")), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain(Path.GetTempPath().TrimEnd('/'), body, StringComparison.Ordinal);
        var outcome = System.Text.Json.JsonSerializer.Deserialize<ImportOutcome>(body, System.Text.Json.JsonSerializerOptions.Web)!;
        Assert.Equal((1L, 1L), (outcome.RowsAdded, outcome.RowsRejected));
        var rejected = Assert.Single(outcome.Rejected);
        Assert.Equal((3L, 4, "amount", "twelve"), (rejected.Line, rejected.Column, rejected.ColumnName, rejected.Value));
        Assert.Equal("SKIP-2,UPLOAD-C1,2024-01-06,twelve", rejected.Record);
        Assert.Equal(before["orders"] + 1, _factory.Workspace.Read(Sql.Counts)["orders"]);
    }

    [Fact]
    public async Task A_viewer_gets_403_and_nothing_changes_and_no_credentials_is_a_401()
    {
        var before = _factory.Workspace.Read(Sql.Counts);
        var text = "order_id,customer_id,ordered_at,amount\nVIEW-1,UPLOAD-V1,2024-01-05,12.50\n";
        var response = await _factory.ClientWithKey(Role.Viewer).PostAsync("/api/imports", Form("orders", "v.csv", text), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, _factory.Workspace.Read(Sql.Counts));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.Anonymous().PostAsync("/api/imports", Form("orders", "v.csv", text), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.Anonymous().GetAsync("/api/imports", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Bad_options_and_unknown_tables_are_400s_with_the_command_lines_words()
    {
        var client = _factory.ClientWithKey(Role.Analyst);
        var table = await client.PostAsync("/api/imports", Form("invoices", "x.csv", Malformed), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, table.StatusCode);
        Assert.Contains("unknown table 'invoices'", await table.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var delimiter = await client.PostAsync("/api/imports", Form("orders", "x.csv", Malformed, ("delimiter", "|")), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, delimiter.StatusCode);
        Assert.Contains("delimiter '|' is not one of", await delimiter.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var map = await client.PostAsync("/api/imports", Form("orders", "x.csv", Malformed, ("map", "amount")), TestContext.Current.CancellationToken);
        Assert.Contains("map expects field=value, not 'amount'", await map.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wide_spend_table_with_recoded_codes_is_uploaded_with_the_command_lines_options_and_notes_come_back()
    {
        var text = "client,Channel,Fresh,Milk\nUPW-1,2,100,0\nUPW-2,1,5,20\n";
        var client = _factory.ClientWithKey(Role.Analyst);
        var response = await client.PostAsync("/api/imports", Form("orders", "spend.csv", text,
            ("map", "customer_id=client"), ("linesFromColumns", "Fresh,Milk"), ("period", "2011"), ("recode", "channel=1:Horeca,2:Retail")),
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outcome = await response.Content.ReadFromJsonAsync<ImportOutcome>(TestContext.Current.CancellationToken);
        Assert.Equal((2L, 3L), (outcome!.RowsRead, outcome.RowsAdded));
        Assert.Equal(1, _factory.Workspace.Read(w => w.Scalar<long>("SELECT count(*) FROM orders WHERE order_id = 'UPW-1/Fresh/2011' AND channel = 'Retail' AND period_start = TIMESTAMP '2011-01-01'")));
        var period = await client.PostAsync("/api/imports", Form("orders", "spend.csv", text, ("linesFromColumns", "Fresh")), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, period.StatusCode);
        Assert.Contains("linesFromColumns needs period", await period.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var products = await client.PostAsync("/api/imports", Form("orders", "p.csv", "customer_id,ordered_at,amount,product_id\nUPW-1,2024-01-01,1,UPW-NOPRODUCT\n"),
            TestContext.Current.CancellationToken);
        var notes = (await products.Content.ReadFromJsonAsync<ImportOutcome>(TestContext.Current.CancellationToken))!.Notes;
        Assert.Contains(notes, n => n.Contains("UPW-NOPRODUCT", StringComparison.Ordinal) || n.Contains("products table is empty", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_upload_whose_name_is_longer_than_a_file_system_allows_is_imported_under_a_shortened_name()
    {
        var name = new string('\u00e9', 300) + ".csv";
        var text = "order_id,customer_id,ordered_at,amount\nLONG-1,UPLOAD-L1,2024-03-01,5\n";
        var response = await _factory.ClientWithKey(Role.Analyst).PostAsync("/api/imports", Form("orders", name, text), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outcome = await response.Content.ReadFromJsonAsync<ImportOutcome>(TestContext.Current.CancellationToken);
        Assert.EndsWith("....csv", outcome!.File, StringComparison.Ordinal);
        Assert.InRange(Encoding.UTF8.GetByteCount(outcome.File), 100, ImportsApi.MaxFileNameBytes);
    }

    [Fact]
    public async Task A_form_without_a_file_is_a_400_and_a_body_that_is_not_a_form_a_415()
    {
        var analyst = _factory.ClientWithKey(Role.Analyst);
        var noFile = await analyst.PostAsync("/api/imports", new MultipartFormDataContent { { new StringContent("orders"), "table" } }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
        Assert.Contains("field 'file'", await noFile.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var json = await analyst.PostAsJsonAsync("/api/imports", new { table = "orders" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
    }
}
