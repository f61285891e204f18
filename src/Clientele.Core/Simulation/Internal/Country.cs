namespace Clientele.Simulation.Internal;

/// <summary>A country of the demo company's market.</summary>
/// <param name="Name">The country written to customers.country.</param>
/// <param name="Region">Index into <see cref="Markets.Regions"/> (the sales region).</param>
/// <param name="Weight">Relative share of parties.</param>
/// <param name="LegalSuffix">Suffix of company names (GmbH, Ltd, ...).</param>
/// <param name="Cities">Cities used in names.</param>
internal sealed record Country(string Name, int Region, double Weight, string LegalSuffix, string[] Cities);
