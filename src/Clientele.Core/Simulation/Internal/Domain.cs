namespace Clientele.Simulation.Internal;

/// <summary>A domain within an industry: the finer segment organizations are grouped by.</summary>
/// <param name="Industry">Index into <see cref="Markets.Industries"/>.</param>
/// <param name="Name">The domain word written to customers.domain.</param>
/// <param name="Weight">Relative share of organizations.</param>
/// <param name="SpendFactor">Multiplier of the mean spend per order.</param>
/// <param name="RateFactor">Multiplier of the purchase rate.</param>
/// <param name="PrimaryLine">The line most of its orders are from.</param>
/// <param name="SecondaryLine">The line it buys next most.</param>
/// <param name="Employees">Median head count, for the attributes JSON.</param>
/// <param name="Concerns">What its people care about: tags of support interactions.</param>
/// <param name="NameTemplates">Organization names: {City}, {Last}, {First} and {Saint} are filled in.</param>
internal sealed record Domain(
    int Industry,
    string Name,
    double Weight,
    double SpendFactor,
    double RateFactor,
    int PrimaryLine,
    int SecondaryLine,
    int Employees,
    string[] Concerns,
    string[] NameTemplates);
