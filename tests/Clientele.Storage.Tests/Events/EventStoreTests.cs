using System.Text;
using Clientele.Storage.Events;
using Clientele.Storage.Import;
using Clientele.Storage.Removal;

namespace Clientele.Storage.Tests.Events;

/// <summary>Storing event batches: one import over several tables, idempotent, whole or not at all, undone as any import.</summary>
public sealed class EventStoreTests : IDisposable
{
    private static readonly DateTime Noon = new(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private readonly TempWorkspace _temp = new();

    private Workspace Workspace => _temp.Workspace!;

    private const string Batch = """
        {
          "orders": [
            { "order_id": "E-1", "customer_id": "C1", "ordered_at": "2025-02-01", "amount": 120.5, "product_line": "coffee" },
            { "order_id": "E-2", "customer_id": "C2", "ordered_at": "2025-02-02T10:30:00", "amount": "40", "status": "Returned" }
          ],
          "interactions": [
            { "customer_id": "C1", "occurred_at": "2025-02-03", "kind": "complaint", "text": "late\r\ndelivery, \"again\"" }
          ],
          "referrals": [
            { "referrer_id": "C1", "referred_id": "C9", "occurred_at": "2025-02-04" }
          ]
        }
        """;

    private EventBatchResult Store(string json) =>
        EventStore.Store(Workspace, EventBatch.Parse(Encoding.UTF8.GetBytes(json)), "api:events", TimeProvider.System, TestContext.Current.CancellationToken);

    private EventBatchRefusedException Refused(string json) => Assert.Throws<EventBatchRefusedException>(() => Store(json));

    private Dictionary<string, long> Rows() => Workspace.CountRows().ToDictionary(p => p.Key, p => p.Value);

    private void ImportCustomers() =>
        new Importer(Workspace, TimeProvider.System).Import("customers", _temp.File("c.csv", "customer_id,name\nC1,Ada\n"), new ImportOptions(), null, TestContext.Current.CancellationToken);

    [Fact]
    public void A_batch_of_three_tables_is_stored_as_one_import_with_its_counts_its_customers_and_the_values_converted_as_a_file_s()
    {
        ImportCustomers();

        var result = Store(Batch);

        Assert.Equal(2, result.ImportId);
        Assert.Equal(
            [new EventTableCounts("orders", 2, 2, 0), new EventTableCounts("interactions", 1, 1, 0), new EventTableCounts("referrals", 1, 1, 0)],
            result.Tables);
        Assert.Equal(["C1", "C2", "C9"], result.AffectedCustomers);
        Assert.Equal(["C2", "C9"], result.CustomersCreated);
        var import = Workspace.Imports().Single(i => i.ImportId == result.ImportId);
        Assert.Equal(("orders, interactions, referrals", "api:events", 4L, 4L, 0L, 2L), (import.Table, import.SourcePath, import.RowsRead, import.RowsAdded, import.RowsAlreadyPresent, import.CustomersCreated));
        Assert.Equal(2, Workspace.Scalar<long>("SELECT count(*) FROM orders WHERE import_id = 2"));
        Assert.Equal(160.5, Workspace.Scalar<double>("SELECT sum(amount) FROM orders"));
        Assert.Equal("returned", Workspace.Scalar<string>("SELECT status FROM orders WHERE order_id = 'E-2'"));
        Assert.Equal("completed", Workspace.Scalar<string>("SELECT status FROM orders WHERE order_id = 'E-1'"));
        Assert.Equal("2025-02-02 10:30:00", Workspace.Scalar<string>("SELECT strftime(ordered_at, '%Y-%m-%d %H:%M:%S') FROM orders WHERE order_id = 'E-2'"));
        Assert.Equal("late\ndelivery, \"again\"", Workspace.Scalar<string>("SELECT text FROM interactions"));
        Assert.Equal(1, Workspace.Scalar<long>("SELECT count(*) FROM interactions WHERE row_hash IS NOT NULL AND import_id = 2"));
        Assert.Equal(1, Workspace.Scalar<long>("SELECT count(*) FROM referrals WHERE referrer_id = 'C1' AND referred_id = 'C9' AND import_id = 2"));
        Assert.Equal(3, Rows()["customers"]);
    }

    [Fact]
    public void The_same_batch_again_stores_nothing_records_no_import_and_says_every_row_was_present()
    {
        var first = Store(Batch);
        var rows = Rows();

        var again = Store(Batch);

        Assert.Null(again.ImportId);
        Assert.False(again.Stored);
        Assert.Equal(
            [new EventTableCounts("orders", 2, 0, 2), new EventTableCounts("interactions", 1, 0, 1), new EventTableCounts("referrals", 1, 0, 1)],
            again.Tables);
        Assert.Equal(first.AffectedCustomers, again.AffectedCustomers);
        Assert.Empty(again.CustomersCreated);
        Assert.Equal(rows, Rows());
        Assert.Equal([first.ImportId!.Value], Workspace.Imports().Select(i => i.ImportId));
    }

    [Fact]
    public void A_batch_with_some_rows_stored_already_adds_only_the_new_ones_by_id_and_by_content()
    {
        Store(Batch);

        var result = Store("""
            {
              "orders": [
                { "order_id": "E-1", "customer_id": "C1", "ordered_at": "2025-02-01", "amount": 999 },
                { "order_id": "E-3", "customer_id": "C3", "ordered_at": "2025-02-05", "amount": 5 }
              ],
              "interactions": [
                { "customer_id": "C1", "occurred_at": "2025-02-03", "kind": "complaint", "text": "late\r\ndelivery, \"again\"" },
                { "customer_id": "C1", "occurred_at": "2025-02-03", "kind": "complaint", "text": "late\r\ndelivery, \"again\"" }
              ]
            }
            """);

        Assert.Equal(
            [new EventTableCounts("orders", 2, 1, 1), new EventTableCounts("interactions", 2, 1, 1), new EventTableCounts("referrals", 0, 0, 0)],
            result.Tables);
        Assert.Equal(["C3"], result.CustomersCreated);
        Assert.Equal(120.5, Workspace.Scalar<double>("SELECT amount FROM orders WHERE order_id = 'E-1'"));
        Assert.Equal(2, Workspace.Scalar<long>("SELECT count(*) FROM interactions"));
    }

    [Fact]
    public void A_bad_last_referral_leaves_the_workspace_unchanged_orders_interactions_and_customers_included()
    {
        ImportCustomers();
        var rows = Rows();
        var bad = Batch.Replace("""{ "referrer_id": "C1", "referred_id": "C9", "occurred_at": "2025-02-04" }""",
            """{ "referrer_id": "C1", "referred_id": "C9" }, { "referrer_id": "C2", "occurred_at": "2025-02-31" }""", StringComparison.Ordinal);

        var refused = Refused(bad);

        Assert.Equal(
            ["referrals[1].referred_id: a value: referred_id is required",
             "referrals[1].occurred_at: \"2025-02-31\" is not an ISO date or date-time (like 2024-03-31 or 2024-03-31T14:05:00; pass --date-format for other shapes)"],
            refused.Errors.Select(e => e.Message));
        Assert.Equal(2, refused.TotalErrors);
        Assert.StartsWith("The events were not stored: 2 errors. The workspace is unchanged.", refused.Message, StringComparison.Ordinal);
        Assert.Equal(rows, Rows());
        Assert.Equal([1], Workspace.Imports().Select(i => i.ImportId));
        Assert.Equal(2, Store(Batch).ImportId);
    }

    [Fact]
    public void A_value_is_refused_with_the_importer_s_own_words_for_the_same_value_in_a_file()
    {
        var file = _temp.File("o.csv", "order_id,customer_id,ordered_at,amount,status\nO1,C1,2024-01-05,\"12,x\",lost\n");
        var fromFile = Assert.Throws<ImportFailedException>(() =>
            new Importer(Workspace, TimeProvider.System).Import("orders", file, new ImportOptions(), null, TestContext.Current.CancellationToken)).Errors;

        var fromEvents = Refused("""{ "orders": [ { "order_id": "O1", "customer_id": "C1", "ordered_at": "2024-01-05", "amount": "12,x", "status": "lost" } ] }""").Errors;

        Assert.Equal(fromFile.Select(e => (e.ColumnName, e.Value, e.Expected)), fromEvents.Select(e => (e.Field, e.Value, e.Expected)));
        Assert.Equal("orders[0].amount: \"12,x\" is not a number (like 12.50; '.' as the decimal point; for 12,50 pass --decimal-comma)", fromEvents[0].Message);
        Assert.Equal("orders[0].status: \"lost\" is not one of: completed, returned, cancelled", fromEvents[1].Message);
    }

    [Theory]
    [InlineData("""{ "orders": [ { "customer_id": "C1", "ordered_at": "2024-01-05" } ] }""", "orders[0].amount: a value: amount is required")]
    [InlineData("""{ "orders": [ { "customer_id": "C1", "ordered_at": "2024-01-05", "amount": 1e13 } ] }""", "orders[0].amount: \"1e13\" is not a number less than 1e12 in magnitude (1,000,000,000,000)")]
    [InlineData("""{ "orders": [ { "customer_id": "C1", "ordered_at": "2024-01-05", "amount": 1e999 } ] }""", "orders[0].amount: \"1e999\" is not a number (like 12.50; '.' as the decimal point; for 12,50 pass --decimal-comma)")]
    [InlineData("""{ "orders": [ { "customer_id": "C1", "ordered_at": "1800-01-05", "amount": 1 } ] }""", "orders[0].ordered_at: \"1800-01-05\" is not a date between 1900-01-01 and 2199-12-31")]
    [InlineData("""{ "orders": [ { "customer_id": "C1", "ordered_at": "2024-01-05", "amount": true } ] }""", "orders[0].amount: \"true\" is not a number (like 12.50; '.' as the decimal point; for 12,50 pass --decimal-comma)")]
    [InlineData("""{ "orders": [ { "customer_id": "C1", "ordered_at": "2024-01-05", "amount": { "value": 1 } } ] }""", "orders[0].amount: a single value (text, a number, true or false, or null), not an object")]
    [InlineData("""{ "orders": [ { "customer_id": "C1", "ordered_at": "2024-01-05", "amount": [1] } ] }""", "orders[0].amount: a single value (text, a number, true or false, or null), not a list")]
    [InlineData("""{ "orders": [ { "customer_id": "C1", "ordered_at": "2024-01-05", "amount": 1, "amont": 2 } ] }""", "orders[0].amont: a column of orders (order_id, customer_id, ordered_at, amount, margin, quantity, product_id, product_line, status, channel, period_start): an unknown key is refused, not dropped")]
    [InlineData("""{ "orders": [ { "customer_id": "C1", "ordered_at": "2024-01-05", "amount": 1, "Amount": 2 } ] }""", "orders[0].amount: given once: the key appears twice")]
    [InlineData("""{ "orders": [ 42 ] }""", "orders[0]: an object whose keys are columns of orders, not a number")]
    [InlineData("""{ "orders": { "customer_id": "C1" } }""", "orders: a list of objects, not an object")]
    [InlineData("""{ "order": [] }""", "order: one of the lists orders, interactions, referrals: an unknown key is refused, not dropped")]
    [InlineData("""{ "referrals": [ { "referrer_id": "C1", "referred_id": "C2\u0000" } ] }""", "referrals[0].referred_id: text without NUL (zero) bytes: this field holds one, as binary files do (remove it, or export the file again as text)")]
    [InlineData("""{ "referrals": [ { "referrer_id": "C1", "referred_id": "\ud800" } ] }""", "referrals[0].referred_id: text of Unicode characters: the string holds a lone surrogate escape (\\ud800-\\udfff)")]
    [InlineData("""{ "referrals": [ { "referrer_id": "C1", "referred_id": "\udc00x" } ] }""", "referrals[0].referred_id: text of Unicode characters: the string holds a lone surrogate escape (\\ud800-\\udfff)")]
    [InlineData("""{ "interactions": [ { "customer_id": "C1", "occurred_at": "2024-01-05", "kind": "visit", "sentiment": "angry" } ] }""", "interactions[0].sentiment: \"angry\" is not one of: positive, neutral, negative")]
    public void Each_kind_of_bad_element_is_refused_with_its_place_and_what_was_expected(string json, string message)
    {
        var refused = Refused(json);

        Assert.Equal(message, Assert.Single(refused.Errors).Message);
        Assert.Empty(Workspace.Imports());
    }

    [Fact]
    public void An_id_longer_than_the_bound_is_refused_as_in_a_file()
    {
        var id = new string('x', 300);

        var error = Assert.Single(Refused($$"""{ "referrals": [ { "referrer_id": "{{id}}", "referred_id": "C2" } ] }""").Errors);

        Assert.Equal(("referrer_id", "an id of at most 256 characters"), (error.Field, error.Expected));
        Assert.EndsWith("… (300 characters)", error.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_error_of_the_batch_is_counted_and_the_first_twenty_listed_in_the_batch_s_order()
    {
        var orders = string.Join(", ", Enumerable.Range(0, 30).Select(i => $$"""{ "customer_id": "C{{i}}", "ordered_at": "2024-01-05", "amount": "x{{i}}" }"""));

        var refused = Refused($$"""{ "referrals": [ { "referrer_id": "C1" } ], "orders": [ {{orders}} ] }""");

        Assert.Equal(31, refused.TotalErrors);
        Assert.Equal(EventBatchRefusedException.MaxListed, refused.Errors.Count);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"orders[{i}].amount"), refused.Errors.Select(e => e.Place));
        Assert.Contains("31 errors, the first 20 listed", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}", "the batch holds no events: give at least one row in orders, interactions, referrals.")]
    [InlineData("""{ "orders": [], "referrals": null }""", "the batch holds no events: give at least one row in orders, interactions, referrals.")]
    [InlineData("[]", "the body is JSON a list: send an object { \"orders\": [...], \"interactions\": [...], \"referrals\": [...] }.")]
    public void A_batch_without_events_or_not_an_object_is_refused_whole(string json, string message)
    {
        var refused = Assert.Throws<WorkspaceException>(() => EventBatch.Parse(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(message, refused.Message);
    }

    [Fact]
    public void Text_that_is_not_json_or_nests_too_deep_is_refused_as_such()
    {
        Assert.StartsWith("the body is not valid JSON: ", Assert.Throws<WorkspaceException>(() => EventBatch.Parse("{ \"orders\": [ "u8)).Message, StringComparison.Ordinal);
        var deep = "{\"orders\":[{\"amount\":" + new string('[', 100) + new string(']', 100) + "}]}";
        Assert.StartsWith("the body is not valid JSON: ", Assert.Throws<WorkspaceException>(() => EventBatch.Parse(Encoding.UTF8.GetBytes(deep))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_of_more_than_the_most_rows_is_refused_before_it_is_checked()
    {
        var json = "{\"orders\":[" + string.Join(",", Enumerable.Repeat("{}", EventBatch.MaxRows + 1)) + "]}";

        var refused = Assert.Throws<WorkspaceException>(() => EventBatch.Parse(Encoding.UTF8.GetBytes(json)));

        Assert.StartsWith("the batch holds more than 10,000 rows", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Undoing_the_batch_s_import_removes_its_rows_in_every_table_and_the_customers_it_created()
    {
        ImportCustomers();
        var rows = Rows();
        var stored = Store(Batch);

        var undone = ImportUndo.Apply(Workspace, stored.ImportId!.Value, "ana", Noon);

        Assert.Equal(
            [new TableRows("customers", 2), new TableRows("interactions", 1), new TableRows("orders", 2), new TableRows("referrals", 1)],
            undone.Removed.OrderBy(t => t.Table));
        Assert.Equal(rows, Rows());
        Assert.Equal(3, Store(Batch).ImportId);
    }

    public void Dispose() => _temp.Dispose();
}
