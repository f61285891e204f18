using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Clientele.Storage.Access;
using Clientele.Web.Api;

namespace Clientele.Web.Tests.Api;

public sealed class ModelsApiTests : IClassFixture<ModelsApiTests.Server>
{
    public sealed class Server : IDisposable
    {
        public ClienteleFactory Factory { get; } = new();
        public void Dispose() => Factory.Dispose();
    }

    private readonly ClienteleFactory _factory;

    public ModelsApiTests(Server server) => _factory = server.Factory;

    [Fact]
    public async Task The_models_give_the_stored_parameters_fit_and_holdout_comparison()
    {
        var models = await _factory.ClientWithKey(Role.Viewer).GetFromJsonAsync<ModelsView>("/api/models", TestContext.Current.CancellationToken);
        // The stored JSON itself, read without the typed context: the API must give what was stored.
        var report = _factory.Workspace.Read(w => JsonNode.Parse(w.Scalar<string>("SELECT report FROM snapshots ORDER BY as_of DESC LIMIT 1")!)!);
        Assert.Equal(DemoCompany.Latest, models!.AsOf);
        Assert.Equal(report["scoring"]!["model"]!.GetValue<string>(), models.Model);
        Assert.Contains(models.Model, new[] { "bgnbd", "pnbd" });
        foreach (var (name, value) in report["scoring"]!["parameters"]!.AsObject())
            Assert.Equal(value!.GetValue<double>(), models.Parameters[name]);
        Assert.Equal(report["scoring"]!["fit"]!["logLikelihood"]!.GetValue<double>(), models.Fit!.LogLikelihood);
        Assert.Equal(2, models.Candidates.Count);
        Assert.Single(models.Candidates, c => c.Chosen);
        Assert.True(models.Candidates[0].Error <= models.Candidates[1].Error);
    }

    [Fact]
    public async Task The_holdout_tracking_ends_at_the_compared_totals()
    {
        var models = await _factory.ClientWithKey(Role.Viewer).GetFromJsonAsync<ModelsView>("/api/models", TestContext.Current.CancellationToken);
        var tracking = models!.Tracking!;
        Assert.True(tracking.Days.Count > 10);
        Assert.Equal(tracking.Days.Count, tracking.Actual.Count);
        Assert.Equal(DemoCompany.Latest, tracking.Dates[^1]);
        // The actual curve is cumulative and ends at the holdout purchase days of the calibration buyers, counted here independently.
        Assert.True(tracking.Actual.Zip(tracking.Actual.Skip(1)).All(p => p.First <= p.Second));
        var end = tracking.CalibrationEnd.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var actual = _factory.Workspace.Read(w => w.Scalar<long>($"""
            WITH d AS (SELECT DISTINCT customer_id, CAST(ordered_at AS DATE) AS day FROM orders WHERE status = 'completed' AND CAST(ordered_at AS DATE) <= DATE '{DemoCompany.Latest:yyyy-MM-dd}')
            SELECT count(*) FROM d WHERE day > DATE '{end}' AND customer_id IN (SELECT customer_id FROM d WHERE day <= DATE '{end}')
            """));
        Assert.Equal(actual, tracking.Actual[^1]);
        Assert.All(models.Candidates, c =>
        {
            Assert.Equal(c.Actual, tracking.Actual[^1]);
            Assert.Equal(c.Predicted!.Value, tracking.Predicted[c.Model][^1], 0);
        });
    }

    [Fact]
    public async Task No_credentials_is_a_401_and_an_empty_workspace_a_400_saying_there_is_no_analysis()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.Anonymous().GetAsync("/api/models", TestContext.Current.CancellationToken)).StatusCode);
        using var empty = new ClienteleFactory(DemoCompany.Empty());
        var response = await empty.ClientWithKey(Role.Viewer).GetAsync("/api/models", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("no analysis yet", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
