namespace Clientele.Classification;

/// <summary>The names of the classification dimensions, as used in options, overrides, snapshots and on the command line.</summary>
public static class Dimensions
{
    /// <summary>Relationship ladder: no-relationship, prospect, buyer, customer, supporter, advocate.</summary>
    public const string Ladder = "ladder";

    /// <summary>Value tier of actual customers: small, medium, large, VIP.</summary>
    public const string ValueTier = "value_tier";

    /// <summary>Value class: MVC, MGC, BZC, other.</summary>
    public const string ValueClass = "value_class";

    /// <summary>Prospect grade: A, B, C, D.</summary>
    public const string ProspectGrade = "prospect_grade";

    /// <summary>Strategy matrix: keep, maintain-or-acquire, develop, acquire-or-abandon, or share-unknown.</summary>
    public const string Strategy = "strategy";

    /// <summary>Supply-chain position: direct, indirect, ultimate.</summary>
    public const string SupplyChain = "supply_chain";

    /// <summary>Churn status: active, at-risk, lapsed, lost.</summary>
    public const string ChurnStatus = "churn_status";

    /// <summary>Churn reason of lapsed and lost customers: price, quality, service, delivery, competitor, no_follow_up, need_ended, unknown.</summary>
    public const string ChurnReason = "churn_reason";

    /// <summary>Influence roles, comma-separated (", "): positive-spreader, negative-spreader, leader, caller, referrer, contributor; or none.</summary>
    public const string Influence = "influence";

    /// <summary>Buying center of organizations: complete, or which roles are missing.</summary>
    public const string BuyingCenter = "buying_center";

    /// <summary>Structure-map segment: industry/domain or population group.</summary>
    public const string Segment = "segment";

    /// <summary>
    /// Every dimension's declaration, in the order they are shown: the one list the dimension names, titles, class sets and
    /// playbook defaults are read from.
    /// </summary>
    public static readonly IReadOnlyList<DimensionDeclaration> Declared =
    [
        // Qualified: inside this class ValueTier, ChurnStatus, ... are the names' constants.
        RelationshipLadder.Declaration, global::Clientele.Classification.ValueTier.Declaration, global::Clientele.Classification.ValueClass.Declaration,
        global::Clientele.Classification.ProspectGrade.Declaration, StrategyMatrix.Declaration, SupplyChainPosition.Declaration,
        global::Clientele.Classification.ChurnStatus.Declaration, ChurnReasons.Declaration, InfluenceRoles.Declaration,
        global::Clientele.Classification.BuyingCenter.Declaration, StructureMap.Declaration,
    ];

    /// <summary>Every dimension's name, in the order they are shown.</summary>
    public static readonly IReadOnlyList<string> All = [.. Declared.Select(d => d.Name)];

    private static readonly IReadOnlyDictionary<string, DimensionDeclaration> ByName = Declared.ToDictionary(d => d.Name);

    /// <summary>The declaration of the dimension with this exact name, or null.</summary>
    public static DimensionDeclaration? Declaration(string dimension) => ByName.GetValueOrDefault(dimension);

    /// <summary>Whether the dimension's class is a list (<see cref="DimensionDeclaration.IsList"/>); false for an unknown name.</summary>
    public static bool IsList(string dimension) => Declaration(dimension)?.IsList == true;

    /// <summary>The dimension's name in words ("Churn status" for churn_status); an unknown name is returned as it is.</summary>
    public static string Title(string dimension) => Declaration(dimension)?.Title ?? dimension;

    /// <summary>A class in words: underscores as spaces ("no follow up" for no_follow_up); hyphens and capitals stay ("at-risk", "MVC").</summary>
    public static string ClassTitle(string? @class) => @class?.Replace('_', ' ') ?? "";

    /// <summary>The dimension with this name (case-insensitive, '-' for '_'), or null.</summary>
    public static string? Find(string name)
    {
        var normal = name.Trim().Replace('-', '_').ToLowerInvariant();
        return All.FirstOrDefault(d => d == normal);
    }
}
