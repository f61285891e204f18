using System.Text.Json;

namespace Clientele.Classification;

/// <summary>
/// Every population fact one analysis learned from the whole base (<see cref="CustomerAnalysis.Learn"/>), by dimension: what
/// <see cref="CustomerAnalysis.Apply"/> needs, with the options the context was learned with, to classify any customer from
/// its own columns and scores (and, for a few dimensions, its neighbours' columns) without the rest of the base.
/// Round-trips through System.Text.Json (<see cref="ToJson"/>, <see cref="FromJson"/>; NaN as the string "NaN").
/// </summary>
/// <param name="AsOf">The as-of date of the columns it was learned from.</param>
/// <param name="Customers">How many customers (parties) it was learned from.</param>
/// <param name="Churn">The churn status's typical gap and service cost.</param>
/// <param name="Ladder">The relationship ladder's model flag and typical gap.</param>
/// <param name="ValueTier">The value tier's cuts.</param>
/// <param name="Wallets">The wallet estimates per group of comparable customers, read by the value class and the strategy matrix.</param>
/// <param name="ValueClass">The MVC and MGC cuts and the base's margin rate.</param>
/// <param name="ProspectGrade">The close model (or why the points rule grades).</param>
/// <param name="Strategy">The strategy matrix's volume cuts.</param>
/// <param name="Influence">The margin rate at which followers' purchases are valued.</param>
/// <param name="StructureMap">The tree of segments with their figures and targets.</param>
public sealed record ClassificationContext(
    DateOnly AsOf,
    int Customers,
    ChurnStatusContext Churn,
    RelationshipLadderContext Ladder,
    ValueTierContext ValueTier,
    WalletContext Wallets,
    ValueClassContext ValueClass,
    ProspectGradeContext ProspectGrade,
    StrategyMatrixContext Strategy,
    InfluenceRolesContext Influence,
    StructureMapContext StructureMap)
{
    /// <summary>The serializer options of <see cref="ToJson"/> and <see cref="FromJson"/>: web defaults (camelCase names).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The context as JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a context written by <see cref="ToJson"/>.</summary>
    /// <exception cref="JsonException">The text is not a context.</exception>
    public static ClassificationContext FromJson(string json) =>
        JsonSerializer.Deserialize<ClassificationContext>(json, Json) ?? throw new JsonException("the JSON is null, not a classification context.");
}
