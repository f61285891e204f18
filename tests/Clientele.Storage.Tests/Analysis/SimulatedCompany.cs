using Clientele.Simulation;
using Clientele.Storage.Analysis;
using Clientele.Storage.Import;
using Clientele.Tables;

namespace Clientele.Storage.Tests.Analysis;

/// <summary>
/// The default demo company (5,000 parties, seed 42) imported into a workspace with its truth tables and
/// analyzed once, shared by the tests of a class (xunit class fixture).
/// </summary>
public sealed class SimulatedCompany : IDisposable
{
    public SimulatedCompany()
    {
        Temp = new TempWorkspace();
        var options = new SimulationOptions { Customers = 5_000, Seed = 42 };
        var data = System.IO.Path.Combine(Temp.Folder, "data");
        var simulation = CompanySimulator.WriteFiles(options, data);
        var importer = new Importer(Temp.Workspace!);
        foreach (var file in simulation.Files)
            importer.Import(CanonicalTables.Find(file.Table)!, file.Path, new ImportOptions());
        AsOf = options.End;
        Run = AnalysisRunner.Run(Temp.Workspace!, new AnalysisRequest { AsOf = AsOf });
        Matrices = TruthRecovery.Compare(Temp.Workspace!, AsOf);
    }

    public TempWorkspace Temp { get; }

    public DateOnly AsOf { get; }

    public AnalysisRun Run { get; }

    public IReadOnlyList<ConfusionMatrix> Matrices { get; }

    public ConfusionMatrix Matrix(string startOfName) => Matrices.First(m => m.Name.StartsWith(startOfName, StringComparison.Ordinal));

    public void Dispose() => Temp.Dispose();
}
