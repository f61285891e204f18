using System.Globalization;
using System.Text;
using Clientele.Classification.Internal;

namespace Clientele.Classification;

/// <summary>
/// The roles a customer plays beyond buying (DOMAIN.md section 4, article 000) and its full value. Positive spreader:
/// referred someone, or promoter answers with positive reviews or other positive interactions. Negative spreader:
/// negative reviews (several, or one with detractor answers or other negative interactions). Leader: an early adopter
/// of a new line whose followers (same region, first purchase of the line 7-56 days later) reach a minimum and clearly
/// exceed chance. Caller: a prominent party with such followers. Referrer: referred at least one party. Contributor:
/// made suggestions. Thresholds in <see cref="InfluenceRolesOptions"/>. Full value = own value + the referred
/// customers' margin + for leaders and callers the followers' first purchases at the base's margin rate.
/// </summary>
public static class InfluenceRoles
{
    /// <summary>Speaks well of us: acts as our salesperson.</summary>
    public const string PositiveSpreader = "positive-spreader";

    /// <summary>Speaks badly of us: acts as a competitor.</summary>
    public const string NegativeSpreader = "negative-spreader";

    /// <summary>Among the first to buy, others imitate.</summary>
    public const string Leader = "leader";

    /// <summary>A prominent party whose purchase draws others.</summary>
    public const string Caller = "caller";

    /// <summary>Referred other parties.</summary>
    public const string Referrer = "referrer";

    /// <summary>Suggests improvements, opportunities or talent.</summary>
    public const string Contributor = "contributor";

    /// <summary>The class of a customer without a role.</summary>
    public const string None = "none";

    /// <summary>The roles, in the order they are listed in a class.</summary>
    public static readonly IReadOnlyList<string> Roles = [PositiveSpreader, NegativeSpreader, Leader, Caller, Referrer, Contributor];

    /// <summary>The dimension's declaration: its name, title, classes and playbook (<see cref="DimensionDeclaration"/>).</summary>
    public static readonly DimensionDeclaration Declaration = new(Dimensions.Influence, "Influence")
    {
        ListOf = Roles,
        Playbook = new Dictionary<string, string>
        {
            [PositiveSpreader] = "Thank them and give them something worth sharing.",
            [NegativeSpreader] = "Contact them personally and resolve the complaint before it spreads.",
            [Leader] = "Give early access to new lines: others follow them.",
            [Caller] = "Treat as a reference customer; ask for a case study.",
            [Referrer] = "Reward referrals fairly and invite more.",
            [Contributor] = "Thank them for their suggestions and report back what changed.",
        },
        Reason = new ReasonDeclaration(
            [
                Figure("influence_referrals_made", "referrals made", 0),
                Figure("influence_referrals_bought", "referrals that bought", 1),
                Figure("influence_promoters", "promoter survey answers", 2),
                Figure("influence_detractors", "detractor survey answers", 3),
                Figure("influence_positive_reviews", "positive reviews", 4),
                Figure("influence_negative_reviews", "negative reviews", 5),
                Figure("influence_other_positive", "other positive interactions", 6),
                Figure("influence_other_negative", "other negative interactions", 7),
                Figure("influence_followers", "followers: first buyers of a line after it", 8),
                Figure("influence_followers_expected", "followers expected by chance", 9),
                Figure("influence_adoption_days", "days after a new line's launch it first bought it (null for none)", 10),
                Figure("influence_adoption_rank", "its rank among a new line's first buyers, 0-1 (null for none)", 11),
                Figure("influence_prominent", "1 for a prominent party", 12),
                Figure("influence_suggestions", "suggestions", 13),
                ReasonFigure.OfText("influence_followed_line", "the line its followers bought", (r, i) => r.Influence.FollowedLine is { Length: > 0 } t ? t[i] : null),
                ReasonFigure.OfText("influence_suggestion_tags", "its suggestions' tags", (r, i) => r.Influence.SuggestionTags is { Length: > 0 } t ? t[i] : null),
                new ReasonFigure("referral_value", "value of the customers it referred", (r, i) => r.Influence.ReferralValue[i]) { Shared = true },
                new ReasonFigure("influence_value", "value of the purchases it drew", (r, i) => r.Influence.InfluenceValue[i]) { Shared = true },
                new ReasonFigure("full_value", "value + referral value + influence value", (r, i) => r.Influence.FullValue[i]) { Shared = true },
            ],
            (_, row, context) => Reason(row, context.Options.Influence, context.UsesMargin)),
    };

    /// <summary>The figures of each customer's row in <see cref="DimensionResult.Figures"/>, in the declaration's order.</summary>
    private const int FigureCount = 14;

    private static ReasonFigure Figure(string name, string meaning, int k) =>
        new(name, meaning, (r, i) => r.Influence.Roles.Figures is { Length: > 0 } f ? f[i * FigureCount + k] : double.NaN);

    /// <summary>Classifies every customer of <paramref name="columns"/> and computes its own, referral, influence and full value.</summary>
    public static InfluenceResult Classify(CustomerColumns columns, CustomerScores scores, InfluenceRolesOptions options) =>
        Apply(Learn(columns, scores), columns, scores, options);

    /// <summary>The base's margin rate, at which followers' purchases are valued.</summary>
    public static InfluenceRolesContext Learn(CustomerColumns columns, CustomerScores scores) => new(BaseMargin.Rate(columns, scores.UsesMargin));

    /// <summary>
    /// Classifies the customers <paramref name="customers"/> (indices into <paramref name="columns"/>; null for all) from their own
    /// columns and scores and <paramref name="context"/>; the others' entries stay null (values 0). The neighbours are read through
    /// the customer's own columns, which the column builder fills from them: the parties it referred
    /// (<see cref="CustomerColumns.ReferredMargin"/>, <see cref="CustomerColumns.ReferredRevenue"/>, the summary's referrals bought)
    /// and its followers (<see cref="CustomerColumns.Followers"/>, <see cref="CustomerColumns.FollowersExpected"/>,
    /// <see cref="CustomerColumns.FollowersRevenue"/>); when a referred party or a follower buys, the referrer's or leader's
    /// columns change and it must be applied again.
    /// </summary>
    public static InfluenceResult Apply(InfluenceRolesContext context, CustomerColumns columns, CustomerScores scores, InfluenceRolesOptions options,
        IReadOnlyList<int>? customers = null)
    {
        var n = columns.Count;
        var s = columns.Summary;
        var classes = new string?[n];
        var figures = new double[n * FigureCount];
        Array.Fill(figures, double.NaN);
        var followedLine = new string?[n];
        var suggestionTags = new string?[n];
        var own = new double[n];
        var referral = new double[n];
        var influence = new double[n];
        var full = new double[n];
        var marginRate = context.MarginRate;
        var suggestionKind = IndexOf(s.InteractionKinds, "suggestion");
        var roles = new StringBuilder(96);
        var counts = new int[Roles.Count];

        var count = customers?.Count ?? n;
        for (var k = 0; k < count; k++)
        {
            var i = customers?[k] ?? k;
            own[i] = scores.Value(i);
            referral[i] = scores.UsesMargin ? columns.ReferredMargin[i] : columns.ReferredRevenue[i];
            var f = figures.AsSpan(i * FigureCount, FigureCount);
            var (promoters, detractors, goodReviews, badReviews) = (columns.PromoterAnswers[i], columns.DetractorAnswers[i], columns.PositiveReviews[i], columns.NegativeReviews[i]);
            (f[0], f[1], f[2], f[3], f[4], f[5]) = (s.ReferralsMade[i], s.ReferralsBought[i], promoters, detractors, goodReviews, badReviews);
            f[6] = Math.Max(0, columns.PositiveInteractions[i] - promoters - goodReviews);
            f[7] = Math.Max(0, columns.NegativeInteractions[i] - detractors - badReviews);
            (f[8], f[9]) = (columns.Followers[i], columns.FollowersExpected[i]);
            if (columns.EarliestAdoptionDays[i] is { } days) f[10] = days;
            if (columns.EarliestAdoptionRank[i] is { } rank) f[11] = rank;
            f[12] = columns.IsProminent[i] ? 1 : 0;
            f[13] = suggestionKind >= 0 ? s.InteractionCounts[suggestionKind][i] : 0;
            (followedLine[i], suggestionTags[i]) = (columns.FollowedLine[i], columns.SuggestionTags[i]);

            roles.Clear();
            var (leaderOrCaller, _) = Decide(f, followedLine[i], suggestionTags[i], options, "", roles, null, counts);
            if (leaderOrCaller) influence[i] = columns.FollowersRevenue[i] * marginRate;
            full[i] = own[i] + referral[i] + influence[i];
            classes[i] = roles.Length == 0 ? None : roles.ToString();
        }

        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"influence value = followers' first-purchase revenue × the base's margin rate {marginRate:0.00}{(scores.UsesMargin ? "" : " (no margins: revenue)")}."),
            string.Join(", ", Roles.Select((r, k) => string.Create(CultureInfo.InvariantCulture, $"{counts[k]:N0} {r}"))),
        };
        var method = string.Create(CultureInfo.InvariantCulture,
            $"rules: referrals, survey answers, reviews and sentiment, suggestions; followers ≥ {options.MinFollowers} and ≥ {options.MinFollowersLift:0.#} × chance (callers {options.CallerMinFollowersLift:0.#} ×)");
        return new InfluenceResult(new DimensionResult(Dimensions.Influence, classes, [], method) { Notes = notes, Figures = figures }, own, referral, influence, full)
        {
            FollowedLine = followedLine,
            SuggestionTags = suggestionTags,
        };
    }

    /// <summary>
    /// A party's roles from its figures (<see cref="Declaration"/>'s order), written to <paramref name="roles"/>, and, where
    /// <paramref name="why"/> is given, the evidence of each; whether it is a leader or a caller (its followers' purchases are its
    /// influence). <paramref name="money"/> names the referred customers' value ("margin" or "revenue").
    /// </summary>
    private static (bool LeaderOrCaller, int Roles) Decide(ReadOnlySpan<double> f, string? followedLine, string? suggestionTags, InfluenceRolesOptions options,
        string money, StringBuilder roles, StringBuilder? why, int[]? counts)
    {
        var found = 0;
        var (made, promoters, detractors, goodReviews, badReviews, otherPositive, otherNegative) = (f[0], f[2], f[3], f[4], f[5], f[6], f[7]);
        if (made > 0)
            Role(0, why is null ? null : $"referred {N0(made)}");
        else if (promoters >= options.PositiveMinPromoterAnswers
                 && (goodReviews >= options.PositiveMinPositiveReviews || otherPositive >= options.PositiveMinPositiveInteractions))
            Role(0, why is null ? null : $"{N0(promoters)} promoter answers, {N0(goodReviews)} positive reviews, {N0(otherPositive)} other positive interactions");

        if (badReviews >= options.NegativeMinReviews)
            Role(1, why is null ? null : $"{N0(badReviews)} negative reviews");
        else if (badReviews == 1 && (detractors > 0 || otherNegative >= options.NegativeMinInteractions))
            Role(1, why is null ? null : $"1 negative review, {N0(detractors)} detractor answers, {N0(otherNegative)} other negative interactions");

        var (followers, expected) = (f[8], f[9]);
        var followed = followers >= options.MinFollowers && followers >= options.MinFollowersLift * expected;
        var drawn = followers >= options.MinFollowers && followers >= options.CallerMinFollowersLift * expected;
        var earlyText = !double.IsNaN(f[10]) && f[10] <= options.LeaderMaxAdoptionDays
            ? $"bought a new line {N0(f[10])} days after launch"
            : !double.IsNaN(f[11]) && f[11] <= options.LeaderMaxAdoptionRank
                ? $"among the first {(f[11] * 100).ToString("0.#", CultureInfo.InvariantCulture)}% of a new line's buyers"
                : null;
        var leader = earlyText is not null && followed;
        var caller = f[12] == 1 && drawn;
        var followText = leader || caller ? $"{N0(followers)} followers of {followedLine ?? "a line"} vs {expected.ToString("0.0", CultureInfo.InvariantCulture)} by chance" : "";
        if (leader) Role(2, why is null ? null : $"{earlyText}, {followText}");
        if (caller) Role(3, why is null ? null : $"prominent, {followText}");

        if (made > 0)
            Role(4, why is null ? null : $"{N0(made)} referred, {N0(f[1])} bought, their {money} {N0(f[RowReferral])}");

        var suggestions = f[13];
        if (suggestions >= options.MinSuggestions && suggestions > 0)
            Role(5, why is null ? null : $"{N0(suggestions)} {(suggestions == 1 ? "suggestion" : "suggestions")}{(suggestionTags is { } t ? $" ({t})" : "")}");
        return (leader || caller, found);

        void Role(int k, string? evidence)
        {
            found++;
            if (counts is not null) counts[k]++;
            if (roles.Length > 0) roles.Append(DimensionDeclaration.ListSeparator);
            roles.Append(Roles[k]);
            if (why is null) return;
            if (why.Length > 0) why.Append("; ");
            why.Append(Roles[k]).Append(' ').Append(evidence);
        }
    }

    /// <summary>Where a rendered row's referral value sits among its figures (after the kept ones and the two texts).</summary>
    private const int RowReferral = FigureCount + 2;

    /// <summary>
    /// Why a party has its roles, from the figures stored for it (<see cref="Declaration"/>): each role's evidence and the full
    /// value = own + referrals + influence. A pure function of the row, the options and whether values are margins.
    /// </summary>
    public static string Reason(ReasonRow row, InfluenceRolesOptions options, bool usesMargin)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(options);
        var f = row.Figures;
        var roles = new StringBuilder(96);
        var why = new StringBuilder(256);
        Decide(f, row.Texts[FigureCount], row.Texts[FigureCount + 1], options, usesMargin ? "margin" : "revenue", roles, why, null);
        var cls = roles.Length == 0 ? None : roles.ToString();
        return string.Create(CultureInfo.InvariantCulture,
            $"{cls}: {(why.Length == 0 ? "no referral, suggestion, spreading or followers" : why.ToString())}; {FullValue(f[FigureCount + 4], row.Value, f[RowReferral], f[FigureCount + 3])}");
    }

    private static int IndexOf(IReadOnlyList<string> kinds, string kind)
    {
        for (var k = 0; k < kinds.Count; k++)
            if (string.Equals(kinds[k], kind, StringComparison.OrdinalIgnoreCase)) return k;
        return -1;
    }

    private static string N0(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string FullValue(double full, double own, double referral, double influence)
    {
        var (total, parts) = Internal.ValueText.Sum(full, own, referral, influence);
        return $"full value {total} = own {parts[0]} + referrals {parts[1]} + influence {parts[2]}";
    }
}
