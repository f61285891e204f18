using System.Net;
using Clientele.Storage.Access;

namespace Clientele.Web.Tests.Api;

public sealed class ReportApiTests : IClassFixture<ReportApiTests.Server>
{
    public sealed class Server : IDisposable
    {
        public ClienteleFactory Factory { get; } = new();
        public void Dispose() => Factory.Dispose();
    }

    private readonly ClienteleFactory _factory;

    public ReportApiTests(Server server) => _factory = server.Factory;

    [Fact]
    public async Task A_viewer_downloads_the_report_of_the_latest_analysis_as_one_html_file_without_scripts()
    {
        using var response = await _factory.ClientWithKey(Role.Viewer).GetAsync("/api/report", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"report-{DemoCompany.Latest:yyyy-MM-dd}.html", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains($"<h1>Customer report as of {DemoCompany.Latest:yyyy-MM-dd}</h1>", html);
        Assert.Contains($"Changes are measured against the analysis as of {DemoCompany.Earlier:yyyy-MM-dd}.", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_report_as_of_a_date_without_an_analysis_is_a_problem_that_names_the_dates()
    {
        using var response = await _factory.ClientWithKey(Role.Viewer).GetAsync("/api/report?asOf=2001-01-01", TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, response.StatusCode.ToString());
        Assert.Contains("no analysis as of 2001-01-01", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
