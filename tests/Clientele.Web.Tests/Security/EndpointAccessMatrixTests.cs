using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Clientele.Storage.Access;
using Clientele.Web.Api;
using Clientele.Web.Hosting;
using Clientele.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Clientele.Web.Tests.Security;

/// <summary>
/// Every operation of the checked-in OpenAPI document (docs/openapi.json), with its path parameters filled once with a
/// real id of the workspace and once with a nonsense id, called on the real server (Kestrel on a loopback port, over a
/// fresh copy of the demo company) with every kind of credential: none, a forged cookie, a validly signed but expired
/// cookie, a bad API key, and the sign-in cookie and an API key of each role. The role an operation needs is read from
/// its endpoint's authorization metadata, so the test checks the server's behaviour against its own declarations.
/// </summary>
public sealed partial class EndpointAccessMatrixTests : IDisposable
{
    /// <summary>The operations anyone may call without a credential, each with why. Any other that allows anonymous callers fails the test.</summary>
    private static readonly Dictionary<string, string> Public = new()
    {
        ["GET /health"] = "the health check of load balancers and monitors: it tells only that the server is up and the latest analysis date",
    };

    /// <summary>
    /// The body of every operation that takes one: well-formed, and chosen so that it refuses itself (400) or changes only
    /// what no other call relies on. An operation that gains a body in the document without an entry here fails the test.
    /// </summary>
    private static readonly Dictionary<string, Func<HttpContent>> Bodies = new()
    {
        ["POST /api/users"] = () => JsonContent.Create(new { userName = "matrix-new", role = "viewer", password = "password" }), // a common password: 400
        ["PUT /api/users/{userName}"] = () => JsonContent.Create(new { role = "viewer", resetPassword = false }), // the victim user stays a viewer
        ["POST /api/keys"] = () => JsonContent.Create(new { name = "matrix key", role = "viewer" }), // one more viewer key
        ["PUT /api/customers/{customerId}/overrides/{dimension}"] = () => JsonContent.Create(new { @class = "advocate", reason = "endpoint matrix" }),
        ["POST /api/referrals/records"] = () => JsonContent.Create(new { customerId = "C0000001", action = "no-such-action" }), // 400: neither thank nor ask
        ["PUT /api/settings/money"] = () => JsonContent.Create(new { currency = "NOTACODE" }), // 400: not an ISO 4217 code
        ["POST /api/analyses"] = () => JsonContent.Create(new { model = "no-such-model" }), // 400: no analysis starts
        ["POST /api/events"] = () => JsonContent.Create(new Dictionary<string, object> // a valid batch: one order of a customer no other call names (201, then 200 repeated)
        {
            ["orders"] = new[] { new Dictionary<string, object> { ["order_id"] = "MATRIX-EVENT-1", ["customer_id"] = "MATRIX-EVENTS", ["ordered_at"] = "2025-01-01", ["amount"] = 1 } },
        }),
        ["POST /api/imports"] = () => new MultipartFormDataContent // 400: no such table
        {
            { new StringContent("no-such-table"), "table" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("customer_id\nC1\n")), "file", "rows.csv" },
        },
    };

    private readonly ClienteleFactory _factory = new();
    private readonly Uri _address;
    private readonly HttpClient _http;

    public EndpointAccessMatrixTests()
    {
        _address = _factory.StartOnLoopback();
        // Cookies travel as explicit headers, so one client carries every credential.
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _address, Timeout = TimeSpan.FromMinutes(2) };
    }

    /// <summary>A kind of credential: its name in the report, the role it carries (null: none), and what it adds to a request.</summary>
    private sealed record Credential(string Name, Role? Role, Action<HttpRequestMessage> Apply);

    /// <summary>An operation of the document and the role its endpoint requires (null: public).</summary>
    private sealed record Operation(string Method, string Path, bool HasBody, IReadOnlyList<(string Name, bool Integer)> Parameters, Role? Required)
    {
        public string Key => $"{Method} {Path}";
    }

    [Fact]
    public async Task Every_operation_answers_every_credential_as_its_authorization_metadata_says_and_never_with_a_server_error()
    {
        var operations = Operations();
        var real = await RealIdsAsync();
        var credentials = await CredentialsAsync();
        var failures = new List<string>();
        var calls = 0;
        foreach (var operation in operations)
        {
            foreach (var fill in new[] { "real", "nonsense" }.Take(operation.Parameters.Count == 0 ? 1 : 2))
            {
                var path = operation.Parameters.Aggregate(operation.Path, (p, parameter) => p.Replace(
                    "{" + parameter.Name + "}", Uri.EscapeDataString(fill == "real" ? real[parameter.Name] : parameter.Integer ? "987654321" : "no-such-" + parameter.Name), StringComparison.Ordinal));
                foreach (var credential in credentials)
                {
                    using var request = new HttpRequestMessage(new HttpMethod(operation.Method), path);
                    if (operation.HasBody) request.Content = Bodies[operation.Key]();
                    credential.Apply(request);
                    using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
                    calls++;
                    var status = (int)response.StatusCode;
                    var expected = Expected(operation.Required, credential.Role);
                    var ok = status < 500 && expected switch
                    {
                        401 => status == 401,
                        403 => status == 403,
                        _ => status is not (401 or 403),
                    };
                    if (!ok)
                    {
                        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                        failures.Add($"{operation.Method} {path} with {credential.Name}: {status}, expected {(expected == 0 ? "neither 401 nor 403" : expected)} (needs {operation.Required?.Name() ?? "nothing"}): {body[..Math.Min(body.Length, 300)]}");
                    }
                }
            }
        }
        var output = TestContext.Current.TestOutputHelper!;
        output.WriteLine($"{operations.Count} operations ({operations.Count(o => o.Parameters.Count > 0)} with path parameters, each called with a real and a nonsense id) × {credentials.Count} credentials ({string.Join(", ", credentials.Select(c => c.Name))}): {calls} calls.");
        foreach (var role in Enum.GetValues<Role>()) output.WriteLine($"  need {role.Name()}: {operations.Count(o => o.Required == role)} operations");
        output.WriteLine($"  public: {operations.Count(o => o.Required is null)} ({string.Join(", ", operations.Where(o => o.Required is null).Select(o => o.Key))})");
        Assert.True(failures.Count == 0, $"{failures.Count} of {calls} calls answered wrongly:\n" + string.Join("\n", failures));
        Assert.True(calls >= operations.Count * credentials.Count);
    }

    /// <summary>401 without a role on a protected operation, 403 for too low a role, else 0 (neither).</summary>
    private static int Expected(Role? required, Role? held) =>
        required is null ? 0 : held is null ? 401 : held < required ? 403 : 0;

    /// <summary>The document's operations, each matched to the server's endpoint and its required role.</summary>
    private List<Operation> Operations()
    {
        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "openapi.json")))!;
        var endpoints = _factory.ServerServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Key: $"{m} {Template(e.RoutePattern.RawText ?? "")}", Endpoint: e)))
            .GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.First().Endpoint);
        var operations = new List<Operation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var key = $"{method.ToUpperInvariant()} {path}";
                Assert.True(endpoints.TryGetValue(key, out var endpoint), $"{key} is in docs/openapi.json but the server maps no such endpoint");
                var parameters = (operation!["parameters"] as JsonArray ?? []).Where(p => (string?)p!["in"] == "path")
                    .Select(p => ((string)p!["name"]!, (string?)p["schema"]?["type"] == "integer")).ToList();
                var hasBody = operation["requestBody"] is not null;
                Assert.True(!hasBody || Bodies.ContainsKey(key), $"{key} takes a body: add one to {nameof(Bodies)} that changes nothing other calls rely on");
                var required = RequiredRole(endpoint!);
                Assert.True((required is null) == Public.ContainsKey(key), required is null
                    ? $"{key} lets anyone in: if it is meant to be public, list it in {nameof(Public)} with why"
                    : $"{key} is listed as public but needs the {required.Value.Name()} role");
                // ApiEndpoints' rule, so that a change that loses its requirement is caught, not just followed.
                Assert.True(method.Equals("get", StringComparison.OrdinalIgnoreCase) || required >= Role.Analyst,
                    $"{key} changes something but needs only {required?.Name() ?? "nothing"}: changes need the analyst or admin role");
                operations.Add(new Operation(method.ToUpperInvariant(), path, hasBody, parameters, required));
            }
        }
        return operations;
    }

    /// <summary>The role an endpoint's authorization metadata requires: the highest of its policies, viewer (any credential) under the fallback policy, null when it allows anonymous callers.</summary>
    private static Role? RequiredRole(Endpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null) return null;
        var roles = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>()
            .SelectMany(a => new[] { a.Policy }.Concat(a.Roles?.Split(',') ?? []))
            .Where(name => !string.IsNullOrWhiteSpace(name))
            .Select(name => Roles.Parse(name!)).ToList();
        return roles.Count == 0 ? Role.Viewer : roles.Max();
    }

    /// <summary>A route pattern as the document writes its path: no constraints, no trailing slash.</summary>
    private static string Template(string pattern)
    {
        var path = Constraint().Replace(pattern, "}");
        path = "/" + path.Trim('/');
        return path;
    }

    [GeneratedRegex(@":[^}]+\}")]
    private static partial Regex Constraint();

    /// <summary>A real value of each path parameter, from the workspace (and one failed analysis run, for a run id).</summary>
    private async Task<Dictionary<string, string>> RealIdsAsync()
    {
        var workspace = _factory.Workspace;
        string Scalar(string sql) => workspace.Read(w =>
        {
            using var command = w.Connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
        });
        var victim = await _factory.AddUserAsync(Role.Viewer, "matrix-victim");
        var (key, _) = await workspace.WriteAsync(w => ApiKeyTable.Create(w, "matrix victim", Role.Viewer, DateTime.UtcNow, "tests"));
        _factory.ServerServices.GetRequiredService<AccessDirectory>().KeysChanged();
        // A run that fails at once (no customer before 1990) still has a real id, and leaves the workspace as it was.
        var runs = _factory.ServerServices.GetRequiredService<AnalysisRuns>();
        var run = runs.Start(new AnalysisStart(new DateOnly(1990, 1, 1), null, null, null).ToRequest(), "tests")!;
        return new Dictionary<string, string>
        {
            ["dimension"] = "ladder",
            ["userName"] = victim,
            ["keyId"] = key.KeyId,
            ["customerId"] = Scalar("SELECT min(customer_id) FROM customers"),
            ["importId"] = Scalar("SELECT max(import_id) FROM imports"),
            ["id"] = run.Id,
        };
    }

    /// <summary>Every kind of credential, the ones without a role first.</summary>
    private async Task<List<Credential>> CredentialsAsync()
    {
        var credentials = new List<Credential>
        {
            new("no credential", null, _ => { }),
            new("a forged cookie", null, r => r.Headers.Add("Cookie", "clientele=CfDJ8forged-not-a-ticket")),
            new("an expired cookie", null, r => r.Headers.Add("Cookie", "clientele=" + Ticket(expired: true))),
            new("a bad API key", null, r => r.Headers.Add(ApiKeyAuthentication.Header, "clientele_not-a-key-0123456789")),
        };
        // The control: the same ticket, not expired, lets the admin in; so the expired one is refused for its expiry alone.
        using (var fresh = new HttpRequestMessage(HttpMethod.Get, "/api/me"))
        {
            fresh.Headers.Add("Cookie", "clientele=" + Ticket(expired: false));
            Assert.Equal(HttpStatusCode.OK, (await _http.SendAsync(fresh, TestContext.Current.CancellationToken)).StatusCode);
        }
        foreach (var role in Enum.GetValues<Role>())
        {
            var (cookie, csrf) = await SignInAsync(await _factory.AddUserAsync(role, $"matrix-{role.Name()}"));
            credentials.Add(new($"{role.Name()} cookie", role, r =>
            {
                r.Headers.Add("Cookie", cookie);
                r.Headers.Add(ClienteleServer.CsrfHeader, csrf);
            }));
            var (_, secret) = await _factory.Workspace.WriteAsync(w => ApiKeyTable.Create(w, $"matrix {role.Name()}", role, DateTime.UtcNow, "tests"));
            credentials.Add(new($"{role.Name()} API key", role, r => r.Headers.Add(ApiKeyAuthentication.Header, secret)));
        }
        _factory.ServerServices.GetRequiredService<AccessDirectory>().KeysChanged();
        return credentials;
    }

    /// <summary>A sign-in cookie the server itself signed for the first admin: expired an hour ago, or valid for another hour.</summary>
    private string Ticket(bool expired)
    {
        var options = _factory.ServerServices.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme);
        var principal = Policies.Principal("admin", Role.Admin, "password", CookieAuthenticationDefaults.AuthenticationScheme);
        var now = DateTimeOffset.UtcNow;
        var properties = expired
            ? new AuthenticationProperties { IssuedUtc = now.AddHours(-13), ExpiresUtc = now.AddHours(-1) }
            : new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddHours(1) };
        return options.TicketDataFormat.Protect(new AuthenticationTicket(principal, properties, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    /// <summary>Signs in through the form on the real socket; returns the Cookie header and the anti-forgery token for changes.</summary>
    private async Task<(string Cookie, string Csrf)> SignInAsync(string userName)
    {
        var jar = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = jar }) { BaseAddress = _address };
        var signIn = await ClienteleFactory.SignInAsync(browser, userName, ClienteleFactory.UserPassword);
        Assert.Equal("/", signIn.Headers.Location?.OriginalString);
        var me = await browser.GetFromJsonAsync<Caller>("/api/me", TestContext.Current.CancellationToken);
        return (jar.GetCookieHeader(_address), me!.CsrfToken!);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Clientele.slnx"))) return directory.FullName;
        throw new InvalidOperationException("the repository root (Clientele.slnx) was not found above " + AppContext.BaseDirectory);
    }

    public void Dispose()
    {
        _http.Dispose();
        _factory.Dispose();
    }
}
