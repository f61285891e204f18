using System.Globalization;
using System.Text;

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
    };

    /// <summary>Classifies every customer of <paramref name="columns"/> and computes its own, referral, influence and full value.</summary>
    public static InfluenceResult Classify(CustomerColumns columns, CustomerScores scores, InfluenceRolesOptions options) =>
        Apply(Learn(columns, scores), columns, scores, options);

    /// <summary>The base's margin rate, at which followers' purchases are valued.</summary>
    public static InfluenceRolesContext Learn(CustomerColumns columns, CustomerScores scores) => new(BaseMarginRate(columns, scores.UsesMargin));

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
        var reasons = new string?[n];
        var own = new double[n];
        var referral = new double[n];
        var influence = new double[n];
        var full = new double[n];
        var marginRate = context.MarginRate;
        var suggestionKind = IndexOf(s.InteractionKinds, "suggestion");
        var money = scores.UsesMargin ? "margin" : "revenue";
        var roles = new StringBuilder(96);
        var why = new StringBuilder(256);
        var counts = new int[Roles.Count];

        var count = customers?.Count ?? n;
        for (var k = 0; k < count; k++)
        {
            var i = customers?[k] ?? k;
            roles.Clear();
            why.Clear();
            own[i] = scores.Value(i);
            referral[i] = scores.UsesMargin ? columns.ReferredMargin[i] : columns.ReferredRevenue[i];

            var made = s.ReferralsMade[i];
            var promoters = columns.PromoterAnswers[i];
            var detractors = columns.DetractorAnswers[i];
            var goodReviews = columns.PositiveReviews[i];
            var badReviews = columns.NegativeReviews[i];
            var otherPositive = Math.Max(0, columns.PositiveInteractions[i] - promoters - goodReviews);
            var otherNegative = Math.Max(0, columns.NegativeInteractions[i] - detractors - badReviews);

            if (made > 0)
                Role(0, $"referred {N0(made)}");
            else if (promoters >= options.PositiveMinPromoterAnswers
                     && (goodReviews >= options.PositiveMinPositiveReviews || otherPositive >= options.PositiveMinPositiveInteractions))
                Role(0, $"{N0(promoters)} promoter answers, {N0(goodReviews)} positive reviews, {N0(otherPositive)} other positive interactions");

            if (badReviews >= options.NegativeMinReviews)
                Role(1, $"{N0(badReviews)} negative reviews");
            else if (badReviews == 1 && (detractors > 0 || otherNegative >= options.NegativeMinInteractions))
                Role(1, $"1 negative review, {N0(detractors)} detractor answers, {N0(otherNegative)} other negative interactions");

            var followers = columns.Followers[i];
            var expected = columns.FollowersExpected[i];
            var followed = followers >= options.MinFollowers && followers >= options.MinFollowersLift * expected;
            var drawn = followers >= options.MinFollowers && followers >= options.CallerMinFollowersLift * expected;
            var earlyText = columns.EarliestAdoptionDays[i] is { } days && days <= options.LeaderMaxAdoptionDays
                ? $"bought a new line {N0(days)} days after launch"
                : columns.EarliestAdoptionRank[i] is { } rank && rank <= options.LeaderMaxAdoptionRank
                    ? $"among the first {(rank * 100).ToString("0.#", CultureInfo.InvariantCulture)}% of a new line's buyers"
                    : null;
            var early = earlyText is not null;
            var followText = $"{N0(followers)} followers of {columns.FollowedLine[i] ?? "a line"} vs {expected.ToString("0.0", CultureInfo.InvariantCulture)} by chance";
            var leader = early && followed;
            var caller = columns.IsProminent[i] && drawn;
            if (leader) Role(2, $"{earlyText}, {followText}");
            if (caller) Role(3, $"prominent, {followText}");
            if (leader || caller)
                influence[i] = columns.FollowersRevenue[i] * marginRate;

            if (made > 0)
                Role(4, $"{N0(made)} referred, {N0(s.ReferralsBought[i])} bought, their {money} {N0(referral[i])}");

            var suggestions = suggestionKind >= 0 ? s.InteractionCounts[suggestionKind][i] : 0;
            if (suggestions >= options.MinSuggestions && suggestions > 0)
                Role(5, $"{N0(suggestions)} {(suggestions == 1 ? "suggestion" : "suggestions")}{(columns.SuggestionTags[i] is { } t ? $" ({t})" : "")}");

            full[i] = own[i] + referral[i] + influence[i];
            var cls = roles.Length == 0 ? None : roles.ToString();
            classes[i] = cls;
            reasons[i] = string.Create(CultureInfo.InvariantCulture,
                $"{cls}: {(why.Length == 0 ? "no referral, suggestion, spreading or followers" : why.ToString())}; {FullValue(full[i], own[i], referral[i], influence[i])}");
        }

        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"influence value = followers' first-purchase revenue × the base's margin rate {marginRate:0.00}{(scores.UsesMargin ? "" : " (no margins: revenue)")}."),
            string.Join(", ", Roles.Select((r, k) => string.Create(CultureInfo.InvariantCulture, $"{counts[k]:N0} {r}"))),
        };
        var method = string.Create(CultureInfo.InvariantCulture,
            $"rules: referrals, survey answers, reviews and sentiment, suggestions; followers ≥ {options.MinFollowers} and ≥ {options.MinFollowersLift:0.#} × chance (callers {options.CallerMinFollowersLift:0.#} ×)");
        return new InfluenceResult(new DimensionResult(Dimensions.Influence, classes, reasons, method) { Notes = notes }, own, referral, influence, full);

        void Role(int k, string evidence)
        {
            counts[k]++;
            if (roles.Length > 0) roles.Append(DimensionDeclaration.ListSeparator);
            roles.Append(Roles[k]);
            if (why.Length > 0) why.Append("; ");
            why.Append(Roles[k]).Append(' ').Append(evidence);
        }
    }

    /// <summary>Σ margin / Σ revenue over the customers whose orders give a margin; 1 where the data has no margins.</summary>
    private static double BaseMarginRate(CustomerColumns columns, bool usesMargin)
    {
        if (!usesMargin) return 1;
        var s = columns.Summary;
        double margin = 0, revenue = 0;
        for (var i = 0; i < s.Count; i++)
        {
            if (s.Margin[i] is not { } m) continue;
            margin += m;
            revenue += s.Revenue[i];
        }

        return revenue > 0 ? margin / revenue : 0;
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
