using Clientele.Simulation;

namespace Clientele.Core.Tests.Simulation;

/// <summary>One small simulated company (3,000 parties, seed 42), written once and read back for the tests that only look at it.</summary>
public sealed class SimulatedCompany : IDisposable
{
    public const int Customers = 3_000;

    private readonly Dictionary<string, CsvFile> _tables = new(StringComparer.Ordinal);

    public SimulatedCompany()
    {
        Directory = Path.Combine(Path.GetTempPath(), "clientele-sim-" + Guid.NewGuid().ToString("N"));
        Options = new SimulationOptions { Customers = Customers, Seed = 42 };
        Result = CompanySimulator.WriteFiles(Options, Directory);
    }

    public string Directory { get; }

    public SimulationOptions Options { get; }

    public SimulationResult Result { get; }

    internal CsvFile this[string table]
    {
        get
        {
            lock (_tables)
            {
                if (!_tables.TryGetValue(table, out var file))
                {
                    file = CsvFile.Read(Path.Combine(Directory, table + ".csv"));
                    _tables[table] = file;
                }

                return file;
            }
        }
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
