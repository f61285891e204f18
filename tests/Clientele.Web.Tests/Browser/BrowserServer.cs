using Clientele.Storage.Access;
using Microsoft.Playwright;

namespace Clientele.Web.Tests.Browser;

/// <summary>
/// The real server on a loopback socket over a copy of the demo company, and Debian's headless Chromium driven by
/// Playwright, shared by the browser tests of a class. Every request the browser makes outside loopback is blocked and
/// recorded, and so is every error the page's scripts raise; <see cref="OpenAsync"/> gives each test a fresh context.
/// </summary>
public class BrowserServer : IAsyncLifetime
{
    /// <summary>
    /// Serves a copy of the demo company, its amounts in euros (so every page is checked, and photographed, with a currency
    /// in its headers and figures).
    /// </summary>
    public BrowserServer() : this(null)
    {
        using var workspace = Clientele.Storage.Workspace.Open(Factory.WorkspacePath);
        Clientele.Storage.MoneySetting.Store(workspace, Clientele.Money.MoneyFormat.Parse("EUR", null));
    }

    /// <summary>Serves the workspace at <paramref name="workspacePath"/> (null: a copy of the demo company).</summary>
    protected BrowserServer(string? workspacePath) => Factory = new ClienteleFactory(workspacePath);

    /// <summary>Where Debian's package puts Chromium (`apt-get install chromium`; `.ci/run` installs it).</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumFlags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        // Stops the name look-ups Chromium makes on its own even with the flags above.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
    ];

    private IPlaywright? _playwright;

    public ClienteleFactory Factory { get; }

    public Uri Address { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>How long a page's action, navigation or expectation may take before the test fails (milliseconds).</summary>
    private const float DefaultTimeout = 60_000;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"the browser tests need Chromium at {ChromiumPath}: `apt-get install chromium` (bash .ci/run installs it).");
        Address = Factory.StartOnLoopback();
        // Playwright's expectations wait 5 s by default; on a loaded CI machine a real import undone or an analysis re-read takes
        // longer (an undo of 10,849 rows missed it), and with the two cores shared (load average 15) a row's click took more
        // than 30 s to reach the customer's page. A wrong text or a page that never comes still fails, after the wait.
        Assertions.SetDefaultExpectTimeout(DefaultTimeout);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumFlags });
    }

    /// <summary>A fresh browser context (no cookies) and page at a 1400×900 viewport, watching for errors and outside requests.</summary>
    public async Task<BrowserPage> OpenAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString().TrimEnd('/'), ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        var page = await context.NewPageAsync();
        var watched = new BrowserPage(context, page);
        await context.RouteAsync("**/*", async route =>
        {
            var uri = new Uri(route.Request.Url);
            if (uri.Scheme is "data" or "blob" || uri.IsLoopback) await route.ContinueAsync();
            else
            {
                watched.Outside.Add(route.Request.Url);
                await route.AbortAsync();
            }
        });
        page.PageError += (_, error) => watched.Errors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error") watched.Errors.Add(message.Text);
        };
        page.SetDefaultTimeout(DefaultTimeout);
        return watched;
    }

    /// <summary>Opens a page signed in as a new user of that role (through the sign-in form).</summary>
    public async Task<BrowserPage> SignedInAsync(Role role)
    {
        var name = await Factory.AddUserAsync(role);
        var browser = await OpenAsync();
        await browser.SignInAsync(name, ClienteleFactory.UserPassword);
        return browser;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await Factory.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
