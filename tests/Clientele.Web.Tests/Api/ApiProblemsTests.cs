using System.Net;
using System.Net.Http.Json;
using Clientele.Storage.Access;
using Clientele.Storage.Tests;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Clientele.Web.Tests.Api;

/// <summary>
/// What the server answers when its disk is full (a 507 that says so; <see cref="SmallDisk"/>), and when its PostgreSQL workspace's server goes away: a 503 ProblemDetails that names the workspace,
/// never a 500, and answers again once the server is back, without a restart of its own. The test runs a PostgreSQL server
/// of its own, which it stops and starts again on the same port and data.
/// </summary>
public sealed class ApiProblemsTests : IDisposable
{
    private PostgresServer? _server;
    private ClienteleFactory? _factory;

    [Fact]
    public async Task A_request_while_the_workspace_server_is_stopped_is_a_503_and_one_after_it_is_back_answers()
    {
        var cancel = TestContext.Current.CancellationToken;
        _server = PostgresServer.Start();
        var url = _server.NewDatabaseUrl();
        _factory = new ClienteleFactory(url);
        var client = _factory.ClientWithKey(Role.Viewer);
        string[] paths = ["/api/settings/money", "/health"];
        foreach (var path in paths) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path, cancel)).StatusCode);
        var browser = await _factory.SignedInAsync(await _factory.AddUserAsync(Role.Viewer));

        _server.Halt("fast");
        // A page asked for anew: the sign-in cookie is checked against the database first, so it is the same 503, never a 500.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await browser.GetAsync("/", cancel)).StatusCode);
        foreach (var path in paths)
        {
            var response = await client.GetAsync(path, cancel);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = (await response.Content.ReadFromJsonAsync<ProblemDetails>(cancel))!;
            Assert.Equal("Workspace unavailable", problem.Title);
            Assert.StartsWith($"cannot connect to {url}: ", problem.Detail, StringComparison.Ordinal);
        }

        _server.Resume();
        foreach (var path in paths) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path, cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/", cancel)).StatusCode);

        // Every session ended by an administrator: the pool's idle connections are dead, and the next request is not refused for it.
        using (var admin = new NpgsqlConnection(_server.ConnectionString()))
        {
            admin.Open();
            using var terminate = admin.CreateCommand();
            terminate.CommandText = $"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '{new Uri(url).AbsolutePath.TrimStart('/')}'";
            Assert.True((long)terminate.ExecuteScalar()! > 0);
        }
        foreach (var path in paths) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path, cancel)).StatusCode);
    }

    [Fact]
    public async Task A_change_the_full_disk_refuses_is_a_507_that_says_so_and_the_same_change_is_stored_once_there_is_room()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var disk = new SmallDisk(96);
        var path = Path.Combine(disk.Path, "demo.duckdb");
        var copy = DemoCompany.Copy();
        File.Copy(copy, path);
        Directory.Delete(Path.GetDirectoryName(copy)!, recursive: true);
        _factory = new ClienteleFactory(path) { KeepsWorkspace = true };
        var client = _factory.ClientWithKey(Role.Analyst);
        var change = new { @class = "VIP", reason = new string('x', 4_000) };
        disk.Fill();

        var refused = await client.PutAsJsonAsync("/api/customers/C0000001/overrides/value_tier", change, cancel);
        Assert.Equal(HttpStatusCode.InsufficientStorage, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = (await refused.Content.ReadFromJsonAsync<ProblemDetails>(cancel))!;
        Assert.Equal("Out of disk space", problem.Title);
        Assert.StartsWith("out of disk space: ", problem.Detail, StringComparison.Ordinal);
        Assert.Contains("No space left on device", problem.Detail, StringComparison.Ordinal);
        Assert.Contains($"the workspace's is {disk.Path}", problem.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", cancel)).StatusCode);
        Assert.DoesNotContain("C0000001", await client.GetStringAsync("/api/overrides", cancel), StringComparison.Ordinal);

        disk.Empty();
        Assert.True((await client.PutAsJsonAsync("/api/customers/C0000001/overrides/value_tier", change, cancel)).IsSuccessStatusCode);
        Assert.Contains("C0000001", await client.GetStringAsync("/api/overrides", cancel), StringComparison.Ordinal);
        _factory.Dispose();
        _factory = null;
    }

    public void Dispose()
    {
        _factory?.Dispose();
        _server?.Dispose();
    }
}
