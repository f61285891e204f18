using System.Globalization;
using System.Net;
using Clientele.Storage.Access;

namespace Clientele.Web.Tests.Pages;

/// <summary>The report pages as the server first renders them (prerendered HTML, before the browser draws the charts).</summary>
public sealed class ReportPagesTests : IClassFixture<ReportPagesTests.Server>
{
    public sealed class Server : IDisposable
    {
        public ClienteleFactory Factory { get; } = new();
        public void Dispose() => Factory.Dispose();
    }

    private readonly ClienteleFactory _factory;

    public ReportPagesTests(Server server) => _factory = server.Factory;

    private async Task<string> Page(ClienteleFactory factory, string path)
    {
        var client = await factory.SignedInAsync(await factory.AddUserAsync(Role.Viewer));
        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_overview_shows_the_totals_the_four_charts_and_the_strategy_matrix_with_links_to_the_customers()
    {
        var html = await Page(_factory, "/");
        Assert.Contains("data-testid=\"overview-totals\"", html, StringComparison.Ordinal);
        Assert.Contains(DemoCompany.Latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), html, StringComparison.Ordinal);
        foreach (var chart in new[] { "ladder", "value-classes", "value-tiers", "churn-status" })
            Assert.Contains($"data-chart=\"{chart}\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"strategy-matrix\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/customers?where=strategy%3Dkeep\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/customers?where=value_class%3DMVC\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_overview_lists_what_to_do_first_with_the_definition_of_value_at_stake_and_a_link_to_each_actions_customers()
    {
        var html = await Page(_factory, "/");
        Assert.Contains("What to do first", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"value-at-stake-definition\"", html, StringComparison.Ordinal);
        Assert.Contains("the summed future net value of the customers each", html, StringComparison.Ordinal);
        var overview = Clientele.Web.Api.SegmentsApi.Overview(null, _factory.Workspace);
        Assert.NotEmpty(overview.Actions);
        var at = 0;
        foreach (var a in overview.Actions)
        {
            // In rank order, each row links to exactly the customers its action is for (a ladder action's: not lapsed or lost).
            var row = html.IndexOf($"data-testid=\"action-{a.Dimension}-{a.Class}\"", at, StringComparison.Ordinal);
            Assert.True(row > at, $"the action for {a.Dimension}={a.Class} is missing or out of order");
            var cells = html[row..html.IndexOf("</tr>", row, StringComparison.Ordinal)];
            var where = string.Join("&amp;", a.Audience.Select(f => "where=" + Uri.EscapeDataString(f.ToString())));
            Assert.Contains($"href=\"/customers?{where}\"", cells, StringComparison.Ordinal);
            Assert.StartsWith($"where={a.Dimension}%3D{Uri.EscapeDataString(a.Class)}", where, StringComparison.Ordinal);
            Assert.Contains(System.Net.WebUtility.HtmlEncode(a.Action), cells, StringComparison.Ordinal);
            at = row;
        }
    }

    [Theory]
    [InlineData("/structure", "structure-map", "structure-targets")]
    [InlineData("/movement", "movement-sankey", "moved-down")]
    [InlineData("/value", "value-scatter", "value-sampling")]
    [InlineData("/churn", "churn-reasons", "at-risk")]
    public async Task Each_report_page_has_its_chart_and_table(string path, string chart, string testId)
    {
        var html = await Page(_factory, path);
        Assert.Contains($"data-chart=\"{chart}\"", html, StringComparison.Ordinal);
        Assert.Contains($"data-testid=\"{testId}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"no-analysis\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/structure")]
    [InlineData("/movement")]
    [InlineData("/value")]
    [InlineData("/churn")]
    public async Task On_an_empty_workspace_each_report_page_says_to_import_and_analyze(string path)
    {
        using var empty = new ClienteleFactory(DemoCompany.Empty());
        var html = await Page(empty, path);
        Assert.Contains("data-testid=\"no-analysis\"", html, StringComparison.Ordinal);
        Assert.Contains("clientele analyze", html, StringComparison.Ordinal);
    }
}
