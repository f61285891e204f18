using Clientele.Storage.Access;
using Clientele.Storage.Concerns;
using DuckDB.NET.Data;
using Microsoft.Playwright;

namespace Clientele.Web.Tests.Browser;

/// <summary>
/// The concerns page over an analysed demo company whose interactions were then deleted (as a purchase log such as CDNOW
/// has none): the page says the data cannot tell what customers care about, and draws no heat map of empty cells.
/// </summary>
public sealed class ConcernsPageWithoutInteractionsTests(ConcernsPageWithoutInteractionsTests.NoInteractionsServer server)
    : IClassFixture<ConcernsPageWithoutInteractionsTests.NoInteractionsServer>
{
    public sealed class NoInteractionsServer() : BrowserServer(WithoutInteractions());

    private static string WithoutInteractions()
    {
        var path = DemoCompany.Copy();
        using var connection = new DuckDBConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM interactions";
        command.ExecuteNonQuery();
        return path;
    }

    [Fact]
    public async Task The_page_says_the_data_has_no_interactions_instead_of_drawing_empty_maps()
    {
        var report = server.Factory.Workspace.Read(w => ConcernQuery.Of(w));
        Assert.Equal(0, report.Base.RaisingAny);
        await using var browser = await server.SignedInAsync(Role.Viewer);
        await browser.GotoAsync("/concerns");
        await Assertions.Expect(browser.Page.Locator("[data-testid=concerns-none]"))
            .ToContainTextAsync($"The data has no interactions (support contacts, complaints, suggestions, reviews, ...) up to {report.AsOf:yyyy-MM-dd}, so it cannot say what customers care about");
        Assert.Equal(0, await browser.Page.Locator("[data-chart]").CountAsync());
        Assert.Equal(0, await browser.Page.Locator("[data-testid=concerns-totals]").CountAsync());
        browser.AssertClean();
    }
}
