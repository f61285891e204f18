using Microsoft.Playwright;

namespace Clientele.Web.Tests.Browser;

/// <summary>One browser context and page, with what went wrong in it: script errors and requests that tried to leave loopback.</summary>
public sealed class BrowserPage(IBrowserContext context, IPage page) : IAsyncDisposable
{
    /// <summary>The folder screenshots are written to when CLIENTELE_SCREENSHOTS names one (docs/images for docs/dashboard.md).</summary>
    public static readonly string? ScreenshotFolder = Environment.GetEnvironmentVariable("CLIENTELE_SCREENSHOTS");

    public IPage Page { get; } = page;

    public List<string> Errors { get; } = [];

    public List<string> Outside { get; } = [];

    /// <summary>Signs in through the form and waits for the overview.</summary>
    public async Task SignInAsync(string userName, string password)
    {
        await Page.GotoAsync("/signin");
        await Page.FillAsync("input[name=userName]", userName);
        await Page.FillAsync("input[name=password]", password);
        await Page.ClickAsync("button[type=submit]");
        try
        {
            await Page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
            await WaitForInteractiveAsync();
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"signing in as {userName} did not reach the dashboard: at {Page.Url}, page says " +
                $"'{(await Page.Locator("body").InnerTextAsync())[..Math.Min(300, (await Page.Locator("body").InnerTextAsync()).Length)]}'; " +
                $"errors: {string.Join(" | ", Errors)}; outside requests: {string.Join(" | ", Outside)}", e);
        }
    }

    /// <summary>Goes to a page of the dashboard and waits until the interactive circuit is up.</summary>
    public async Task GotoAsync(string path)
    {
        await Page.GotoAsync(path);
        await WaitForInteractiveAsync();
    }

    /// <summary>Waits until Blazor's circuit has started and the layout rendered interactively (the page answers clicks from then on).</summary>
    public Task WaitForInteractiveAsync() => Page.Locator("[data-interactive=true]").WaitForAsync();

    /// <summary>Waits until every chart on the page has drawn, and returns their names.</summary>
    public async Task<IReadOnlyList<string>> WaitForChartsAsync(int atLeast = 1)
    {
        await Page.WaitForFunctionAsync(
            $"() => {{ const c = [...document.querySelectorAll('[data-chart]')]; return c.length >= {atLeast} && c.every(e => e.getAttribute('data-rendered') === 'true'); }}");
        return await Page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('[data-chart]')].map(e => e.getAttribute('data-chart'))");
    }

    /// <summary>How many distinct colours the chart's canvas shows (1 for a blank canvas).</summary>
    public Task<int> CanvasColoursAsync(string chart) =>
        Page.EvaluateAsync<int>(
            """
            name => {
              const canvas = document.querySelector(`[data-chart="${name}"] canvas`);
              if (!canvas) return 0;
              const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
              const colours = new Set();
              for (let i = 0; i < data.length; i += 4 * 97) colours.add(`${data[i]},${data[i + 1]},${data[i + 2]},${data[i + 3]}`);
              return colours.size;
            }
            """, chart);

    /// <summary>Writes a viewport screenshot named after the page when <see cref="ScreenshotFolder"/> is set.</summary>
    public async Task ScreenshotAsync(string name)
    {
        if (ScreenshotFolder is null) return;
        Directory.CreateDirectory(ScreenshotFolder);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png") });
    }

    /// <summary>Asserts nothing went wrong in the page.</summary>
    public void AssertClean()
    {
        Assert.True(Errors.Count == 0, "script errors: " + string.Join(" | ", Errors));
        Assert.True(Outside.Count == 0, "requests outside loopback: " + string.Join(" | ", Outside));
    }

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
