using System.Net;
using System.Net.Http.Json;
using Clientele.Storage.Access;
using Clientele.Web.Api;

namespace Clientele.Web.Tests.Api;

public sealed class AnalysesApiTests : IClassFixture<AnalysesApiTests.Server>
{
    public sealed class Server : IDisposable
    {
        public ClienteleFactory Factory { get; } = new();
        public void Dispose() => Factory.Dispose();
    }

    private readonly ClienteleFactory _factory;

    public AnalysesApiTests(Server server) => _factory = server.Factory;

    /// <summary>Polls the run until it has finished, for at most two minutes.</summary>
    internal static async Task<AnalysisRunView> Finished(HttpClient client, Uri location)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var run = await client.GetFromJsonAsync<AnalysisRunView>(location, TestContext.Current.CancellationToken);
            if (run!.State is "succeeded" or "failed") return run;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"run {run.Id} still {run.State} after two minutes");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task An_analysis_runs_in_the_background_and_stores_a_snapshot_while_a_second_start_gets_409()
    {
        var client = _factory.ClientWithKey(Role.Analyst);
        var asOf = DemoCompany.Latest.AddDays(-30);
        var response = await client.PostAsJsonAsync("/api/analyses", new { asOf, model = "bgnbd", horizonDays = 180 }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var started = await response.Content.ReadFromJsonAsync<AnalysisRunView>(TestContext.Current.CancellationToken);
        Assert.Equal($"/api/analyses/{started!.Id}", response.Headers.Location!.OriginalString);

        var second = await client.PostAsJsonAsync("/api/analyses", new { }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("another analysis is queued or running", await second.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        var run = await Finished(client, response.Headers.Location);
        Assert.True(run.State == "succeeded", run.Error);
        Assert.Equal(["summary", "customer columns", "models", "classification"], run.Steps.Where(s => !s.Contains(':', StringComparison.Ordinal)).Take(4));
        Assert.Equal("snapshot", run.Steps[^1]);
        Assert.Equal(asOf, run.Result!.AsOf);
        Assert.Equal("bgnbd", run.Result.Model);
        var stored = _factory.Workspace.Read(w => Storage.Snapshots.SnapshotQuery.List(w)).Single(s => s.AsOf == asOf);
        Assert.Equal(stored.Customers, run.Result.Customers);
        Assert.Equal(stored.Customers, run.Result.Classes["ladder"].Values.Sum());
        var listed = await client.GetFromJsonAsync<List<AnalysisRunView>>("/api/analyses", TestContext.Current.CancellationToken);
        Assert.Equal(run.Id, listed![0].Id);
    }

    [Fact]
    public async Task A_viewer_gets_403_and_no_run_starts_and_bad_input_is_a_400()
    {
        var before = await _factory.ClientWithKey(Role.Viewer).GetFromJsonAsync<List<AnalysisRunView>>("/api/analyses", TestContext.Current.CancellationToken);
        var response = await _factory.ClientWithKey(Role.Viewer).PostAsJsonAsync("/api/analyses", new { }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var after = await _factory.ClientWithKey(Role.Viewer).GetFromJsonAsync<List<AnalysisRunView>>("/api/analyses", TestContext.Current.CancellationToken);
        Assert.Equal(before!.Count, after!.Count);
        var bad = await _factory.ClientWithKey(Role.Analyst).PostAsJsonAsync("/api/analyses", new { model = "mbgnbd" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("model 'mbgnbd' is not one of: auto, bgnbd, pnbd", await bad.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var unknown = await _factory.ClientWithKey(Role.Viewer).GetAsync("/api/analyses/999", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.Anonymous().GetAsync("/api/analyses", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task An_analysis_of_an_empty_workspace_fails_with_the_runners_message()
    {
        using var empty = new ClienteleFactory(DemoCompany.Empty());
        var client = empty.ClientWithKey(Role.Analyst);
        var response = await client.PostAsJsonAsync("/api/analyses", new { }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var run = await Finished(client, response.Headers.Location!);
        Assert.Equal("failed", run.State);
        Assert.StartsWith("the workspace has no orders", run.Error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", TestContext.Current.CancellationToken)).StatusCode);
    }
}
