using System.Globalization;
using System.Text;
using Clientele.Customers;

namespace Clientele.Classification;

/// <summary>
/// The relationship ladder (DOMAIN.md, article 004): no-relationship, prospect, buyer, customer, supporter,
/// advocate. Purchase occasions — days with a kept order (completed or returned; a cancelled order was never bought),
/// several orders or order lines on one day being one occasion, as the summary's purchase days count them — decide the
/// lower rungs: none is prospect when the party engaged with us and no-relationship otherwise, one is buyer, more is
/// customer. A
/// customer becomes supporter or advocate by a transparent points rule (<see cref="RelationshipLadderOptions"/>):
/// advocacy points from referrals that bought, promoter answers, positive reviews, early adoption of new lines and
/// suggestions, less for negative reviews; loyalty points from the share of wallet, good survey scores, repeated
/// survey answers and positive reviews (tenure, regular buying and a high P(alive) have weights too, 0 by default:
/// they did not separate the seeded supporters from customers). Evidence of weight 0 is not listed in the reason. A customer
/// whose churn status is not active keeps the class, and the reason names its churn status (at-risk, lapsed or lost): one
/// word for a relationship in decline, the churn status's.
/// </summary>
public static class RelationshipLadder
{
    /// <summary>Knows us, never bought, no engagement.</summary>
    public const string NoRelationship = "no-relationship";

    /// <summary>Engaged, never bought.</summary>
    public const string Prospect = "prospect";

    /// <summary>One purchase occasion.</summary>
    public const string Buyer = "buyer";

    /// <summary>Several purchase occasions.</summary>
    public const string Customer = "customer";

    /// <summary>Several purchase occasions and enough loyalty points.</summary>
    public const string Supporter = "supporter";

    /// <summary>Several purchase occasions and enough advocacy points.</summary>
    public const string Advocate = "advocate";

    /// <summary>The classes, from the bottom rung to the top.</summary>
    public static readonly IReadOnlyList<string> Classes = [NoRelationship, Prospect, Buyer, Customer, Supporter, Advocate];

    /// <summary>The dimension's declaration: its name, title, classes and playbook (<see cref="DimensionDeclaration"/>).</summary>
    public static readonly DimensionDeclaration Declaration = new(Dimensions.Ladder, "Relationship ladder")
    {
        Classes = Classes,
        Ranking = DimensionRanking.LowestFirst,
        Playbook = new Dictionary<string, string>
        {
            [NoRelationship] = "Get closer with useful content and invitations; never a hard sell.",
            [Prospect] = "Give the last push: a promotion or a trial offer for the first purchase.",
            [Buyer] = "Make the first impression count: a thank-you, onboarding and a follow-up within two weeks.",
            [Customer] = "Keep regular contact to make the relationship stable; offer the next product line.",
            [Supporter] = "Deepen the relationship (priority service, loyalty benefits) and invite them to recommend us.",
            [Advocate] = "Thank and reward them; invite referrals and reviews; give early access to new products.",
        },
    };

    /// <summary>
    /// Classifies every customer of <paramref name="columns"/>; the reason lists the purchase occasions, the evidence with its
    /// points, and the thresholds. <paramref name="churnStatus"/> (optional) marks customers whose relationship declines.
    /// </summary>
    public static DimensionResult Classify(CustomerColumns columns, CustomerScores scores, RelationshipLadderOptions options, string?[]? churnStatus = null) =>
        Apply(Learn(columns, scores), columns, scores, options, churnStatus);

    /// <summary>Whether P(alive) comes from a model, and the base's typical gap between purchase days.</summary>
    public static RelationshipLadderContext Learn(CustomerColumns columns, CustomerScores scores) =>
        new(AnyFinite(scores.ProbabilityAlive), PurchaseRhythm.TypicalGap(columns.Summary));

    /// <summary>
    /// Classifies the customers <paramref name="customers"/> (indices into <paramref name="columns"/>; null for all) from their own
    /// columns, scores and churn status and <paramref name="context"/>; the others' entries stay null. The notes count the customers classified.
    /// </summary>
    public static DimensionResult Apply(RelationshipLadderContext context, CustomerColumns columns, CustomerScores scores, RelationshipLadderOptions options,
        string?[]? churnStatus = null, IReadOnlyList<int>? customers = null)
    {
        var n = columns.Count;
        var s = columns.Summary;
        var classes = new string?[n];
        var reasons = new string?[n];
        var modelBased = context.ModelBased;
        var rhythm = PurchaseRhythm.With(s, 2, context.TypicalGapDays);
        var kinds = s.InteractionKinds;
        var visit = IndexOf(kinds, "visit");
        var suggestion = IndexOf(kinds, "suggestion");
        var unitDays = (double)s.Unit.Days();
        var sb = new StringBuilder(256);
        var evidence = new StringBuilder(256);
        int supporters = 0, advocates = 0, lapsing = 0, withShare = 0;

        var count = customers?.Count ?? n;
        for (var k = 0; k < count; k++)
        {
            var i = customers?[k] ?? k;
            sb.Clear();
            var kept = columns.KeptPurchaseDays[i];
            var orders = s.Orders[i] + s.Returns[i];
            if (kept == 0)
            {
                classes[i] = NonBuyer(columns, i, visit, options, sb);
                reasons[i] = sb.ToString();
                continue;
            }

            var p = scores.ProbabilityAlive[i];
            var gaps = rhythm.GapsSinceLast(i);
            var tenureDays = s.T[i] * unitDays;
            string cls;
            if (kept == 1)
            {
                cls = Buyer;
                sb.Append(Buyer);
                AppendDecline(sb, churnStatus?[i], ref lapsing);
                sb.Append(": bought on 1 day");
                if (orders == 1) sb.Append(" (1 order, ").Append(s.Returns[i] == 1 ? "returned" : "completed").Append(')');
                else sb.Append(" (").Append(N0(orders)).Append(" orders on that day)");
            }
            else
            {
                evidence.Clear();
                var advocacy = Advocacy(columns, i, suggestion, options, evidence);
                var advocacyText = evidence.Length == 0 ? "no evidence" : evidence.ToString();
                evidence.Clear();
                var loyalty = Loyalty(columns, i, p, rhythm, gaps, tenureDays, options, evidence, ref withShare);
                var loyaltyText = evidence.Length == 0 ? "no evidence" : evidence.ToString();
                cls = advocacy >= options.AdvocatePoints ? Advocate : loyalty >= options.SupporterPoints ? Supporter : Customer;
                advocates += cls == Advocate ? 1 : 0;
                supporters += cls == Supporter ? 1 : 0;

                sb.Append(cls);
                AppendDecline(sb, churnStatus?[i], ref lapsing);
                sb.Append(": ").Append(N0(orders)).Append(orders == 1 ? " order" : " orders").Append(" on ").Append(N0(kept)).Append(" days");
                if (!double.IsNaN(tenureDays)) sb.Append(", the first ").Append(N0(tenureDays)).Append(" days ago");
                var advocacyPart = Points("advocacy", advocacy, options.AdvocatePoints, advocacyText);
                var loyaltyPart = Points("loyalty", loyalty, options.SupporterPoints, loyaltyText);
                sb.Append("; ").Append(cls == Supporter ? loyaltyPart : advocacyPart)
                  .Append("; ").Append(cls == Supporter ? advocacyPart : loyaltyPart);
            }

            classes[i] = cls;
            reasons[i] = sb.ToString();
        }

        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"supporter: at least {options.SupporterPoints} loyalty points; advocate: at least {options.AdvocatePoints} advocacy points; {advocates:N0} advocates, {supporters:N0} supporters."),
            string.Create(CultureInfo.InvariantCulture,
                $"share of wallet judged for {withShare:N0} customers with a wallet estimate and at least {options.ShareMinTenureDays:N0} days of tenure."),
            string.Create(CultureInfo.InvariantCulture, $"{lapsing:N0} buyers are at-risk, lapsed or lost by the churn status (ladder class kept, the status named in the reason)."),
        };
        if (!modelBased)
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"no P(alive) from a model: the days since the last purchase in the customer's own mean gaps stand in (typical gap {Gap(rhythm.TypicalGapDays)} days)."));
        var method = modelBased
            ? $"rules: purchase occasions (days with a kept order), then loyalty and advocacy points; P(alive) from the model ({scores.Method})"
            : "rules: purchase occasions (days with a kept order), then loyalty and advocacy points; no model could be fitted, recency in own purchase gaps stands in for P(alive)";
        return new DimensionResult(Dimensions.Ladder, classes, reasons, method) { Notes = notes };
    }

    private static string NonBuyer(CustomerColumns columns, int i, int visitKind, RelationshipLadderOptions options, StringBuilder sb)
    {
        var s = columns.Summary;
        var total = s.OtherInteractions[i];
        for (var k = 0; k < s.InteractionCounts.Length; k++) total += s.InteractionCounts[k][i];
        var visits = visitKind >= 0 ? s.InteractionCounts[visitKind][i] : 0;
        var awareness = Math.Min(visits, options.AwarenessVisits);
        var touches = columns.ProspectTouches[i];
        var cancelled = columns.CancelledOrders[i];
        var outcome = columns.OpportunityOutcome[i];
        var engaged = total - awareness > 0 || touches > awareness || cancelled > 0 || outcome is not null;
        if (!engaged)
        {
            sb.Append(NoRelationship).Append(": never bought, no engagement");
            if (visits > 0) sb.Append(" (").Append(N0(visits)).Append(visits == 1 ? " visit" : " visits").Append(" when becoming known: awareness only)");
            return NoRelationship;
        }

        sb.Append(Prospect).Append(": never bought; engaged:");
        var first = true;
        if (touches > 0) Item(sb, ref first).Append(N0(touches)).Append(touches == 1 ? " pre-purchase touch" : " pre-purchase touches");
        if (total > 0) Item(sb, ref first).Append(N0(total)).Append(total == 1 ? " interaction" : " interactions");
        if (outcome is not null) Item(sb, ref first).Append("opportunity ").Append(outcome);
        if (cancelled > 0) Item(sb, ref first).Append(N0(cancelled)).Append(cancelled == 1 ? " cancelled order" : " cancelled orders");
        return Prospect;
    }

    private static int Advocacy(CustomerColumns columns, int i, int suggestionKind, RelationshipLadderOptions o, StringBuilder e)
    {
        var s = columns.Summary;
        var points = 0;
        if (s.ReferralsBought[i] > 0)
            points += Add(e, o.ReferralBoughtWeight, $"referred {N0(s.ReferralsMade[i])}, {N0(s.ReferralsBought[i])} bought");
        else if (s.ReferralsMade[i] > 0)
            points += Add(e, o.ReferralMadeWeight, $"referred {N0(s.ReferralsMade[i])}, none bought yet");

        var promoters = columns.PromoterAnswers[i];
        var detractors = columns.DetractorAnswers[i];
        if (promoters > detractors)
            points += Add(e, o.PromoterWeight, $"{N0(promoters)} promoter of {N0(columns.SurveyAnswers[i])} survey answers");
        if (columns.PositiveReviews[i] >= o.MinPositiveReviews)
            points += Add(e, o.PositiveReviewsWeight, $"{N0(columns.PositiveReviews[i])} positive reviews");

        if (columns.EarliestAdoptionDays[i] is { } days && days <= o.EarlyAdoptionDays)
            points += Add(e, o.EarlyAdoptionWeight, $"bought a new line {N0(days)} days after launch");
        else if (columns.EarliestAdoptionRank[i] is { } rank && rank <= o.EarlyAdoptionRank)
            points += Add(e, o.EarlyAdoptionWeight, $"among the first {(rank * 100).ToString("0.#", CultureInfo.InvariantCulture)}% of a new line's buyers");

        var suggestions = suggestionKind >= 0 ? s.InteractionCounts[suggestionKind][i] : 0;
        if (suggestions > 0)
            points += Add(e, o.SuggestionWeight, $"{N0(suggestions)} {(suggestions == 1 ? "suggestion" : "suggestions")}");

        var negativeReviews = columns.NegativeReviews[i];
        if (negativeReviews > 0 || detractors > promoters)
            points += Add(e, o.NegativeWeight, negativeReviews > 0
                ? $"{N0(negativeReviews)} negative {(negativeReviews == 1 ? "review" : "reviews")}"
                : $"{N0(detractors)} detractor vs {N0(promoters)} promoter answers");
        return points;
    }

    private static int Loyalty(CustomerColumns columns, int i, double p, PurchaseRhythm rhythm, double gaps, double tenureDays,
        RelationshipLadderOptions o, StringBuilder e, ref int withShare)
    {
        var s = columns.Summary;
        var points = 0;
        if (columns.WalletEstimate[i] is { } wallet && wallet > 0 && tenureDays >= o.ShareMinTenureDays)
        {
            withShare++;
            var share = columns.RevenueLastYear[i] * 365 / Math.Min(365, tenureDays + 1) / wallet;
            if (share >= o.HighShareOfWallet) points += Add(e, o.HighShareWeight, $"share of wallet {P2(share)}");
            else if (share < o.LowShareOfWallet) points += Add(e, o.LowShareWeight, $"share of wallet {P2(share)}");
        }

        var promoters = columns.PromoterAnswers[i];
        var detractors = columns.DetractorAnswers[i];
        if (s.MeanSurveyScore[i] is { } survey && survey >= o.GoodSurveyScore)
            points += Add(e, o.GoodSurveyWeight, $"mean survey score {survey.ToString("0.0", CultureInfo.InvariantCulture)}");
        if (detractors > promoters)
            points += Add(e, o.DetractorWeight, $"{N0(detractors)} detractor vs {N0(promoters)} promoter answers");
        if (columns.SurveyAnswers[i] >= o.MinSurveyAnswers)
            points += Add(e, o.SurveyAnswersWeight, $"{N0(columns.SurveyAnswers[i])} survey answers");
        if (columns.PositiveReviews[i] > 0)
            points += Add(e, o.PositiveReviewWeight, $"{N0(columns.PositiveReviews[i])} positive {(columns.PositiveReviews[i] == 1 ? "review" : "reviews")}");

        if (tenureDays >= o.LongTenureDays)
            points += Add(e, o.TenureWeight, $"tenure {N0(tenureDays)} days");
        if (s.Frequency[i] >= o.RegularMinRepeats && rhythm.OwnGapDays(i) is var own && !double.IsNaN(own)
            && rhythm.DaysSinceLast(i) <= o.LapsingAfterGaps * own)
            points += Add(e, o.RegularityWeight, $"regular: {N0(s.Frequency[i])} repeats every {Gap(own)} days");
        if (!double.IsNaN(p))
        {
            if (p >= o.AliveFrom) points += Add(e, o.AliveWeight, $"P(alive) {P2(p)}");
        }
        else if (gaps <= 1)
        {
            points += Add(e, o.AliveWeight, $"last purchase {N0(rhythm.DaysSinceLast(i))} days ago, within one usual gap of {Gap(rhythm.ExpectedGapDays(i))} days");
        }

        return points;
    }

    private static void AppendDecline(StringBuilder sb, string? status, ref int declining)
    {
        if (status is null or ChurnStatus.Active) return;
        sb.Append(" (").Append(status).Append(" by the churn status)");
        declining++;
    }

    private static int Add(StringBuilder e, int weight, string what)
    {
        if (weight == 0) return 0;
        if (e.Length > 0) e.Append(", ");
        e.Append(what).Append(' ').Append(weight > 0 ? "+" : "−").Append(Math.Abs(weight).ToString(CultureInfo.InvariantCulture));
        return weight;
    }

    private static string Points(string what, int points, int needed, string evidence) =>
        string.Create(CultureInfo.InvariantCulture, $"{what} {(points < 0 ? "−" : "")}{Math.Abs(points)} {(points >= needed ? "≥" : "<")} {needed} ({evidence})");

    private static StringBuilder Item(StringBuilder sb, ref bool first)
    {
        sb.Append(first ? " " : ", ");
        first = false;
        return sb;
    }

    private static bool AnyFinite(double[] values)
    {
        foreach (var v in values)
            if (!double.IsNaN(v)) return true;
        return false;
    }

    private static int IndexOf(IReadOnlyList<string> kinds, string kind)
    {
        for (var k = 0; k < kinds.Count; k++)
            if (string.Equals(kinds[k], kind, StringComparison.OrdinalIgnoreCase)) return k;
        return -1;
    }

    private static string N0(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string P2(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Gap(double days) => double.IsNaN(days) ? "n/a" : days.ToString("N0", CultureInfo.InvariantCulture);
}
