using System.Net;
using System.Text.RegularExpressions;
using Clientele.Storage.Access;
using Clientele.Web.Security;

namespace Clientele.Web.Tests.Security;

/// <summary>
/// The real server on loopback, as if behind a reverse proxy at 127.0.0.1: with the proxy trusted, each client is
/// throttled by its own forwarded address; without, the forwarded header is ignored and every client shares the proxy's.
/// </summary>
public sealed partial class SignInBehindAProxyTests
{
    private static async Task<HttpResponseMessage> SignIn(Uri address, string forwardedFor, string userName, string password)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = address };
        http.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        var page = await http.GetStringAsync("/signin");
        return await http.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value, ["userName"] = userName, ["password"] = password, ["returnUrl"] = "/",
        }));
    }

    private static async Task Attack(Uri address, string userName)
    {
        for (var i = 0; i < SignInThrottle.MaxFailures; i++)
            Assert.Contains("error=invalid", (await SignIn(address, "203.0.113.66", userName, "guessed-password-" + i)).Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_the_attacker_waits_and_the_user_at_another_address_signs_in()
    {
        using var factory = new ClienteleFactory { Settings = { ["trustedProxies"] = "127.0.0.1" } };
        var address = factory.StartOnLoopback();
        var name = await factory.AddUserAsync(Role.Analyst);
        await Attack(address, name);
        var attacker = await SignIn(address, "203.0.113.66", name, ClienteleFactory.UserPassword);
        Assert.Contains("error=throttled", attacker.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var user = await SignIn(address, "198.51.100.20", name, ClienteleFactory.UserPassword);
        Assert.Equal(HttpStatusCode.Redirect, user.StatusCode);
        Assert.Equal("/", user.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Without_a_trusted_proxy_a_forwarded_address_is_not_believed()
    {
        using var factory = new ClienteleFactory();
        var address = factory.StartOnLoopback();
        var name = await factory.AddUserAsync(Role.Analyst);
        await Attack(address, name);
        var forged = await SignIn(address, "198.51.100.20", name, ClienteleFactory.UserPassword);
        Assert.Contains("error=throttled", forged.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
