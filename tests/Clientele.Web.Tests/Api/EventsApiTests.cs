using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Clientele.Storage;
using Clientele.Storage.Access;
using Clientele.Storage.Events;
using Clientele.Web.Api;

namespace Clientele.Web.Tests.Api;

/// <summary>POST /api/events on the demo company: stored as one import, idempotent, whole or not at all, never a 500.</summary>
public sealed class EventsApiTests : IClassFixture<EventsApiTests.Server>
{
    public sealed class Server : IDisposable
    {
        public ClienteleFactory Factory { get; } = new();
        public void Dispose() => Factory.Dispose();
    }

    private readonly ClienteleFactory _factory;

    public EventsApiTests(Server server) => _factory = server.Factory;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string Known => _factory.Workspace.Read(w => w.Scalar<string>("SELECT min(customer_id) FROM customers"))!;

    private Task<HttpResponseMessage> PostAsync(string json, Role role = Role.Analyst) =>
        _factory.ClientWithKey(role).PostAsync("/api/events", new StringContent(json, Encoding.UTF8, "application/json"), Cancel);

    private static async Task<JsonNode> ProblemAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!;

    [Fact]
    public async Task An_order_for_a_lost_customer_makes_it_active_at_once_through_the_customer_api_and_the_changes()
    {
        var lost = _factory.Workspace.Read(w => w.Scalar<string>(
            "SELECT customer_id FROM snapshot_customers WHERE churn_status = 'lost' AND orders >= 2 AND live_at IS NULL ORDER BY value DESC LIMIT 1"))!;
        var json = $$"""{ "orders": [ { "order_id": "LIVE-LOST-1", "customer_id": "{{lost}}", "ordered_at": "2026-01-03", "amount": 420 } ] }""";
        // The server's listing is built (and this order kept) before the event, so the event is patched into it.
        var active = $"/api/customers?where=churn_status%3Dactive&sort=value%20desc&pageSize=500";
        var before = (await _factory.ClientWithKey(Role.Viewer).GetFromJsonAsync<JsonNode>(active, Cancel))!;
        Assert.DoesNotContain(before["rows"]!.AsArray(), r => (string?)r!["id"] == lost);

        var response = await PostAsync(json);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<EventBatchResult>(ClienteleFactory.Json, Cancel))!;
        var live = result.Live!;
        Assert.Equal((DemoCompany.Latest, 1), (live.AnalysisAsOf!.Value, live.Customers));
        Assert.Contains(live.Changes, c => c.CustomerId == lost && c.Dimension == "churn_status" && c.From == "lost" && c.To == "active" && c.ImportId == result.ImportId);

        // Readable at once: the profile shows the new class and says it is live; the changes list has the move.
        var client = _factory.ClientWithKey(Role.Viewer);
        var profile = (await client.GetFromJsonAsync<JsonNode>($"/api/customers/{lost}", Cancel))!;
        Assert.Equal("active", profile["classes"]!.AsArray().Single(c => (string?)c!["dimension"] == "churn_status")!["class"]!.GetValue<string>());
        Assert.Equal("2026-01-03", profile["live"]!["asOf"]!.GetValue<string>());
        Assert.Equal(result.ImportId, profile["live"]!["importId"]!.GetValue<int>());
        Assert.StartsWith($"live since the analysis of {DemoCompany.Latest:yyyy-MM-dd}: updated ", profile["live"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var changes = (await client.GetFromJsonAsync<JsonNode>($"/api/changes?customer={lost}", Cancel))!;
        Assert.Contains(changes["changes"]!.AsArray(), c => (string?)c!["dimension"] == "churn_status" && (string?)c["to"] == "active");
        // top=0 counts this customer's moves alone, as the list does, not every customer's.
        var counted = (await client.GetFromJsonAsync<JsonNode>($"/api/changes?customer={lost}&top=0", Cancel))!;
        Assert.Equal((long)changes["changes"]!.AsArray().Count, (long)counted["total"]!);
        Assert.Empty(counted["changes"]!.AsArray());
        // The listing filters by the live class too.
        var listed = (await client.GetFromJsonAsync<JsonNode>(active, Cancel))!;
        Assert.Contains(listed["rows"]!.AsArray(), r => (string?)r!["id"] == lost);
        Assert.Equal((long)before["total"]! + 1, (long)listed["total"]!);
    }

    [Fact]
    public async Task A_batch_is_stored_as_one_import_counted_by_the_freshness_and_undone_as_any_import()
    {
        var known = Known;
        var before = _factory.Workspace.Read(Sql.Counts);
        var freshness = JsonNode.Parse(await _factory.ClientWithKey(Role.Viewer).GetStringAsync("/api/overview", Cancel))!["freshness"]!;
        var importsBefore = (long)freshness["importsSince"]!;
        var json = $$"""
            {
              "orders": [
                { "order_id": "LIVE-O1", "customer_id": "{{known}}", "ordered_at": "2025-06-01", "amount": 99.5 },
                { "order_id": "LIVE-O2", "customer_id": "LIVE-NEW", "ordered_at": "2025-06-02", "amount": 10 }
              ],
              "interactions": [ { "interaction_id": "LIVE-I1", "customer_id": "{{known}}", "occurred_at": "2025-06-03", "kind": "complaint", "tag": "late" } ],
              "referrals": [ { "referrer_id": "{{known}}", "referred_id": "LIVE-FRIEND" } ]
            }
            """;

        var response = await PostAsync(json);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<EventBatchResult>(ClienteleFactory.Json, Cancel))!;
        Assert.NotNull(result.ImportId);
        Assert.Equal("api:events", result.Source);
        Assert.Equal(
            [new EventTableCounts("orders", 2, 2, 0), new EventTableCounts("interactions", 1, 1, 0), new EventTableCounts("referrals", 1, 1, 0)],
            result.Tables);
        Assert.Equal(new[] { known, "LIVE-FRIEND", "LIVE-NEW" }.Order(StringComparer.Ordinal), result.AffectedCustomers);
        Assert.Equal(["LIVE-FRIEND", "LIVE-NEW"], result.CustomersCreated);
        Assert.Equal(99.5, _factory.Workspace.Read(w => w.Scalar<double>($"SELECT amount FROM orders WHERE order_id = 'LIVE-O1' AND customer_id = '{known}'")));
        var after = _factory.Workspace.Read(Sql.Counts);
        Assert.Equal((before["orders"] + 2, before["interactions"] + 1, before["referrals"] + 1, before["customers"] + 2),
            (after["orders"], after["interactions"], after["referrals"], after["customers"]));
        var history = await _factory.ClientWithKey(Role.Viewer).GetFromJsonAsync<List<ImportRecord>>("/api/imports", Cancel);
        Assert.Equal(("orders, interactions, referrals", "api:events"), history!.Where(i => i.ImportId == result.ImportId).Select(i => (i.Table, i.SourcePath)).Single());

        var overview = JsonNode.Parse(await _factory.ClientWithKey(Role.Viewer).GetStringAsync("/api/overview", Cancel))!;
        // Other tests of this class post batches too: this one adds one import, and its three customers.
        Assert.Equal(importsBefore + 1, (long)overview["freshness"]!["importsSince"]!);
        Assert.True((long)overview["freshness"]!["customersChanged"]! >= 3);

        var undo = await _factory.ClientWithKey(Role.Analyst).PostAsync($"/api/imports/{result.ImportId}/undo", null, Cancel);
        Assert.Equal(HttpStatusCode.OK, undo.StatusCode);
        Assert.Equal(before, _factory.Workspace.Read(Sql.Counts));
    }

    [Fact]
    public async Task The_same_batch_posted_twice_is_stored_once_and_the_second_answer_says_every_event_was_present()
    {
        var json = $$"""{ "orders": [ { "order_id": "TWICE-1", "customer_id": "{{Known}}", "ordered_at": "2025-06-01", "amount": 5 }, { "customer_id": "TWICE-C", "ordered_at": "2025-06-01", "amount": 7 } ] }""";

        var first = await PostAsync(json);
        var imports = _factory.Workspace.Read(w => w.Imports().Count);
        var second = await PostAsync(json);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var result = (await second.Content.ReadFromJsonAsync<EventBatchResult>(ClienteleFactory.Json, Cancel))!;
        Assert.Null(result.ImportId);
        Assert.Equal(new EventTableCounts("orders", 2, 0, 2), result.Tables[0]);
        Assert.Equal(imports, _factory.Workspace.Read(w => w.Imports().Count));
        Assert.Equal(1, _factory.Workspace.Read(w => w.Scalar<long>("SELECT count(*) FROM orders WHERE order_id = 'TWICE-1'")));
        Assert.Equal(1, _factory.Workspace.Read(w => w.Scalar<long>("SELECT count(*) FROM orders WHERE customer_id = 'TWICE-C'")));
    }

    [Fact]
    public async Task A_batch_whose_last_referral_is_bad_is_a_400_naming_it_and_stores_nothing()
    {
        var before = _factory.Workspace.Read(Sql.Counts);
        var imports = _factory.Workspace.Read(w => w.Imports().Count);
        var json = $$"""
            {
              "orders": [ { "order_id": "ATOMIC-1", "customer_id": "ATOMIC-C", "ordered_at": "2025-06-01", "amount": "12,x" }, { "order_id": "ATOMIC-2", "customer_id": "ATOMIC-C", "ordered_at": "2025-06-01", "amount": 3 } ],
              "referrals": [ { "referrer_id": "{{Known}}", "referred_id": "ATOMIC-C" }, { "referrer_id": "{{Known}}", "referred_id": "ATOMIC-D", "occurred_at": "soon" } ]
            }
            """;

        var response = await PostAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal("The events were not stored", (string?)problem["title"]);
        Assert.Equal(2, (long)problem["totalErrors"]!);
        var messages = problem["errors"]!.AsArray().Select(e => (string)e!["message"]!).ToList();
        Assert.Equal(
            ["orders[0].amount: \"12,x\" is not a number (like 12.50; '.' as the decimal point; for 12,50 pass --decimal-comma)",
             "referrals[1].occurred_at: \"soon\" is not an ISO date or date-time (like 2024-03-31 or 2024-03-31T14:05:00; pass --date-format for other shapes)"],
            messages);
        var error = problem["errors"]![1]!;
        Assert.Equal(("referrals", 1, "occurred_at", "soon"), ((string)error["list"]!, (int)error["index"]!, (string)error["field"]!, (string)error["value"]!));
        Assert.Equal(before, _factory.Workspace.Read(Sql.Counts));
        Assert.Equal(imports, _factory.Workspace.Read(w => w.Imports().Count));
    }

    public static TheoryData<string, string> Hostile() => new()
    {
        { "", "not valid JSON" },
        { "null", "the body is JSON null" },
        { "[]", "the body is JSON a list" },
        { "{", "not valid JSON" },
        { "\"orders\"", "the body is JSON text" },
        { "{}", "the batch holds no events" },
        { "{\"orders\":{}}", "orders: a list of objects, not an object" },
        { "{\"orders\":[null, 1, \"x\", [], true]}", "orders[0]: an object whose keys are columns of orders, not null" },
        { "{\"orders\":[{\"customer_id\":{\"a\":{\"b\":1}},\"ordered_at\":[],\"amount\":null}]}", "orders[0].customer_id: a single value" },
        { "{\"orders\":[{\"customer_id\":\"C\",\"ordered_at\":\"2025-01-01\",\"amount\":123456789012345678901234567890123456789}]}", "less than 1e12 in magnitude" },
        { "{\"orders\":[{\"customer_id\":\"C\",\"ordered_at\":\"2025-01-01\",\"amount\":-1e400}]}", "is not a number" },
        { "{\"orders\":[{\"customer_id\":\"C\",\"ordered_at\":99999999999999999999,\"amount\":1}]}", "is not an ISO date" },
        { "{\"orders\":[{\"customer_id\":\"C\\u0000\",\"ordered_at\":\"2025-01-01\",\"amount\":1}]}", "text without NUL" },
        { "{\"orders\":[{\"customer_id\":\"\\ud83d\",\"ordered_at\":\"2025-01-01\",\"amount\":1}]}", "lone surrogate" },
        { "{\"orders\":[{\"customer_id\":\"" + new string('"', 0) + "\\\"\\n\\r,\",\"ordered_at\":\"2025-01-01\",\"amount\":\"\"}]}", "amount is required" },
        { "{\"orders\":[{\"" + new string('k', 5000) + "\":1}]}", "an unknown key is refused" },
        { "{\"orders\":[{\"customer_id\":1}]" + new string(' ', 10) + "}", "ordered_at is required" },
        { "{\"orders\":" + new string('[', 500) + new string(']', 500) + "}", "not valid JSON" },
        { "{\"orders\":[],\"orders\":[]}", "orders: given once: the list appears twice" },
        { "{\"orders\":[{}]} trailing", "not valid JSON" },
        { "\uFEFF{\"orders\":[{}]}", "orders[0].customer_id: a value: customer_id is required" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task A_hostile_body_is_a_400_problem_never_a_server_error(string body, string says)
    {
        var response = await PostAsync(body);

        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Contains(says, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_bound_is_a_413_and_one_that_is_not_json_a_415()
    {
        var huge = "{\"orders\":[{\"text\":\"" + new string('x', EventsApi.MaxBodyBytes) + "\"}]}";
        var tooLarge = await PostAsync(huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("larger than 4 MiB", await tooLarge.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);

        // Streamed without a length, the bound still holds.
        var streamed = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge)));
        streamed.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = streamed };
        request.Headers.TransferEncodingChunked = true;
        var chunked = await _factory.ClientWithKey(Role.Analyst).SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);

        var form = await _factory.ClientWithKey(Role.Analyst).PostAsync("/api/events", new StringContent("{}", Encoding.UTF8, "text/plain"), Cancel);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
    }

    [Fact]
    public async Task A_viewer_may_not_post_events()
    {
        var response = await PostAsync($$"""{ "orders": [ { "customer_id": "{{Known}}", "ordered_at": "2025-06-01", "amount": 1 } ] }""", Role.Viewer);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
