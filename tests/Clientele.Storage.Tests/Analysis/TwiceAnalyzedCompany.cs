using Clientele.Simulation;
using Clientele.Storage.Analysis;
using Clientele.Storage.Import;
using Clientele.Tables;

namespace Clientele.Storage.Tests.Analysis;

/// <summary>
/// A small demo company (1,500 parties, seed 11) imported once and analyzed twice, half a year apart, shared by the tests
/// of a class (xunit class fixture): for what compares an analysis with the previous one.
/// </summary>
public sealed class TwiceAnalyzedCompany : IDisposable
{
    public TwiceAnalyzedCompany()
    {
        Temp = new TempWorkspace();
        var options = new SimulationOptions { Customers = 1_500, Seed = 11 };
        var simulation = CompanySimulator.WriteFiles(options, System.IO.Path.Combine(Temp.Folder, "data"));
        var importer = new Importer(Temp.Workspace!);
        foreach (var file in simulation.Files)
            importer.Import(CanonicalTables.Find(file.Table)!, file.Path, new ImportOptions());
        Earlier = options.End.AddMonths(-6);
        Latest = options.End;
        AnalysisRunner.Run(Temp.Workspace!, new AnalysisRequest { AsOf = Earlier });
        AnalysisRunner.Run(Temp.Workspace!, new AnalysisRequest { AsOf = Latest });
    }

    public TempWorkspace Temp { get; }

    /// <summary>The first analysis's as-of date.</summary>
    public DateOnly Earlier { get; }

    /// <summary>The second (latest) analysis's as-of date.</summary>
    public DateOnly Latest { get; }

    public void Dispose() => Temp.Dispose();
}
