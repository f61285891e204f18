using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Clientele.Storage.Access;
using Clientele.Web.Hosting;
using Clientele.Web.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Clientele.Web.Tests;

/// <summary>
/// The real server over a copy of the demo company (or an empty workspace), in memory for API tests, or on a real
/// loopback socket for the browser (<see cref="StartOnLoopback"/>). Makes API keys and users of each role.
/// </summary>
public sealed partial class ClienteleFactory(string? workspacePath = null) : WebApplicationFactory<Program>
{
    /// <summary>The first admin's password, given through the environment setting.</summary>
    public const string AdminPassword = "the-first-chief-passphrase";

    /// <summary>The password of every user <see cref="AddUserAsync"/> makes.</summary>
    public const string UserPassword = "a-good-long-password";

    /// <summary>How the server writes JSON (web defaults, enums by name): read answers with these.</summary>
    public static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The workspace the server serves.</summary>
    public string WorkspacePath { get; } = workspacePath ?? DemoCompany.Copy();

    private bool _loopback;

    /// <summary>Leave the workspace's folder when disposed (for a second server on the same workspace); the test deletes it.</summary>
    public bool KeepsWorkspace { get; init; }

    /// <summary>More server settings (trustedProxies, secureCookies), set before the server starts.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    /// <summary>The server's host services (the workspace, accounts).</summary>
    public IServiceProvider ServerServices => Services;

    /// <summary>The workspace as the server holds it.</summary>
    public WorkspaceHost Workspace => Services.GetRequiredService<WorkspaceHost>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("workspace", WorkspacePath);
        builder.UseSetting(ServerSettings.AdminPasswordVariable, AdminPassword);
        builder.UseEnvironment("Production");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        if (_loopback) this.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>Starts the server on 127.0.0.1 with a free port and returns its address (for a browser).</summary>
    public Uri StartOnLoopback()
    {
        _loopback = true;
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address);
    }

    /// <summary>A client carrying a new API key of that role.</summary>
    public HttpClient ClientWithKey(Role role)
    {
        var (_, secret) = Workspace.WriteAsync(w => ApiKeyTable.Create(w, $"test {role.Name()}", role, DateTime.UtcNow, "tests")).GetAwaiter().GetResult();
        Services.GetRequiredService<AccessDirectory>().KeysChanged();
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(ApiKeyAuthentication.Header, secret);
        return client;
    }

    /// <summary>A client with no credentials that does not follow redirects.</summary>
    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Adds a user of that role with <see cref="UserPassword"/> and returns the name.</summary>
    public async Task<string> AddUserAsync(Role role, string? name = null)
    {
        name ??= $"{role.Name()}-{Guid.NewGuid():N}"[..20];
        await Services.GetRequiredService<Accounts>().AddAsync(name, role, UserPassword, "tests", oneTime: false);
        return name;
    }

    /// <summary>A client signed in through the sign-in form (cookie), with the CSRF header set for changes through /api.</summary>
    public async Task<HttpClient> SignedInAsync(string userName, string password = UserPassword)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await SignInAsync(client, userName, password);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.StartsWith("/signin", StringComparison.Ordinal) == true)
            throw new InvalidOperationException($"sign-in as {userName} failed: {(int)response.StatusCode} {response.Headers.Location}");
        var me = await client.GetFromJsonAsync<global::Clientele.Web.Api.Caller>("/api/me");
        client.DefaultRequestHeaders.Add(ClienteleServer.CsrfHeader, me!.CsrfToken);
        return client;
    }

    /// <summary>Posts the sign-in form as a browser would (token from the page) and returns the answer.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password)
    {
        var page = await client.GetStringAsync("/signin");
        var token = Token().Match(page).Groups[1].Value;
        return await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["userName"] = userName, ["password"] = password, ["returnUrl"] = "/",
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        // A PostgreSQL database is the test's to drop.
        if (!disposing || KeepsWorkspace || global::Clientele.Storage.Workspace.IsDatabaseUrl(WorkspacePath)) return;
        try
        {
            Directory.Delete(Path.GetDirectoryName(WorkspacePath)!, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a finishing background task; the temporary folder is left for the system to clear.
        }
    }
}
