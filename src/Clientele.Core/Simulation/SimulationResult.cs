namespace Clientele.Simulation;

/// <summary>What <see cref="CompanySimulator.WriteFiles"/> wrote.</summary>
/// <param name="Directory">The full path of the directory holding the files.</param>
/// <param name="Files">One file per filled table, in the order of <see cref="Clientele.Tables.CanonicalTables.All"/>,
/// which is also the order to import them in.</param>
/// <param name="Options">The options the company was simulated with.</param>
public sealed record SimulationResult(string Directory, IReadOnlyList<SimulatedFile> Files, SimulationOptions Options);
