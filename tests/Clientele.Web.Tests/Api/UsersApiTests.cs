using System.Net;
using System.Net.Http.Json;
using Clientele.Storage.Access;
using Clientele.Web.Api;
using Clientele.Web.Security;

namespace Clientele.Web.Tests.Api;

public sealed class UsersApiTests : IClassFixture<UsersApiTests.Server>
{
    public sealed class Server : IDisposable
    {
        public ClienteleFactory Factory { get; } = new();
        public void Dispose() => Factory.Dispose();
    }

    private readonly ClienteleFactory _factory;

    public UsersApiTests(Server server) => _factory = server.Factory;

    [Fact]
    public async Task An_admin_adds_a_user_with_a_one_time_password_changes_the_role_resets_and_removes_them()
    {
        var admin = _factory.ClientWithKey(Role.Admin);
        var added = await admin.PostAsJsonAsync("/api/users", new NewUser("carla", "viewer", null), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var user = await added.Content.ReadFromJsonAsync<AddedUser>(TestContext.Current.CancellationToken);
        Assert.Equal(("carla", "viewer", true), (user!.User.UserName, user.User.Role, user.User.MustChangePassword));
        Assert.False(string.IsNullOrEmpty(user.OneTimePassword));
        var signIn = await ClienteleFactory.SignInAsync(_factory.Anonymous(), "carla", user.OneTimePassword!);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.DoesNotContain("error=", signIn.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var listed = await admin.GetFromJsonAsync<List<UserView>>("/api/users", TestContext.Current.CancellationToken);
        Assert.Contains(listed!, u => u.UserName == "carla" && u.Role == "viewer");

        var changed = await admin.PutAsJsonAsync("/api/users/carla", new UserChange("analyst", true), TestContext.Current.CancellationToken);
        var change = await changed.Content.ReadFromJsonAsync<AddedUser>(TestContext.Current.CancellationToken);
        Assert.Equal("analyst", change!.User.Role);
        Assert.NotEqual(user.OneTimePassword, change.OneTimePassword);
        Assert.Equal(Role.Analyst, _factory.Workspace.Read(UserTable.All).Single(u => u.UserName == "carla").Role);

        var removed = await admin.DeleteAsync("/api/users/carla", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.DoesNotContain(_factory.Workspace.Read(UserTable.All), u => u.UserName == "carla");
    }

    [Theory]
    [InlineData(Role.Viewer)]
    [InlineData(Role.Analyst)]
    public async Task Viewers_and_analysts_get_403_and_nothing_changes(Role role)
    {
        var before = _factory.Workspace.Read(UserTable.All).Count;
        var client = _factory.ClientWithKey(role);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/users", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/users", new NewUser($"x{role}", "admin", null), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.DeleteAsync($"/api/users/{Accounts.FirstAdminName}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(before, _factory.Workspace.Read(UserTable.All).Count);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.Anonymous().GetAsync("/api/users", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task A_bad_role_is_a_400_and_an_unknown_user_a_404()
    {
        var admin = _factory.ClientWithKey(Role.Admin);
        var bad = await admin.PostAsJsonAsync("/api/users", new NewUser("dora", "owner", null), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("owner", await bad.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.DoesNotContain(_factory.Workspace.Read(UserTable.All), u => u.UserName == "dora");
        var unknown = await admin.PutAsJsonAsync("/api/users/nobody-here", new UserChange("viewer", false), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task An_admin_cannot_remove_themself_or_drop_their_own_admin_role()
    {
        var name = await _factory.AddUserAsync(Role.Admin);
        var client = await _factory.SignedInAsync(name);
        var remove = await client.DeleteAsync($"/api/users/{name}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, remove.StatusCode);
        Assert.Contains("you cannot remove yourself", await remove.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var demote = await client.PutAsJsonAsync($"/api/users/{name}", new UserChange("viewer", false), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, demote.StatusCode);
        Assert.Equal(Role.Admin, _factory.Workspace.Read(UserTable.All).Single(u => u.UserName == name).Role);
    }

    [Theory]
    [InlineData("admin\u200b", "U+200B")]
    [InlineData("ad\u00admin", "U+00AD")]
    [InlineData("eve\tx", "U+0009")]
    [InlineData("two  spaces", "U+0020")]
    [InlineData("   ", "1 to 64 characters")]
    public async Task A_user_name_with_an_invisible_character_is_refused_with_the_character(string userName, string named)
    {
        var response = await _factory.ClientWithKey(Role.Admin).PostAsJsonAsync("/api/users", new NewUser(userName, "admin", null), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_differing_only_in_case_or_width_is_taken_and_is_stored_normalised()
    {
        var admin = _factory.ClientWithKey(Role.Admin);
        var added = await admin.PostAsJsonAsync("/api/users", new NewUser(" ｆｒａｎｋ ", "viewer", null), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal("frank", (await added.Content.ReadFromJsonAsync<AddedUser>(TestContext.Current.CancellationToken))!.User.UserName);
        var again = await admin.PostAsJsonAsync("/api/users", new NewUser("FRANK", "viewer", null), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("already a user", await again.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("          ", "only spaces")]
    [InlineData("password12", "at least 12")]
    [InlineData("password1234", "most common")]
    [InlineData("gretchen-gretchen", "user name")]
    public async Task A_weak_password_is_refused_with_the_reason(string password, string reason)
    {
        var response = await _factory.ClientWithKey(Role.Admin).PostAsJsonAsync("/api/users", new NewUser("gretchen", "viewer", password), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.DoesNotContain(_factory.Workspace.Read(UserTable.All), u => u.UserName == "gretchen");
    }
}
