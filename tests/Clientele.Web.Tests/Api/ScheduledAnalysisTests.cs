using System.Net.Http.Json;
using Clientele.Storage.Access;
using Clientele.Storage.Import;
using Clientele.Storage.Snapshots;
using Clientele.Tables;
using Clientele.Web.Api;

namespace Clientele.Web.Tests.Api;

/// <summary><c>serve --analyze-every</c>: the server analyzes again by itself after an import, and only then.</summary>
public sealed class ScheduledAnalysisTests
{
    private static async Task<List<AnalysisRunView>> Runs(HttpClient client) =>
        (await client.GetFromJsonAsync<List<AnalysisRunView>>("/api/analyses", TestContext.Current.CancellationToken))!;

    [Fact]
    public async Task After_an_import_the_server_analyzes_again_by_itself_once_and_not_while_nothing_changed()
    {
        using var factory = new ClienteleFactory();
        factory.Settings["analyzeEvery"] = "1s";
        var client = factory.ClientWithKey(Role.Viewer);
        var before = factory.Workspace.Read(SnapshotQuery.List);

        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken); // three ticks over an analysis that saw every import
        Assert.Empty(await Runs(client));

        var file = Path.Combine(Path.GetDirectoryName(factory.WorkspacePath)!, "late-orders.csv");
        await File.WriteAllTextAsync(file, "order_id,customer_id,ordered_at,amount\nLATE-1,C0000001,2026-01-03,12.50\n", TestContext.Current.CancellationToken);
        await factory.Workspace.WriteAsync(w => new Importer(w).Import(CanonicalTables.Find("orders")!, file, new ImportOptions()), TestContext.Current.CancellationToken);

        var deadline = DateTime.UtcNow.AddMinutes(3);
        AnalysisRunView? run = null;
        while (run is not { State: "succeeded" or "failed" })
        {
            Assert.True(DateTime.UtcNow < deadline, $"no scheduled analysis finished within three minutes (runs: {(await Runs(client)).Count})");
            await Task.Delay(200, TestContext.Current.CancellationToken);
            run = (await Runs(client)).SingleOrDefault();
        }
        Assert.True(run.State == "succeeded", run.Error);
        Assert.Equal(ScheduledAnalysis.StartedBy, run.StartedBy);
        Assert.Equal(new DateOnly(2026, 1, 3), run.Result!.AsOf); // the new last order day
        var after = factory.Workspace.Read(SnapshotQuery.List);
        Assert.Equal(before.Count + 1, after.Count);
        Assert.Equal(run.Result.Customers, after[^1].Customers);
        Assert.False(factory.Workspace.Read(AnalysisFreshness.Read).Stale);

        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        Assert.Single(await Runs(client)); // nothing changed since: no second run
    }
}
