using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Clientele.Classification;
using Clientele.Storage;
using Clientele.Storage.Access;
using Clientele.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Clientele.Web.Tests.Api;

public sealed class CustomersApiTests : IClassFixture<CustomersApiTests.Server>
{
    public sealed class Server : IDisposable
    {
        public ClienteleFactory Factory { get; } = new();
        public ClienteleFactory Empty { get; } = new(DemoCompany.Empty());

        public void Dispose()
        {
            Factory.Dispose();
            Empty.Dispose();
        }
    }

    private static readonly string LatestDay = DemoCompany.Latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private readonly Server _server;
    private readonly HttpClient _viewer;

    public CustomersApiTests(Server server)
    {
        _server = server;
        _viewer = server.Factory.ClientWithKey(Role.Viewer);
    }

    private long Count(string condition) =>
        _server.Factory.Workspace.Read(w => w.Scalar<long>($"SELECT count(*) FROM snapshot_customers WHERE as_of = DATE '{LatestDay}' AND {condition}"));

    private string First(string sql) => _server.Factory.Workspace.Read(w => w.Scalar<string>(sql))!;

    private async Task<CustomerPage> Page(string query) =>
        (await _viewer.GetFromJsonAsync<CustomerPage>("/api/customers" + query, TestContext.Current.CancellationToken))!;

    private static async Task<string> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<ProblemDetails>(TestContext.Current.CancellationToken))!.Detail ?? "";
    }

    private static double? Number(object? value) => value is JsonElement { ValueKind: JsonValueKind.Number } e ? e.GetDouble() : null;

    [Fact]
    public async Task The_first_page_holds_the_most_valuable_customers_of_the_latest_analysis_with_named_figures_and_classes()
    {
        var page = await Page("");

        Assert.Equal(DemoCompany.Latest, page.AsOf);
        Assert.Equal(Count("true"), page.Total);
        Assert.Equal((1, 50, 50), (page.Page, page.PageSize, page.Rows.Count));
        var top = First($"SELECT customer_id FROM snapshot_customers WHERE as_of = DATE '{LatestDay}' ORDER BY value DESC NULLS LAST, customer_id LIMIT 1");
        var first = page.Rows[0];
        Assert.Equal(top, first.Id);
        var value = _server.Factory.Workspace.Read(w => w.Scalar<double>($"SELECT value FROM snapshot_customers WHERE as_of = DATE '{LatestDay}' AND customer_id = '{top}'"));
        Assert.Equal(value, Number(first.Figures["value"])!.Value, 6);
        Assert.Equal(["orders", "revenue", "p_alive", "expected_revenue", "clv", "value"], first.Figures.Keys);
        Assert.Equal(Dimensions.All, first.Classes.Keys);
        Assert.Equal(First($"SELECT ladder FROM snapshot_customers WHERE as_of = DATE '{LatestDay}' AND customer_id = '{top}'"), first.Classes["ladder"]);
    }

    [Fact]
    public async Task Filtering_by_two_dimensions_finds_as_many_customers_as_SQL_counts()
    {
        var page = await Page("?where=ladder%3Dcustomer,supporter&where=churn_status%3Dactive&pageSize=500");

        var expected = Count("ladder IN ('customer', 'supporter') AND churn_status = 'active'");
        Assert.True(expected > 0);
        Assert.Equal(expected, page.Total);
        Assert.All(page.Rows, r =>
        {
            Assert.Contains(r.Classes["ladder"], new[] { "customer", "supporter" });
            Assert.Equal("active", r.Classes["churn_status"]);
        });
    }

    [Fact]
    public async Task Pages_are_disjoint_and_continue_each_other()
    {
        var first = await Page("?pageSize=20&page=1");
        var second = await Page("?pageSize=20&page=2");
        var both = await Page("?pageSize=40");

        Assert.Equal(20, first.Rows.Count);
        Assert.Equal(20, second.Rows.Count);
        Assert.Empty(first.Rows.Select(r => r.Id).Intersect(second.Rows.Select(r => r.Id)));
        Assert.Equal(both.Rows.Select(r => r.Id), first.Rows.Concat(second.Rows).Select(r => r.Id));
    }

    [Fact]
    public async Task Sorting_by_value_descending_puts_larger_values_first()
    {
        var page = await Page("?sort=value%20desc&pageSize=500");

        var values = page.Rows.Select(r => Number(r.Figures["value"])).ToList();
        var known = values.TakeWhile(v => v is not null).Select(v => v!.Value).ToList();
        Assert.True(known.Count > 100);
        Assert.Equal(known.OrderDescending(), known);
        Assert.All(values.Skip(known.Count), v => Assert.Null(v));
        var ascending = await Page("?sort=value%20asc&pageSize=5");
        Assert.True(Number(ascending.Rows[0].Figures["value"]) <= known[^1]);
    }

    [Fact]
    public async Task The_search_text_matches_ids_and_names_ignoring_case()
    {
        var name = First($"SELECT name FROM snapshot_customers WHERE as_of = DATE '{LatestDay}' AND name IS NOT NULL ORDER BY customer_id LIMIT 1");
        var part = name[..Math.Min(4, name.Length)].ToUpperInvariant();

        var page = await Page("?pageSize=500&search=" + Uri.EscapeDataString(part));

        var lower = part.ToLowerInvariant().Replace("'", "''", StringComparison.Ordinal);
        Assert.Equal(Count($"(contains(lower(customer_id), '{lower}') OR contains(lower(name), '{lower}'))"), page.Total);
        Assert.Contains(page.Rows, r => r.Name == name);
    }

    [Fact]
    public async Task An_earlier_analysis_is_listed_when_asked_for()
    {
        var page = await Page($"?asOf={DemoCompany.Earlier:yyyy-MM-dd}&pageSize=1");
        var expected = _server.Factory.Workspace.Read(w => w.Scalar<long>(
            $"SELECT count(*) FROM snapshot_customers WHERE as_of = DATE '{DemoCompany.Earlier.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'"));
        Assert.Equal((DemoCompany.Earlier, expected), (page.AsOf, page.Total));
    }

    [Theory]
    [InlineData("?pageSize=1000", "pageSize must be from 1 to 500")]
    [InlineData("?pageSize=0", "pageSize must be from 1 to 500")]
    [InlineData("?page=0", "page must be 1 or more")]
    [InlineData("?where=mood%3Dhappy", "unknown dimension 'mood': choose one of ladder, value_tier")]
    [InlineData("?where=ladder%3Dfriend", "unknown class 'friend' of ladder: choose one of no-relationship, prospect")]
    [InlineData("?where=ladder", "expects dimension=class")]
    [InlineData("?sort=shoe%20size", "expects \"column [asc|desc]\"")]
    [InlineData("?sort=height", "cannot sort by 'height': choose one of customer_id")]
    [InlineData("?asOf=2001-01-01", "no analysis as of 2001-01-01")]
    public async Task A_bad_listing_request_is_a_400_saying_what_is_valid(string query, string detail)
    {
        var response = await _viewer.GetAsync("/api/customers" + query, TestContext.Current.CancellationToken);
        Assert.Contains(detail, await Problem(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listing_before_the_first_analysis_says_there_is_none()
    {
        var response = await _server.Empty.ClientWithKey(Role.Viewer).GetAsync("/api/customers", TestContext.Current.CancellationToken);
        Assert.Contains("no analysis yet", await Problem(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_profile_shows_every_class_with_its_reason_actions_figures_and_the_history_of_both_analyses()
    {
        // A live one: a lapsed or lost customer keeps its rung but gets the churn status's win-back instead of the ladder's action.
        var id = First($"SELECT customer_id FROM snapshot_customers WHERE as_of = DATE '{LatestDay}' AND ladder = 'customer' AND churn_status = 'active' ORDER BY customer_id LIMIT 1");

        var profile = await _viewer.GetFromJsonAsync<CustomerDetail>($"/api/customers/{id}", TestContext.Current.CancellationToken);

        Assert.Equal((id, DemoCompany.Latest), (profile!.CustomerId, profile.AsOf));
        Assert.Equal(Dimensions.All, profile.Classes.Select(c => c.Dimension));
        var ladder = profile.Classes.Single(c => c.Dimension == "ladder");
        Assert.Equal("customer", ladder.Class);
        // The reason is rendered when read from the row's figures: the stored profile's, which states the rung's purchase days.
        Assert.Equal(_server.Factory.Workspace.Read(w => Clientele.Storage.Snapshots.SnapshotQuery.Profile(w, id)).Classes.Single(c => c.Dimension == "ladder").Reason, ladder.Reason);
        Assert.StartsWith("customer", ladder.Reason, StringComparison.Ordinal);
        Assert.Contains(profile.Actions, a => a.Dimension == "ladder" && a.Class == "customer" && a.Action == Playbook.Defaults["ladder"]["customer"]);
        var revenue = _server.Factory.Workspace.Read(w => w.Scalar<double>($"SELECT revenue FROM snapshot_customers WHERE as_of = DATE '{LatestDay}' AND customer_id = '{id}'"));
        Assert.Equal(revenue, Number(profile.Figures.Single(f => f.Name == "revenue").Value)!.Value, 6);
        var held = _server.Factory.Workspace.Read(w => w.Scalar<long>($"SELECT count(*) FROM snapshot_customers WHERE customer_id = '{id}'"));
        Assert.Equal(held, profile.History.Count);
        Assert.Equal("customer", profile.History[^1].Classes["ladder"]);
        Assert.Empty(profile.Overrides);
    }

    [Fact]
    public async Task An_unknown_customer_is_a_404_saying_so()
    {
        var response = await _viewer.GetAsync("/api/customers/NOBODY-42", TestContext.Current.CancellationToken);
        Assert.Contains("unknown customer 'NOBODY-42'", await Problem(response, HttpStatusCode.NotFound), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dimensions_list_closed_sets_in_order_and_open_ones_as_the_latest_analysis_holds_them()
    {
        var dimensions = await _viewer.GetFromJsonAsync<List<DimensionInfo>>("/api/dimensions", TestContext.Current.CancellationToken);

        Assert.Equal(Dimensions.All, dimensions!.Select(d => d.Name));
        var ladder = dimensions!.Single(d => d.Name == "ladder");
        Assert.True(ladder.Closed && ladder.Ranked);
        Assert.Equal(DimensionClasses.Closed["ladder"], ladder.Classes);
        var segment = dimensions!.Single(d => d.Name == "segment");
        Assert.False(segment.Closed);
        var distinct = _server.Factory.Workspace.Read(w => w.Scalar<long>(
            $"SELECT count(DISTINCT segment) FROM snapshot_customers WHERE as_of = DATE '{LatestDay}'"));
        Assert.True(distinct > 0);
        Assert.Equal(distinct, segment.Classes.Count);
        Assert.Equal(segment.Classes.Order(StringComparer.Ordinal), segment.Classes);
    }

    [Theory]
    [InlineData("/api/customers")]
    [InlineData("/api/customers/C-1")]
    [InlineData("/api/dimensions")]
    public async Task Reading_customers_needs_credentials(string path)
    {
        var response = await _server.Factory.Anonymous().GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
