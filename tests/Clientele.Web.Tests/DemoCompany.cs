using Clientele.Simulation;
using Clientele.Storage;
using Clientele.Storage.Analysis;
using Clientele.Storage.Import;
using Clientele.Tables;

namespace Clientele.Web.Tests;

/// <summary>
/// A seeded demo company (2,000 parties, seed 7) imported and analyzed twice, half a year apart, made once per test run
/// in a temporary folder. Each server under test gets its own copy (<see cref="Copy"/>), so tests that change data do
/// not see each other's changes.
/// </summary>
public static class DemoCompany
{
    /// <summary>Parties simulated.</summary>
    public const int Parties = 2_000;

    private static readonly Lazy<(string Path, DateOnly Earlier, DateOnly Latest)> Template = new(Make, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The as-of date of the latest analysis.</summary>
    public static DateOnly Latest => Template.Value.Latest;

    /// <summary>The as-of date of the earlier analysis (half a year before <see cref="Latest"/>).</summary>
    public static DateOnly Earlier => Template.Value.Earlier;

    /// <summary>A copy of the analyzed workspace in a fresh folder; returns the copy's path.</summary>
    public static string Copy()
    {
        var folder = Directory.CreateTempSubdirectory("clientele-web-").FullName;
        var path = System.IO.Path.Combine(folder, "demo.duckdb");
        File.Copy(Template.Value.Path, path);
        return path;
    }

    /// <summary>An empty workspace (no data, no analysis) in a fresh folder; returns its path.</summary>
    public static string Empty()
    {
        var folder = Directory.CreateTempSubdirectory("clientele-web-").FullName;
        var path = System.IO.Path.Combine(folder, "empty.duckdb");
        Workspace.Create(path).Dispose();
        return path;
    }

    private static (string, DateOnly, DateOnly) Make()
    {
        var folder = Directory.CreateTempSubdirectory("clientele-web-template-").FullName;
        var path = System.IO.Path.Combine(folder, "demo.duckdb");
        using var workspace = Workspace.Create(path);
        var (earlier, latest) = Fill(workspace, folder);
        return (path, earlier, latest);
    }

    /// <summary>
    /// Simulates the company into <paramref name="folder"/>, imports it into <paramref name="workspace"/> (a DuckDB file or a
    /// PostgreSQL database) and analyzes it as of <see cref="Earlier"/> and <see cref="Latest"/>; returns those dates.
    /// </summary>
    public static (DateOnly Earlier, DateOnly Latest) Fill(Workspace workspace, string folder)
    {
        var options = new SimulationOptions { Customers = Parties, Seed = 7 };
        var simulation = CompanySimulator.WriteFiles(options, System.IO.Path.Combine(folder, "data"));
        // Imported before the analyses ran, as a real workspace would be; else every page would say the analysis is stale.
        var importer = new Importer(workspace, new FixedClock(new DateTimeOffset(2025, 12, 31, 12, 0, 0, TimeSpan.Zero)));
        foreach (var file in simulation.Files) importer.Import(CanonicalTables.Find(file.Table)!, file.Path, new ImportOptions());
        var earlier = options.End.AddMonths(-6);
        AnalysisRunner.Run(workspace, new AnalysisRequest { AsOf = earlier, CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) });
        AnalysisRunner.Run(workspace, new AnalysisRequest { AsOf = options.End, CreatedAt = new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc) });
        return (earlier, options.End);
    }

    /// <summary>A clock that always says the same time.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
