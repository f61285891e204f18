namespace Clientele.Simulation.Internal;

/// <summary>A product line of the demo company.</summary>
/// <param name="Name">The product_line word written to the files.</param>
/// <param name="MarginRate">The line's typical gross margin rate (margin / amount).</param>
internal sealed record ProductLine(string Name, double MarginRate);
