using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Clientele.Storage;
using Clientele.Storage.Access;
using Clientele.Storage.Snapshots;
using Clientele.Storage.Tests;
using Clientele.Web.Api;
using Clientele.Web.Security;
using Clientele.Web.Tests.Security;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Clientele.Web.Tests.Hosting;

/// <summary>
/// Two servers on one PostgreSQL database holding the analyzed demo company (<see cref="PostgresDemoCompany"/>), as two
/// <c>clientele serve</c> behind one load balancer would run: a session, a user, a key and an analysis made through one are
/// seen by the other at its next request; every GET of the API and every page answers without a server error, the reads not
/// yet ported to PostgreSQL with a 501 that says so; and a bounded load on both at once gives no error.
/// </summary>
public sealed class TwoServersOnPostgresTests(SharedPostgres postgres) : IDisposable
{
    private readonly List<IDisposable> _made = [];
    private string? _database;

    /// <summary>Two servers on a new copy of the demo company.</summary>
    private (ClienteleFactory A, ClienteleFactory B) Servers()
    {
        _database = PostgresDemoCompany.Copy(postgres.Server);
        var a = new ClienteleFactory(_database);
        var b = new ClienteleFactory(_database);
        _made.Add(a);
        _made.Add(b);
        return (a, b);
    }

    [Fact]
    public async Task A_session_signed_in_on_one_server_is_accepted_by_the_other()
    {
        var cancel = TestContext.Current.CancellationToken;
        var (a, b) = Servers();
        var cookie = await SessionKeysTests.SignInAsync(a.Anonymous(), cancel);
        var me = await SessionKeysTests.Me(b.Anonymous(), cookie, cancel);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains("\"name\":\"admin\"", await me.Content.ReadAsStringAsync(cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_or_key_changed_on_one_server_is_seen_by_the_other_at_its_next_request()
    {
        var cancel = TestContext.Current.CancellationToken;
        var (a, b) = Servers();
        // The other server reads and keeps its users before the changes below.
        Assert.Equal(HttpStatusCode.OK, (await SessionKeysTests.Me(b.Anonymous(), await SessionKeysTests.SignInAsync(b.Anonymous(), cancel), cancel)).StatusCode);

        var name = await a.AddUserAsync(Role.Analyst);
        var cookie = await SessionKeysTests.SignInAsync(b.Anonymous(), cancel, name, ClienteleFactory.UserPassword);
        Assert.Equal(HttpStatusCode.OK, (await SessionKeysTests.Me(b.Anonymous(), cookie, cancel)).StatusCode);

        var accounts = a.ServerServices.GetRequiredService<Accounts>();
        const string another = "another-long-password-for-this";
        // A cookie is refused for a password changed more than a second after it was issued (CookieEvents: the issue time is kept to the second).
        await Task.Delay(TimeSpan.FromSeconds(1.5), cancel);
        Assert.True(await accounts.SetPasswordAsync(name, another, oneTime: false, cancel));
        Assert.Equal(HttpStatusCode.Unauthorized, (await SessionKeysTests.Me(b.Anonymous(), cookie, cancel)).StatusCode);

        cookie = await SessionKeysTests.SignInAsync(b.Anonymous(), cancel, name, another);
        Assert.Equal(HttpStatusCode.OK, (await SessionKeysTests.Me(b.Anonymous(), cookie, cancel)).StatusCode);
        Assert.True(await accounts.SetRoleAsync(name, Role.Viewer, cancel));
        Assert.Equal(HttpStatusCode.Unauthorized, (await SessionKeysTests.Me(b.Anonymous(), cookie, cancel)).StatusCode);

        cookie = await SessionKeysTests.SignInAsync(b.Anonymous(), cancel, name, another);
        Assert.True(await accounts.RemoveAsync(name, cancel));
        Assert.Equal(HttpStatusCode.Unauthorized, (await SessionKeysTests.Me(b.Anonymous(), cookie, cancel)).StatusCode);
        var refused = await ClienteleFactory.SignInAsync(b.Anonymous(), name, another);
        Assert.StartsWith("/signin", refused.Headers.Location?.OriginalString, StringComparison.Ordinal);

        var (key, secret) = await a.Workspace.WriteAsync(w => ApiKeyTable.Create(w, "shared key", Role.Viewer, DateTime.UtcNow, "tests"), cancel);
        using var byKey = b.Anonymous();
        byKey.DefaultRequestHeaders.Add(ApiKeyAuthentication.Header, secret);
        Assert.Equal(HttpStatusCode.OK, (await byKey.GetAsync("/api/me", cancel)).StatusCode);
        using var admin = a.ClientWithKey(Role.Admin);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/keys/{key.KeyId}", cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await byKey.GetAsync("/api/me", cancel)).StatusCode);
    }

    [Fact]
    public async Task An_analysis_run_through_one_server_while_the_other_lists_customers_is_listed_by_the_other_once_stored()
    {
        var cancel = TestContext.Current.CancellationToken;
        var (a, b) = Servers();
        using var reader = b.ClientWithKey(Role.Viewer);
        Assert.Equal(DemoCompany.Latest, (await Listing(reader, cancel)).AsOf);

        var asOf = DemoCompany.Latest.AddDays(7);
        using var analyst = a.ClientWithKey(Role.Analyst);
        var started = await analyst.PostAsJsonAsync("/api/analyses", new { asOf }, cancel);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var run = (await started.Content.ReadFromJsonAsync<AnalysisRunView>(ClienteleFactory.Json, cancel))!;
        var before = 0;
        while (run.State is "queued" or "running")
        {
            // The other server answers from the latest stored analysis while this one runs (and from the new one once it is committed).
            var listed = (await Listing(reader, cancel)).AsOf;
            Assert.Contains(listed, new[] { DemoCompany.Latest, asOf });
            if (listed == DemoCompany.Latest) before++;
            run = (await analyst.GetFromJsonAsync<AnalysisRunView>($"/api/analyses/{run.Id}", ClienteleFactory.Json, cancel))!;
        }
        Assert.True(run.State == "succeeded", run.Error);
        Assert.True(before > 0, "the other server listed no customers while the analysis ran");
        TestContext.Current.TestOutputHelper!.WriteLine($"{before} listings of the earlier analysis served by the other server while the analysis ran ({run.Seconds} s)");

        var after = await Listing(reader, cancel);
        Assert.Equal(asOf, after.AsOf);
        Assert.Equal(b.Workspace.Read(w => SnapshotQuery.List(w))[^1].Customers, after.Total);
    }

    [Fact]
    public async Task A_customer_erased_through_one_server_is_no_longer_listed_by_the_other()
    {
        var cancel = TestContext.Current.CancellationToken;
        var (a, b) = Servers();
        using var reader = b.ClientWithKey(Role.Viewer);
        var id = (await Listing(reader, cancel)).Rows[0].Id;
        async Task<long> Found() => (await reader.GetFromJsonAsync<CustomerPage>($"/api/customers?search={Uri.EscapeDataString(id)}", ClienteleFactory.Json, cancel))!.Total;
        Assert.Equal(1, await Found());

        using var admin = a.ClientWithKey(Role.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/api/customers/{Uri.EscapeDataString(id)}", cancel)).StatusCode);
        Assert.Equal(0, await Found());
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/customers/{Uri.EscapeDataString(id)}", cancel)).StatusCode);
    }

    [Fact]
    public async Task A_change_that_loses_to_another_committed_at_the_same_time_is_a_409_and_stores_nothing()
    {
        var cancel = TestContext.Current.CancellationToken;
        var (a, _) = Servers();
        using var admin = a.ClientWithKey(Role.Admin);
        var database = new Uri(_database!).AbsolutePath.TrimStart('/');
        await using var other = new NpgsqlConnection(postgres.Server.ConnectionString(database));
        await other.OpenAsync(cancel);
        await using var transaction = await other.BeginTransactionAsync(cancel);
        await using (var insert = new NpgsqlCommand("INSERT INTO users VALUES ('zed', 'analyst', 'hash', now(), 'elsewhere', now(), false)", other, transaction))
            await insert.ExecuteNonQueryAsync(cancel);

        var adding = admin.PostAsJsonAsync("/api/users", new { userName = "zed", role = "viewer", password = ClienteleFactory.UserPassword }, cancel);
        // The server's insert waits for this transaction's row, which is then committed first.
        await using (var waiting = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", other, transaction))
        {
            var deadline = DateTime.UtcNow.AddMinutes(1);
            while ((long)(await waiting.ExecuteScalarAsync(cancel))! == 0)
            {
                Assert.False(adding.IsCompleted, "the server answered before it waited for the other transaction");
                Assert.True(DateTime.UtcNow < deadline, "the server's insert never waited for the other transaction");
                await Task.Delay(20, cancel);
            }
        }
        await transaction.CommitAsync(cancel);

        using var response = await adding;
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("was stored first, and nothing of this one was stored. Try again.", await response.Content.ReadAsStringAsync(cancel), StringComparison.Ordinal);
        Assert.Equal(Role.Analyst, a.Workspace.Read(w => UserTable.Find(w, "zed"))!.Role);
    }

    [Fact]
    public async Task Every_GET_of_the_API_and_every_page_answers_on_PostgreSQL_without_a_server_error_or_a_not_ported_501()
    {
        var cancel = TestContext.Current.CancellationToken;
        var (server, _) = Servers();
        using var admin = await server.SignedInAsync(await server.AddUserAsync(Role.Admin));
        var real = await RealIdsAsync(server);
        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "openapi.json")))!;
        var failures = new List<string>();
        var notPorted = new List<string>();
        var paths = document["paths"]!.AsObject().Where(p => p.Value!["get"] is not null)
            .Select(p => real.Aggregate(p.Key, (path, id) => path.Replace("{" + id.Key + "}", Uri.EscapeDataString(id.Value), StringComparison.Ordinal)))
            .Concat(["/", "/customers", "/structure", "/movement", "/value", "/influence", "/referrals", "/buying-centers", "/churn", "/concerns",
                     "/models", "/playbook", "/data", "/settings", $"/customers/{Uri.EscapeDataString(real["customerId"])}"]).ToList();
        foreach (var path in paths)
        {
            using var response = await admin.GetAsync(path, cancel);
            var body = await response.Content.ReadAsStringAsync(cancel);
            var status = (int)response.StatusCode;
            if (status == 501 && body.Contains("does not run on a PostgreSQL workspace in this build", StringComparison.Ordinal)) notPorted.Add(path);
            else if (!path.StartsWith("/api", StringComparison.Ordinal) && body.Contains("does not run on a PostgreSQL workspace in this build", StringComparison.Ordinal))
                notPorted.Add(path);
            else if (status >= 500 || body.Contains("An unhandled error", StringComparison.Ordinal) || path.Contains('{', StringComparison.Ordinal))
                failures.Add($"GET {path}: {status} {body[..Math.Min(300, body.Length)]}");
        }
        var output = TestContext.Current.TestOutputHelper!;
        output.WriteLine($"{paths.Count} GETs; not yet on PostgreSQL (501): {(notPorted.Count == 0 ? "none" : string.Join(", ", notPorted))}");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // Every reader runs on both engines: no page or endpoint says it does not.
        Assert.Empty(notPorted);
    }

    [Fact]
    public async Task Both_servers_under_a_bounded_load_of_listings_answer_every_request()
    {
        var cancel = TestContext.Current.CancellationToken;
        var (a, b) = Servers();
        var addresses = new[] { a.StartOnLoopback(), b.StartOnLoopback() };
        var keys = new[] { Key(a), Key(b) };
        const int clients = 8, requests = 400;
        var times = new double[requests];
        var errors = new List<string>();
        var next = -1;
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromMinutes(2) };
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(addresses[i % 2], $"/api/customers?page={1 + i % 30}&sort={(i % 3 == 0 ? "clv%20desc" : "value%20desc")}"));
                request.Headers.Add(ApiKeyAuthentication.Header, keys[i % 2]);
                var clock = Stopwatch.StartNew();
                using var response = await http.SendAsync(request, cancel);
                await response.Content.ReadAsByteArrayAsync(cancel);
                times[i] = clock.Elapsed.TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.OK) lock (errors) errors.Add($"{request.RequestUri}: {(int)response.StatusCode}");
            }
        }, cancel)));
        Array.Sort(times);
        TestContext.Current.TestOutputHelper!.WriteLine(
            $"{requests} listings by {clients} clients over two servers on one PostgreSQL database: p50 {times[requests / 2]:F1} ms, p95 {times[requests * 95 / 100]:F1} ms, {errors.Count} errors");
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));
    }

    private static string Key(ClienteleFactory server) =>
        server.Workspace.WriteAsync(w => ApiKeyTable.Create(w, "load", Role.Viewer, DateTime.UtcNow, "tests").Item2).GetAwaiter().GetResult();

    private static async Task<CustomerPage> Listing(HttpClient client, CancellationToken cancel) =>
        (await client.GetFromJsonAsync<CustomerPage>("/api/customers?pageSize=20", ClienteleFactory.Json, cancel))!;

    /// <summary>A real value of each path parameter of the API.</summary>
    private static async Task<Dictionary<string, string>> RealIdsAsync(ClienteleFactory server)
    {
        var victim = await server.AddUserAsync(Role.Viewer);
        var (key, _) = await server.Workspace.WriteAsync(w => ApiKeyTable.Create(w, "a key", Role.Viewer, DateTime.UtcNow, "tests"));
        var run = server.ServerServices.GetRequiredService<AnalysisRuns>().Start(new AnalysisStart(new DateOnly(1990, 1, 1), null, null, null).ToRequest(), "tests")!;
        return new Dictionary<string, string>
        {
            ["dimension"] = "ladder",
            ["userName"] = victim,
            ["keyId"] = key.KeyId,
            ["customerId"] = server.Workspace.Read(w => SnapshotQuery.Customers(w, top: 1)).Rows[0].CustomerId,
            ["importId"] = server.Workspace.Read(w => w.Imports()[^1].ImportId).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["id"] = run.Id,
        };
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Clientele.slnx"))) return directory.FullName;
        throw new InvalidOperationException("the repository root (Clientele.slnx) was not found above " + AppContext.BaseDirectory);
    }

    public void Dispose()
    {
        foreach (var made in _made) made.Dispose();
        if (_database is not null) postgres.Server.DropDatabase(_database);
    }
}
