using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clientele.Classification;

/// <summary>
/// Every threshold of every dimension and the playbook, with documented defaults (docs/classification.md).
/// Stored as one JSON file; a property missing from the file keeps its default.
/// </summary>
public sealed record ClassificationOptions
{
    /// <summary>How customers are scored (model, horizons, discounting).</summary>
    public Scoring.ScoringOptions Scoring { get; init; } = new();

    /// <summary>The relationship ladder.</summary>
    public RelationshipLadderOptions Ladder { get; init; } = new();

    /// <summary>Value tiers.</summary>
    public ValueTierOptions ValueTier { get; init; } = new();

    /// <summary>Value classes.</summary>
    public ValueClassOptions ValueClass { get; init; } = new();

    /// <summary>Prospect grades.</summary>
    public ProspectGradeOptions ProspectGrade { get; init; } = new();

    /// <summary>The strategy matrix.</summary>
    public StrategyMatrixOptions Strategy { get; init; } = new();

    /// <summary>Supply-chain position.</summary>
    public SupplyChainPositionOptions SupplyChain { get; init; } = new();

    /// <summary>Churn status and reasons.</summary>
    public ChurnStatusOptions Churn { get; init; } = new();

    /// <summary>Influence roles.</summary>
    public InfluenceRolesOptions Influence { get; init; } = new();

    /// <summary>Buying centers.</summary>
    public BuyingCenterOptions BuyingCenter { get; init; } = new();

    /// <summary>The structure map.</summary>
    public StructureMapOptions StructureMap { get; init; } = new();

    /// <summary>Per product line classes.</summary>
    public ProductLinesOptions ProductLines { get; init; } = new();

    /// <summary>The recommended action per class (replacements of the defaults).</summary>
    public Playbook Playbook { get; init; } = new();

    /// <summary>The serializer settings of the options file: camelCase, indented, comments and trailing commas allowed.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The options as the JSON of the options file.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads an options file's JSON; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="FormatException">The JSON is malformed or names an unknown option; the message says where.</exception>
    public static ClassificationOptions FromJson(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<ClassificationOptions>(json, Json) ?? new ClassificationOptions();
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $":{line + 1}:{(e.BytePositionInLine ?? 0) + 1}" : "";
            throw new FormatException($"{source}{where}: {e.Message.Split(" Path:")[0]}{(e.Path is { Length: > 0 } p ? $" (at {p})" : "")}", e);
        }
    }
}
