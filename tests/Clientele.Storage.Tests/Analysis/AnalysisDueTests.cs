using Clientele.Customers;
using Clientele.Storage.Analysis;
using Clientele.Storage.Import;
using Clientele.Storage.Tests.Snapshots;

namespace Clientele.Storage.Tests.Analysis;

public sealed class AnalysisDueTests : IDisposable
{
    private readonly TempWorkspace _temp = new();

    private Workspace Workspace => _temp.Workspace!;

    private void Load(string table, string csv) => new Importer(Workspace).Import(table, _temp.File(table + ".csv", csv), new ImportOptions());

    [Fact]
    public void Nothing_is_due_in_a_workspace_without_imports()
    {
        Assert.Null(AnalysisDue.Check(Workspace));
    }

    [Fact]
    public void Data_without_an_analysis_is_due_with_the_defaults()
    {
        Load("orders", "customer_id,ordered_at,amount\nc1,2024-05-01,10\n");
        var (request, reason) = AnalysisDue.Check(Workspace)!.Value;
        Assert.Equal(new AnalysisRequest(), request);
        Assert.Equal("data was imported and there is no analysis yet", reason);
    }

    [Fact]
    public void An_analysis_that_saw_every_import_is_not_due_and_a_later_import_makes_it_due_with_its_unit_and_horizon()
    {
        Load("orders", "customer_id,ordered_at,amount\nc1,2024-05-01,10\n");
        HandMadeSnapshots.Execute(Workspace.Connection, "UPDATE imports SET imported_at = TIMESTAMP '2024-06-01 00:00:00'");
        HandMadeSnapshots.InsertBoth(Workspace.Connection); // unit 'day', horizon 365, run 2025-01-02
        Assert.Null(AnalysisDue.Check(Workspace));

        HandMadeSnapshots.Execute(Workspace.Connection, "UPDATE snapshots SET time_unit = 'week', horizon_days = 180 WHERE as_of = CAST($1 AS DATE)", HandMadeSnapshots.Second);
        Load("orders", "customer_id,ordered_at,amount\nc1,2025-02-01,10\nc2,2025-02-02,5\n");
        var (request, reason) = AnalysisDue.Check(Workspace)!.Value;
        Assert.Equal(TimeUnit.Week, request.Unit);
        Assert.Equal(180, request.HorizonDays);
        Assert.Null(request.AsOf); // the last order day
        Assert.Null(request.Options); // the workspace's
        Assert.Equal($"1 import(s) since the analysis as of {HandMadeSnapshots.Second} changed 2 customer(s)", reason);
    }

    public void Dispose() => _temp.Dispose();
}
