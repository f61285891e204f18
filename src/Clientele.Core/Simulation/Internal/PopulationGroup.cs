namespace Clientele.Simulation.Internal;

/// <summary>A population group persons are grouped by (mass retail).</summary>
/// <param name="Name">The word written to customers.population_group.</param>
/// <param name="Weight">Relative share of persons.</param>
/// <param name="SpendFactor">Multiplier of the mean spend per order.</param>
/// <param name="RateFactor">Multiplier of the purchase rate.</param>
/// <param name="PrimaryLine">The line most of its orders are from.</param>
/// <param name="SecondaryLine">The line it buys next most.</param>
/// <param name="Concerns">What its people care about: tags of support interactions.</param>
internal sealed record PopulationGroup(
    string Name,
    double Weight,
    double SpendFactor,
    double RateFactor,
    int PrimaryLine,
    int SecondaryLine,
    string[] Concerns);
