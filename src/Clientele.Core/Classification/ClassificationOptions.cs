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

    /// <summary>What customers care about: the concern taxonomy and the keyword rule for untagged interactions.</summary>
    public Concerns.ConcernOptions Concerns { get; init; } = new();

    /// <summary>Thank and refer: whom to thank now, whom to ask for a referral, and what it brought back.</summary>
    public Referrals.ReferralOptions Referrals { get; init; } = new();

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

    /// <summary>Options earlier versions had, and what decides instead.</summary>
    private static readonly (string Key, string Advice)[] Retired =
    [
        ("lapsingBelow", "the ladder names the churn status (churn.activeFrom) instead of marking lapsing by its own threshold."),
        ("activeProbability", "a customer is active on the structure map when its churn status is active (churn.activeFrom)."),
        ("fallbackGapMultiple", "without a model, the churn status's gap rules decide who is active (churn.activeWithinGaps)."),
        ("fallbackMinActiveDays", "without a model, the churn status's gap rules decide who is active (churn.activeWithinGaps)."),
        ("fallbackOneTimeActiveDays", "without a model, the churn status's gap rules decide who is active (churn.activeWithinGaps)."),
    ];

    /// <summary>The options as the JSON of the options file.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Throws naming the first option out of its allowed range (<see cref="OptionsCheck"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><c>ParamName</c> is the option's key in the file; the message says the allowed range.</exception>
    public void Validate() => OptionsCheck.Validate(this);

    /// <summary>Reads an options file's JSON and checks every value; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="FormatException">The JSON is malformed, names an unknown option, or a value is out of its range; the message says where and what is allowed.</exception>
    public static ClassificationOptions FromJson(string json, string source)
    {
        ClassificationOptions options;
        try
        {
            options = JsonSerializer.Deserialize<ClassificationOptions>(json, Json) ?? new ClassificationOptions();
        }
        catch (JsonException e)
        {
            foreach (var (key, advice) in Retired)
                if (e.Message.Contains($"'{key}'", StringComparison.Ordinal))
                    throw new FormatException($"{source}: the option {key} was retired: {advice} Remove it from the file (`clientele options --set FILE`, or `clientele options --reset`).", e);
            var where = e.LineNumber is { } line ? $":{line + 1}:{(e.BytePositionInLine ?? 0) + 1}" : "";
            throw new FormatException($"{source}{where}: {e.Message.Split(" Path:")[0]}{(e.Path is { Length: > 0 } p ? $" (at {p})" : "")}", e);
        }
        try
        {
            options.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new FormatException($"{source}: {e.Message.Split(" (Parameter")[0].Split(Environment.NewLine)[0]}", e);
        }
        return options;
    }
}
