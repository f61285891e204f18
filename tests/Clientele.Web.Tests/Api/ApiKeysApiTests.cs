using System.Net;
using System.Net.Http.Json;
using Clientele.Storage.Access;
using Clientele.Web.Api;
using Clientele.Web.Security;

namespace Clientele.Web.Tests.Api;

public sealed class ApiKeysApiTests : IClassFixture<ApiKeysApiTests.Server>
{
    public sealed class Server : IDisposable
    {
        public ClienteleFactory Factory { get; } = new();
        public void Dispose() => Factory.Dispose();
    }

    private readonly ClienteleFactory _factory;

    public ApiKeysApiTests(Server server) => _factory = server.Factory;

    [Fact]
    public async Task A_key_made_by_an_admin_works_for_its_role_until_it_is_revoked_then_gets_401()
    {
        var admin = _factory.ClientWithKey(Role.Admin);
        var made = await admin.PostAsJsonAsync("/api/keys", new NewApiKey("nightly export", "viewer"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var key = await made.Content.ReadFromJsonAsync<CreatedApiKey>(ClienteleFactory.Json, TestContext.Current.CancellationToken);
        Assert.Equal(("nightly export", Role.Viewer), (key!.Key.Name, key.Key.Role));
        var listed = await admin.GetFromJsonAsync<List<ApiKey>>("/api/keys", ClienteleFactory.Json, TestContext.Current.CancellationToken);
        Assert.Contains("\"role\":\"viewer\"", await admin.GetStringAsync("/api/keys", TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains(listed!, k => k.KeyId == key.Key.KeyId);
        Assert.DoesNotContain(key.Secret, await admin.GetStringAsync("/api/keys", TestContext.Current.CancellationToken), StringComparison.Ordinal);

        var machine = _factory.Anonymous();
        machine.DefaultRequestHeaders.Add(ApiKeyAuthentication.Header, key.Secret);
        Assert.Equal(HttpStatusCode.OK, (await machine.GetAsync("/api/me", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await machine.GetAsync("/api/keys", TestContext.Current.CancellationToken)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/keys/{key.Key.KeyId}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await machine.GetAsync("/api/me", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Theory]
    [InlineData(Role.Viewer)]
    [InlineData(Role.Analyst)]
    public async Task Viewers_and_analysts_get_403_and_no_key_is_made(Role role)
    {
        var before = _factory.Workspace.Read(ApiKeyTable.All).Count;
        var client = _factory.ClientWithKey(role);
        before++;
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/keys", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/keys", new NewApiKey("mine", "admin"), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(before, _factory.Workspace.Read(ApiKeyTable.All).Count);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.Anonymous().GetAsync("/api/keys", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task A_bad_role_is_a_400_and_an_unknown_key_a_404()
    {
        var admin = _factory.ClientWithKey(Role.Admin);
        var before = _factory.Workspace.Read(ApiKeyTable.All).Count;
        var bad = await admin.PostAsJsonAsync("/api/keys", new NewApiKey("robot", "root"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("root", await bad.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(before, _factory.Workspace.Read(ApiKeyTable.All).Count);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync("/api/keys/no-such-key", TestContext.Current.CancellationToken)).StatusCode);
    }
}
