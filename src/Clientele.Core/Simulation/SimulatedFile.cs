namespace Clientele.Simulation;

/// <summary>One file the simulator wrote.</summary>
/// <param name="Table">The canonical table the file is for (<see cref="Clientele.Tables.CanonicalTable.Name"/>).</param>
/// <param name="Path">The full path of the CSV file.</param>
/// <param name="Rows">Data rows, the header not counted.</param>
public sealed record SimulatedFile(string Table, string Path, long Rows);
