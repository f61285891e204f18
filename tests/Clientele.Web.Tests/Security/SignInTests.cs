using System.Net;
using System.Net.Http.Json;
using Clientele.Storage.Access;
using Clientele.Web.Security;

namespace Clientele.Web.Tests.Security;

public sealed class SignInTests : IClassFixture<SignInTests.Server>
{
    public sealed class Server : IDisposable
    {
        public ClienteleFactory Factory { get; } = new();
        public void Dispose() => Factory.Dispose();
    }

    private readonly ClienteleFactory _factory;

    public SignInTests(Server server) => _factory = server.Factory;

    [Fact]
    public async Task Health_needs_no_sign_in_and_names_the_latest_analysis()
    {
        var response = await _factory.Anonymous().GetAsync("/health", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"\"latestAnalysis\":\"{DemoCompany.Latest:yyyy-MM-dd}\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_API_call_without_credentials_gets_401_as_problem_details()
    {
        var response = await _factory.Anonymous().GetAsync("/api/me", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_page_without_sign_in_redirects_to_the_sign_in_page()
    {
        var response = await _factory.Anonymous().GetAsync("/customers", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/signin?returnUrl=%2Fcustomers", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_admin_signs_in_with_the_password_from_the_environment()
    {
        var client = await _factory.SignedInAsync(Accounts.FirstAdminName, ClienteleFactory.AdminPassword);
        var me = await client.GetFromJsonAsync<global::Clientele.Web.Api.Caller>("/api/me", TestContext.Current.CancellationToken);
        Assert.Equal(("admin", "admin", "password"), (me!.Name, me.Role, me.Method));
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_after_five_failures_even_the_right_one_waits()
    {
        var name = await _factory.AddUserAsync(Role.Viewer);
        for (var i = 0; i < SignInThrottle.MaxFailures; i++)
        {
            var wrong = await ClienteleFactory.SignInAsync(_factory.Anonymous(), name, "not-the-password");
            Assert.Contains("error=invalid", wrong.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
        var client = _factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var right = await ClienteleFactory.SignInAsync(client, name, ClienteleFactory.UserPassword);
        Assert.Contains("error=throttled", right.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.True(right.Headers.RetryAfter is not null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task A_sign_in_form_posted_without_its_anti_forgery_token_is_refused()
    {
        var name = await _factory.AddUserAsync(Role.Viewer);
        var client = _factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = name, ["password"] = ClienteleFactory.UserPassword,
        }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task A_cookie_change_without_the_csrf_header_is_refused()
    {
        var admin = await _factory.SignedInAsync(Accounts.FirstAdminName, ClienteleFactory.AdminPassword);
        admin.DefaultRequestHeaders.Remove(global::Clientele.Web.Hosting.ClienteleServer.CsrfHeader);
        var response = await admin.PostAsJsonAsync("/api/keys", new { name = "forged", role = "admin" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("X-CSRF-TOKEN", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Passwords_are_stored_hashed()
    {
        var name = await _factory.AddUserAsync(Role.Analyst);
        var user = _factory.Workspace.Read(w => UserTable.Find(w, name))!;
        Assert.DoesNotContain(ClienteleFactory.UserPassword, user.PasswordHash, StringComparison.Ordinal);
        Assert.True(user.PasswordHash.Length > 60);
    }

    [Fact]
    public async Task A_one_time_password_opens_only_the_change_password_page_until_it_is_replaced()
    {
        var accounts = (Accounts)_factory.ServerServices.GetService(typeof(Accounts))!;
        var oneTime = Accounts.OneTimePassword();
        var name = $"new-{Guid.NewGuid():N}"[..16];
        await accounts.AddAsync(name, Role.Analyst, oneTime, "tests", oneTime: true, TestContext.Current.CancellationToken);
        var client = _factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var signIn = await ClienteleFactory.SignInAsync(client, name, oneTime);
        Assert.Equal("/account/password", signIn.Headers.Location!.OriginalString);
        var refused = await client.GetAsync("/api/customers", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("one-time password", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        var page = await client.GetStringAsync("/account/password", TestContext.Current.CancellationToken);
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var changed = await client.PostAsync("/account/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["currentPassword"] = oneTime, ["newPassword"] = "my-very-own-password", ["confirmPassword"] = "my-very-own-password",
        }), TestContext.Current.CancellationToken);
        Assert.Equal("/?password=changed", changed.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/customers", TestContext.Current.CancellationToken)).StatusCode);
        Assert.False(_factory.Workspace.Read(w => UserTable.Find(w, name))!.MustChangePassword);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var name = await _factory.AddUserAsync(Role.Viewer);
        var client = await _factory.SignedInAsync(name);
        var page = await client.GetStringAsync("/signin", TestContext.Current.CancellationToken);
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/account/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }),
            TestContext.Current.CancellationToken);
        Assert.Equal("/signin", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task A_removed_user_loses_the_session_at_the_next_request()
    {
        var name = await _factory.AddUserAsync(Role.Analyst);
        var client = await _factory.SignedInAsync(name);
        var accounts = (Accounts)_factory.ServerServices.GetService(typeof(Accounts))!;
        await accounts.RemoveAsync(name, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Theory]
    [InlineData("/%09/evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("/ /evil.example")]
    [InlineData("/\r\n/evil.example")]
    [InlineData("javascript:alert(1)")]
    public async Task A_hostile_return_address_leads_to_the_overview_never_elsewhere_nor_to_an_error(string returnUrl)
    {
        var name = await _factory.AddUserAsync(Role.Viewer);
        var client = _factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var page = await client.GetStringAsync("/signin", TestContext.Current.CancellationToken);
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["userName"] = name, ["returnUrl"] = Uri.UnescapeDataString(returnUrl) };
        var wrong = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["password"] = "not-the-password" }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, wrong.StatusCode);
        Assert.Contains("returnUrl=%2F&", wrong.Headers.Location!.OriginalString + "&", StringComparison.Ordinal);
        var right = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["password"] = ClienteleFactory.UserPassword }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/", right.Headers.Location!.OriginalString);
    }

    [Fact]
    public void A_local_path_with_its_query_is_followed()
    {
        Assert.Equal("/customers/C-1042?tab=history", AccountEndpoints.LocalUrl("/customers/C-1042?tab=history"));
        Assert.Equal("/", AccountEndpoints.LocalUrl("/" + new string('a', AccountEndpoints.MaxReturnUrlLength)));
    }
}
