using Clientele.Storage.Access;

namespace Clientele.Web.Tests.Browser;

/// <summary>A server over a workspace with nothing imported yet: every page opens, says so, and raises no error.</summary>
public sealed class EmptyWorkspaceTests(EmptyWorkspaceTests.EmptyServer server) : IClassFixture<EmptyWorkspaceTests.EmptyServer>
{
    public sealed class EmptyServer() : BrowserServer(DemoCompany.Empty());

    public static TheoryData<string> Pages => ["/", "/customers", "/structure", "/movement", "/value", "/influence", "/referrals", "/buying-centers", "/churn", "/models", "/playbook", "/data"];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_page_says_there_is_no_analysis_yet_instead_of_failing(string path)
    {
        await using var browser = await server.SignedInAsync(Role.Admin);
        await browser.GotoAsync(path);
        await browser.Page.Locator("h1").First.WaitForAsync();
        await browser.Page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
        var text = await browser.Page.Locator("body").InnerTextAsync();
        Assert.DoesNotContain("An unhandled error", text, StringComparison.Ordinal);
        if (path is not ("/playbook" or "/data"))
            Assert.True(text.Contains("no analysis", StringComparison.OrdinalIgnoreCase) || text.Contains("analyze", StringComparison.OrdinalIgnoreCase),
                $"{path} does not say there is no analysis yet: {text[..Math.Min(400, text.Length)]}");
        browser.AssertClean();
    }
}
