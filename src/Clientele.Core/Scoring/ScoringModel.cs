using Clientele.Clv;
using Clientele.Clv.BgNbd;
using Clientele.Clv.GammaGamma;
using Clientele.Clv.ParetoNbd;

namespace Clientele.Scoring;

/// <summary>
/// What scoring learned from the whole base (<see cref="CustomerScoring.Learn"/>), enough to score any customer again
/// without fitting (<see cref="CustomerScoring.Apply"/>): the repeat-purchase model and its parameters, Gamma-Gamma's
/// spend parameters, whether values are margins, and the base's margin rate each customer's is shrunk toward.
/// </summary>
/// <param name="Model">The repeat-purchase model's key ("bgnbd" or "pnbd"), or null when the scores follow the rules.</param>
/// <param name="Parameters">Its parameters by their names in the papers (empty without a model).</param>
/// <param name="Spend">Gamma-Gamma's parameters (p, q, gamma); empty when each customer's mean spend is used.</param>
/// <param name="UsesMargin">Whether the orders carry margins (else values are revenue).</param>
/// <param name="BaseMarginRate">The base's margin rate (margin with returns over revenue; 1 without margins).</param>
public sealed record ScoringModel(
    string? Model, IReadOnlyDictionary<string, double> Parameters, IReadOnlyDictionary<string, double> Spend, bool UsesMargin, double BaseMarginRate)
{
    /// <summary>The repeat-purchase model with these parameters, or null for the rules.</summary>
    /// <exception cref="InvalidOperationException">The key is not a scoring model, or a parameter is missing.</exception>
    public IRepeatPurchaseModel? RepeatPurchaseModel() => Model switch
    {
        null => null,
        "pnbd" => new ParetoNbdModel(Parameter("r"), Parameter("alpha"), Parameter("s"), Parameter("beta")),
        "bgnbd" => new BgNbdModel(Parameter("r"), Parameter("alpha"), Parameter("a"), Parameter("b")),
        _ => throw new InvalidOperationException($"'{Model}' is not a model the scores can come from (bgnbd, pnbd)."),
    };

    /// <summary>Gamma-Gamma with these parameters, or null when each customer's mean spend is used.</summary>
    public GammaGammaModel? SpendModel() => Spend.Count == 0 ? null : new GammaGammaModel(Get(Spend, "p"), Get(Spend, "q"), Get(Spend, "gamma"));

    private double Parameter(string name) => Get(Parameters, name);

    private double Get(IReadOnlyDictionary<string, double> values, string name) =>
        values.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"the {Model ?? "spend"} model's parameter '{name}' is missing.");
}
