using System.Net;
using System.Net.Http.Json;
using Clientele.Classification;
using Clientele.Storage.Access;
using Clientele.Storage.Analysis;
using Clientele.Web.Api;

namespace Clientele.Web.Tests.Api;

public sealed class PlaybookApiTests : IClassFixture<PlaybookApiTests.Server>
{
    public sealed class Server : IDisposable
    {
        public ClienteleFactory Factory { get; } = new();
        public ClienteleFactory Custom { get; } = new();

        public void Dispose()
        {
            Factory.Dispose();
            Custom.Dispose();
        }
    }

    private readonly Server _server;

    public PlaybookApiTests(Server server) => _server = server;

    [Fact]
    public async Task Without_options_every_dimension_shows_the_default_actions_in_its_classes_order()
    {
        var playbook = await _server.Factory.ClientWithKey(Role.Viewer)
            .GetFromJsonAsync<List<PlaybookDimension>>("/api/playbook", TestContext.Current.CancellationToken);

        Assert.Equal(Dimensions.All, playbook!.Select(d => d.Dimension));
        var ladder = playbook!.Single(d => d.Dimension == "ladder");
        Assert.Equal(DimensionClasses.Closed["ladder"], ladder.Classes.Select(c => c.Class));
        var bzc = playbook!.Single(d => d.Dimension == "value_class").Classes.Single(c => c.Class == "BZC");
        Assert.Equal((Playbook.Defaults["value_class"]["BZC"], false), (bzc.Action, bzc.Replaced));
        Assert.Equal(Playbook.Defaults["influence"].Keys, playbook!.Single(d => d.Dimension == "influence").Classes.Select(c => c.Class));
        Assert.Empty(playbook!.Single(d => d.Dimension == "segment").Classes);
    }

    [Fact]
    public async Task An_action_replaced_in_the_stored_options_is_the_one_in_force_and_marked()
    {
        await _server.Custom.Workspace.WriteAsync(w =>
        {
            w.SetMeta(AnalysisRunner.OptionsMetaKey, """{ "playbook": { "actions": { "value_class": { "BZC": "Keep them: they bring traffic." } } } }""");
            return 0;
        }, TestContext.Current.CancellationToken);

        var playbook = await _server.Custom.ClientWithKey(Role.Viewer)
            .GetFromJsonAsync<List<PlaybookDimension>>("/api/playbook", TestContext.Current.CancellationToken);

        var valueClass = playbook!.Single(d => d.Dimension == "value_class").Classes;
        Assert.Equal(("Keep them: they bring traffic.", true), (valueClass.Single(c => c.Class == "BZC").Action, valueClass.Single(c => c.Class == "BZC").Replaced));
        Assert.Equal((Playbook.Defaults["value_class"]["MVC"], false), (valueClass.Single(c => c.Class == "MVC").Action, valueClass.Single(c => c.Class == "MVC").Replaced));
    }

    [Fact]
    public async Task Reading_the_playbook_needs_credentials()
    {
        var response = await _server.Factory.Anonymous().GetAsync("/api/playbook", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
