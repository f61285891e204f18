namespace Clientele.Web.Tests.Hosting;

/// <summary>Behind a TLS proxy, the secureCookies setting (<c>clientele serve --secure-cookies</c>) marks the cookies Secure.</summary>
public sealed class SecureCookiesTests : IDisposable
{
    private readonly ClienteleFactory _factory = new() { Settings = { ["secureCookies"] = "true" } };

    [Fact]
    public async Task With_secure_cookies_the_sign_in_cookie_is_marked_secure()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _factory.StartOnLoopback() };
        var cookies = await SecurityHeadersTests.SignInCookies(http);
        Assert.Contains(cookies, c => c.StartsWith("clientele=", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    public void Dispose() => _factory.Dispose();
}
