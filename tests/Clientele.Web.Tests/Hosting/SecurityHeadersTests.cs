using System.Net;
using Clientele.Storage.Access;
using Clientele.Web.Hosting;

namespace Clientele.Web.Tests.Hosting;

/// <summary>The headers every response carries, read from the real server on a loopback socket (Kestrel, as in production).</summary>
public sealed class SecurityHeadersTests : IDisposable
{
    private readonly ClienteleFactory _factory = new();
    private readonly Uri _address;

    public SecurityHeadersTests() => _address = _factory.StartOnLoopback();

    public static TheoryData<string, HttpStatusCode> Addresses => new()
    {
        { "/signin", HttpStatusCode.OK },
        { "/health", HttpStatusCode.OK },
        { "/api/me", HttpStatusCode.Unauthorized },
        { "/customers", HttpStatusCode.Redirect },
        { "/css/clientele.css", HttpStatusCode.OK },
        { "/no/such/page", HttpStatusCode.Redirect },
    };

    [Theory]
    [MemberData(nameof(Addresses))]
    public async Task Every_response_carries_the_policy_nosniff_and_referrer_policy_and_no_server_name(string path, HttpStatusCode status)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _address };
        var response = await http.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(status, response.StatusCode);
        AssertHardened(response);
    }

    [Fact]
    public async Task An_api_answer_with_a_key_carries_the_headers_too()
    {
        using var http = new HttpClient { BaseAddress = _address };
        var key = _factory.ClientWithKey(Role.Viewer).DefaultRequestHeaders.GetValues("X-Api-Key").Single();
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        var response = await http.GetAsync("/api/customers?limit=1", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertHardened(response);
    }

    [Fact]
    public async Task The_sign_in_cookie_is_not_secure_by_default()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _address };
        var cookies = await SignInCookies(http);
        Assert.Contains(cookies, c => c.StartsWith("clientele=", StringComparison.Ordinal) && !c.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Signs in as the first admin by the form and returns the Set-Cookie headers of the answer.</summary>
    internal static async Task<IReadOnlyList<string>> SignInCookies(HttpClient http)
    {
        var page = await http.GetAsync("/signin");
        var antiforgery = page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).ToList();
        var token = System.Text.RegularExpressions.Regex.Match(await page.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["userName"] = "admin", ["password"] = ClienteleFactory.AdminPassword, ["returnUrl"] = "/",
            }),
        };
        request.Headers.Add("Cookie", string.Join("; ", antiforgery));
        var response = await http.SendAsync(request);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        return [.. response.Headers.GetValues("Set-Cookie")];
    }

    internal static void AssertHardened(HttpResponseMessage response)
    {
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(SecurityHeaders.ReferrerPolicy, response.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(response.Headers.Contains("Server"), "the Server header names the web server: " + string.Join(",", response.Headers.Server));
    }

    public void Dispose() => _factory.Dispose();
}
