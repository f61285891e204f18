namespace Clientele.Simulation.Internal;

/// <summary>A product of the demo company.</summary>
/// <param name="Id">The product_id (P01, P02, ...).</param>
/// <param name="Name">Display name.</param>
/// <param name="Line">Index into <see cref="ProductCatalog.Lines"/>.</param>
/// <param name="Price">List price.</param>
/// <param name="Launch">Negative: years before the simulated start; 0 to 1: that fraction of the simulated period.</param>
internal sealed record Product(string Id, string Name, int Line, double Price, double Launch);
