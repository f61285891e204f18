using System.ComponentModel.DataAnnotations;

namespace Clientele.Classification.Referrals;

/// <summary>
/// The thank-and-refer lists and their results (docs/referrals.md): whom to thank now, whom to ask for a referral, and
/// what thanking and asking brought back. Read when the lists are asked for, so a change applies at once, without a new
/// <c>clientele analyze</c>. Days are calendar days before (or after) the analysis date.
/// </summary>
public sealed record ReferralOptions
{
    /// <summary>
    /// How far back the thank list looks for a customer never thanked (or thanked longer ago): the referred customers'
    /// purchases and the helps of this many days before the analysis date count. Default 365.
    /// </summary>
    [Range(1, 36500)]
    public int ThankWindowDays { get; init; } = 365;

    /// <summary>The referred customers' purchases (in the workspace's money) a referrer needs before being thanked for them. Default 0: any purchase.</summary>
    [Range(0, 1e15)]
    public double ThankMinimumValue { get; init; }

    /// <summary>
    /// The interaction kinds that count as help to thank for besides referrals (a review, a suggestion, your own word such as
    /// "promotion"); an interaction of negative sentiment never counts. Default: review, suggestion.
    /// </summary>
    public string[] ThankFor { get; init; } = ["review", "suggestion"];

    /// <summary>The ladder classes asked for referrals. Default: supporter, advocate.</summary>
    public string[] AskLadder { get; init; } = ["supporter", "advocate"];

    /// <summary>
    /// P(alive) at or above which a customer counts as alive for the ask list, 0 to 1. Default 0.6. Where the analysis has no
    /// P(alive) (no model), the churn status active decides instead, and each reason says so.
    /// </summary>
    [Range(0.0, 1.0)]
    public double AskAliveFrom { get; init; } = 0.6;

    /// <summary>A customer asked (a <c>referral_ask</c> interaction) within this many days before the analysis date, or since, is not asked again. Default 180.</summary>
    [Range(0, 36500)]
    public int AskCooldownDays { get; init; } = 180;

    /// <summary>
    /// A complaint within this many days before the analysis date is open unless a later interaction of a kind of
    /// <see cref="ResolvedBy"/> follows it; a customer with an open complaint is never asked. Default 90.
    /// </summary>
    [Range(0, 36500)]
    public int ComplaintWindowDays { get; init; } = 90;

    /// <summary>The interaction kinds that close an earlier complaint. Default: support.</summary>
    public string[] ResolvedBy { get; init; } = ["support"];

    /// <summary>The results count referrals and their purchases in this many days after a thank or an ask. Default 90.</summary>
    [Range(1, 3650)]
    public int ResultsDays { get; init; } = 90;

    /// <summary>
    /// The thanks and asks whose results are counted: those of this many days ending <see cref="ResultsDays"/> before the
    /// analysis date, so each has its whole window. Default 365.
    /// </summary>
    [Range(1, 36500)]
    public int ResultsPeriodDays { get; init; } = 365;

    /// <summary>Fewer thanked (or asked) customers, or fewer comparable ones, than this and the results say there are too few to compare. Default 10.</summary>
    [Range(1, 1_000_000)]
    public int MinimumGroup { get; init; } = 10;

    /// <summary>How many customers each list shows by default. Default 50.</summary>
    [Range(1, 1_000_000)]
    public int Top { get; init; } = 50;

    /// <summary>Throws when a list of kinds or classes is empty or holds an empty word, or a ladder class does not exist.</summary>
    /// <exception cref="ArgumentException">ParamName is the option's name.</exception>
    public void Validate()
    {
        if (ThankFor.Any(string.IsNullOrWhiteSpace)) throw new ArgumentException("holds an empty interaction kind.", nameof(ThankFor));
        if (ResolvedBy.Any(string.IsNullOrWhiteSpace)) throw new ArgumentException("holds an empty interaction kind.", nameof(ResolvedBy));
        if (AskLadder.Length == 0) throw new ArgumentException("needs at least one ladder class.", nameof(AskLadder));
        foreach (var rung in AskLadder)
            if (!RelationshipLadder.Classes.Contains(rung, StringComparer.Ordinal))
                throw new ArgumentException($"'{rung}' is no ladder class: choose among {string.Join(", ", RelationshipLadder.Classes)}.", nameof(AskLadder));
    }
}
