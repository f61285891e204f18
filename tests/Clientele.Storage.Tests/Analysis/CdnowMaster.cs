using Clientele.Customers;
using Clientele.Storage.Analysis;
using Clientele.Storage.Import;
using Clientele.Tables;

namespace Clientele.Storage.Tests.Analysis;

/// <summary>
/// The CDNOW master log (23,570 customers, 69,659 lines; ../shared/data) imported as docs/importing.md shows and analyzed
/// in weeks as of 1998-06-30, the end of the log, with the default options; shared by the tests of a class. When the data
/// is absent the fixture holds no workspace and each test skips itself through <see cref="Require"/>.
/// </summary>
public sealed class CdnowMaster : IDisposable
{
    /// <summary>The as-of date of the analysis: the log's last day.</summary>
    public static readonly DateOnly AsOf = new(1998, 6, 30);

    private readonly TempWorkspace? _temp;

    public CdnowMaster()
    {
        var path = SharedData.Folder is { } folder ? System.IO.Path.Combine(folder, "cdnow", "CDNOW_master.txt") : null;
        if (path is null || !File.Exists(path)) return;
        _temp = new TempWorkspace();
        new Importer(_temp.Workspace!).Import(CanonicalTables.Orders, path, new ImportOptions
        {
            Delimiter = Delimiter.Whitespace,
            DateFormat = "yyyyMMdd",
            Map = new Dictionary<string, string> { ["ordered_at"] = "date", ["quantity"] = "number_of_cds", ["amount"] = "dollar_value" },
        });
        Run = AnalysisRunner.Run(_temp.Workspace!, new AnalysisRequest { AsOf = AsOf, Unit = TimeUnit.Week });
    }

    /// <summary>The analysis as of <see cref="AsOf"/>.</summary>
    public AnalysisRun? Run { get; }

    /// <summary>The workspace; skips the calling test when the data is absent.</summary>
    public Workspace Require()
    {
        SharedData.Require("cdnow/CDNOW_master.txt");
        return _temp!.Workspace!;
    }

    public void Dispose() => _temp?.Dispose();
}
