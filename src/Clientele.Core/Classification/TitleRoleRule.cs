namespace Clientele.Classification;

/// <summary>
/// One entry of the job-title → buying-roles map of <see cref="BuyingCenterOptions.TitleRules"/>: a title containing any
/// of <see cref="Keywords"/> (and none of <see cref="Unless"/>) holds <see cref="Roles"/>. Keywords match whole words
/// or phrases, case-insensitively ("cfo" matches "CFO (interim)", not "cfox"); "&amp;" and "and" are different words,
/// so list both spellings where both are used. The rules are tried in order and the first match wins.
/// </summary>
public sealed record TitleRoleRule
{
    /// <summary>A short name shown in reasons and notes, e.g. "finance".</summary>
    public string Name { get; init; } = "";

    /// <summary>Words or phrases of a title that select the rule.</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>Words or phrases that veto the rule even when a keyword matches (the next rule is tried).</summary>
    public IReadOnlyList<string> Unless { get; init; } = [];

    /// <summary>The roles the title holds: payer, user, beneficiary, decider, promoter, stimulator.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>The weight (0-1) given to each inferred role; default 0.5, below a typical recorded weight because a title is a guess.</summary>
    public double Weight { get; init; } = 0.5;
}
