using System.Net;
using System.Text.RegularExpressions;
using Clientele.Storage;
using Clientele.Storage.Access;
using Clientele.Web.Security;

namespace Clientele.Web.Tests.Security;

/// <summary>
/// The keys that sign sessions are the workspace's (<see cref="WorkspaceKeyRepository"/>): a session started on one server
/// is accepted by another server of the same workspace, and refused by a server of another workspace, though both run
/// as the same user on the same machine (where ASP.NET's default keeps one key folder for all).
/// </summary>
public sealed partial class SessionKeysTests
{
    [Fact]
    public async Task A_session_started_on_one_server_is_accepted_by_another_of_the_same_workspace_only()
    {
        var cancel = TestContext.Current.CancellationToken;
        var path = DemoCompany.Copy();
        var elsewhere = DemoCompany.Copy();
        try
        {
            string cookie;
            using (var first = new ClienteleFactory(path) { KeepsWorkspace = true })
            {
                cookie = await SignInAsync(first.Anonymous(), cancel);
                Assert.Equal(HttpStatusCode.OK, (await Me(first.Anonymous(), cookie, cancel)).StatusCode);
            }
            using (var workspace = Workspace.Open(path))
                Assert.NotEmpty(DataProtectionKeyTable.All(workspace));

            using (var second = new ClienteleFactory(path) { KeepsWorkspace = true })
            {
                var me = await Me(second.Anonymous(), cookie, cancel);
                Assert.Equal(HttpStatusCode.OK, me.StatusCode);
                Assert.Contains("\"name\":\"admin\"", await me.Content.ReadAsStringAsync(cancel), StringComparison.Ordinal);
            }
            using (var other = new ClienteleFactory(elsewhere))
                Assert.Equal(HttpStatusCode.Unauthorized, (await Me(other.Anonymous(), cookie, cancel)).StatusCode);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    /// <summary>GET /api/me with a <c>Cookie</c> header.</summary>
    internal static Task<HttpResponseMessage> Me(HttpClient client, string cookie, CancellationToken cancel)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Add("Cookie", cookie);
        return client.SendAsync(request, cancel);
    }

    /// <summary>Signs a user (by default the first admin) in by hand (no cookie container), returning the sign-in cookie as a <c>Cookie</c> header sends it.</summary>
    internal static async Task<string> SignInAsync(HttpClient client, CancellationToken cancel,
        string userName = Accounts.FirstAdminName, string password = ClienteleFactory.AdminPassword)
    {
        var page = await client.GetAsync("/signin", cancel);
        var antiforgery = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var token = Token().Match(await page.Content.ReadAsStringAsync(cancel)).Groups[1].Value;
        var post = new HttpRequestMessage(HttpMethod.Post, "/account/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["userName"] = userName, ["password"] = password, ["returnUrl"] = "/",
            }),
        };
        post.Headers.Add("Cookie", antiforgery);
        var signedIn = await client.SendAsync(post, cancel);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return signedIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("clientele=", StringComparison.Ordinal));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
