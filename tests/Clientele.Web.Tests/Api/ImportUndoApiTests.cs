using System.Net;
using System.Net.Http.Json;
using Clientele.Storage;
using Clientele.Storage.Access;
using Clientele.Storage.Removal;

namespace Clientele.Web.Tests.Api;

/// <summary>Undoing an import through the API: anyone signed in sees what it would change; an analyst undoes it.</summary>
public sealed class ImportUndoApiTests : IDisposable
{
    private readonly ClienteleFactory _factory = new();

    private int InteractionsImport() => _factory.Workspace.Read(w => w.Imports().Single(i => i.Table == "interactions").ImportId);

    [Fact]
    public async Task A_viewer_sees_what_undoing_would_change_but_only_an_analyst_undoes_it()
    {
        var id = InteractionsImport();
        var interactions = _factory.Workspace.Read(w => w.CountRows().Single(p => p.Key == "interactions").Value);
        var viewer = _factory.ClientWithKey(Role.Viewer);

        var plan = await viewer.GetFromJsonAsync<UndoPlan>($"/api/imports/{id}/undo", ClienteleFactory.Json, TestContext.Current.CancellationToken);
        Assert.Equal(new TableRows("interactions", interactions), plan!.Removed.Single());
        Assert.Equal(DemoCompany.Latest, plan.LatestAnalysis);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync($"/api/imports/{id}/undo", null, TestContext.Current.CancellationToken)).StatusCode);

        var response = await _factory.ClientWithKey(Role.Analyst).PostAsync($"/api/imports/{id}/undo", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(interactions, (await response.Content.ReadFromJsonAsync<UndoPlan>(ClienteleFactory.Json, TestContext.Current.CancellationToken))!.RowsRemoved);
        Assert.Equal(0, _factory.Workspace.Read(w => w.CountRows().Single(p => p.Key == "interactions").Value));
        Assert.DoesNotContain(_factory.Workspace.Read(w => w.Imports()), i => i.ImportId == id);
    }

    [Fact]
    public async Task An_unknown_import_is_a_404_with_the_reason()
    {
        var response = await _factory.ClientWithKey(Role.Analyst).PostAsync("/api/imports/999/undo", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("there is no import #999", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public void Dispose() => _factory.Dispose();
}
