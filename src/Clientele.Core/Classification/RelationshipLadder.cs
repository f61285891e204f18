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
            [Customer] = "Keep regular contact to make the relationship stable; offer what they have not bought from us yet.",
            [Supporter] = "Deepen the relationship (priority service, loyalty benefits) and invite them to recommend us.",
            [Advocate] = "Thank and reward them; invite referrals and reviews; give early access to new products.",
        },
        // A follow-up, regular contact, loyalty benefits: for a lapsed or lost buyer the churn status's win-back comes first.
        ForLiveRelationships = new HashSet<string> { Buyer, Customer, Supporter, Advocate },
        Reason = new ReasonDeclaration(
            [
                Figure("ladder_kept_days", "purchase days with a kept order", FKeptDays),
                Figure("ladder_orders", "kept orders (completed or returned)", FOrders),
                Figure("ladder_returns", "returned orders", FReturns),
                Figure("ladder_churn_status", "the churn status the ladder saw, as its position among ChurnStatus.Classes (null for none)", FChurnStatus),
                Figure("ladder_tenure_days", "days since the first purchase", FTenureDays),
                Figure("ladder_visits", "a non-buyer's visits", FVisits),
                Figure("ladder_interactions", "a non-buyer's interactions", FInteractions),
                Figure("ladder_touches", "a non-buyer's pre-purchase touches", FTouches),
                Figure("ladder_cancelled", "a non-buyer's cancelled orders", FCancelled),
                Figure("ladder_referrals_made", "referrals made", FReferralsMade),
                Figure("ladder_referrals_bought", "referrals that bought", FReferralsBought),
                Figure("ladder_promoters", "promoter survey answers", FPromoters),
                Figure("ladder_detractors", "detractor survey answers", FDetractors),
                Figure("ladder_survey_answers", "survey answers", FSurveyAnswers),
                Figure("ladder_positive_reviews", "positive reviews", FPositiveReviews),
                Figure("ladder_adoption_days", "days after a new line's launch it first bought it (null for none)", FAdoptionDays),
                Figure("ladder_adoption_rank", "its rank among a new line's first buyers, 0-1 (null for none)", FAdoptionRank),
                Figure("ladder_suggestions", "suggestions", FSuggestions),
                Figure("ladder_negative_reviews", "negative reviews", FNegativeReviews),
                Figure("ladder_share", "share of wallet, where judged (a wallet estimate and enough tenure)", FShare),
                Figure("ladder_survey_score", "mean survey score (null for none)", FSurveyScore),
                Figure("ladder_own_gap", "the customer's own mean gap between purchase days (null for too few)", FOwnGap),
                Figure("ladder_days_since", "days since the last purchase", FDaysSince),
                Figure("ladder_gaps", "days since the last purchase in expected gaps", FGaps),
                Figure("ladder_expected_gap", "the expected gap between purchase days", FExpectedGap),
                ReasonFigure.OfText("ladder_outcome", "a non-buyer's latest opportunity outcome", (r, i) => r.Dimension(Dimensions.Ladder).FigureTexts is { Length: > 0 } t ? t[i] : null),
                new ReasonFigure("frequency", "repeat purchase days", (r, i) => r.Columns.Summary.Frequency[i]) { Shared = true },
            ],
            (_, row, context) => Reason(row, context.Options.Ladder)),
    };

    /// <summary>The figures of each customer's row in <see cref="DimensionResult.Figures"/>, in the order of the declaration's.</summary>
    private const int FigureCount = 25;

    private const int FKeptDays = 0;
    private const int FOrders = 1;
    private const int FReturns = 2;
    private const int FChurnStatus = 3;
    private const int FTenureDays = 4;
    private const int FVisits = 5;
    private const int FInteractions = 6;
    private const int FTouches = 7;
    private const int FCancelled = 8;
    private const int FReferralsMade = 9;
    private const int FReferralsBought = 10;
    private const int FPromoters = 11;
    private const int FDetractors = 12;
    private const int FSurveyAnswers = 13;
    private const int FPositiveReviews = 14;
    private const int FAdoptionDays = 15;
    private const int FAdoptionRank = 16;
    private const int FSuggestions = 17;
    private const int FNegativeReviews = 18;
    private const int FShare = 19;
    private const int FSurveyScore = 20;
    private const int FOwnGap = 21;
    private const int FDaysSince = 22;
    private const int FGaps = 23;
    private const int FExpectedGap = 24;

    private static ReasonFigure Figure(string name, string meaning, int k) =>
        new(name, meaning, (r, i) => r.Dimension(Dimensions.Ladder).Figures is { Length: > 0 } f ? f[i * FigureCount + k] : double.NaN);

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
        var figures = new double[n * FigureCount];
        Array.Fill(figures, double.NaN);
        var outcomes = new string?[n];
        var modelBased = context.ModelBased;
        var rhythm = PurchaseRhythm.With(s, 2, context.TypicalGapDays);
        var kinds = s.InteractionKinds;
        var visit = IndexOf(kinds, "visit");
        var suggestion = IndexOf(kinds, "suggestion");
        var unitDays = (double)s.Unit.Days();
        int supporters = 0, advocates = 0, lapsing = 0, withShare = 0;

        var count = customers?.Count ?? n;
        for (var k = 0; k < count; k++)
        {
            var i = customers?[k] ?? k;
            var f = figures.AsSpan(i * FigureCount, FigureCount);
            var kept = columns.KeptPurchaseDays[i];
            f[FKeptDays] = kept;
            f[FOrders] = s.Orders[i] + s.Returns[i];
            if (kept == 0)
            {
                var total = s.OtherInteractions[i];
                for (var m = 0; m < s.InteractionCounts.Length; m++) total += s.InteractionCounts[m][i];
                (f[FVisits], f[FInteractions], f[FTouches], f[FCancelled]) =
                    (visit >= 0 ? s.InteractionCounts[visit][i] : 0, total, columns.ProspectTouches[i], columns.CancelledOrders[i]);
                outcomes[i] = columns.OpportunityOutcome[i];
                classes[i] = Engaged(f, outcomes[i], options) ? Prospect : NoRelationship;
                continue;
            }

            var status = churnStatus?[i];
            if (status is not null and not ChurnStatus.Active)
            {
                lapsing++;
                f[FChurnStatus] = StatusIndex(status);
            }
            if (kept == 1)
            {
                f[FReturns] = s.Returns[i];
                classes[i] = Buyer;
                continue;
            }

            var tenureDays = s.T[i] * unitDays;
            f[FTenureDays] = tenureDays;
            (f[FReferralsMade], f[FReferralsBought]) = (s.ReferralsMade[i], s.ReferralsBought[i]);
            (f[FPromoters], f[FDetractors], f[FSurveyAnswers]) = (columns.PromoterAnswers[i], columns.DetractorAnswers[i], columns.SurveyAnswers[i]);
            (f[FPositiveReviews], f[FNegativeReviews]) = (columns.PositiveReviews[i], columns.NegativeReviews[i]);
            if (columns.EarliestAdoptionDays[i] is { } days) f[FAdoptionDays] = days;
            if (columns.EarliestAdoptionRank[i] is { } rank) f[FAdoptionRank] = rank;
            f[FSuggestions] = suggestion >= 0 ? s.InteractionCounts[suggestion][i] : 0;
            if (columns.WalletEstimate[i] is { } wallet && wallet > 0 && tenureDays >= options.ShareMinTenureDays)
            {
                withShare++;
                f[FShare] = columns.RevenueLastYear[i] * 365 / Math.Min(365, tenureDays + 1) / wallet;
            }
            if (s.MeanSurveyScore[i] is { } survey) f[FSurveyScore] = survey;
            (f[FOwnGap], f[FDaysSince], f[FGaps], f[FExpectedGap]) = (rhythm.OwnGapDays(i), rhythm.DaysSinceLast(i), rhythm.GapsSinceLast(i), rhythm.ExpectedGapDays(i));
            var advocacy = Advocacy(f, options, null);
            var loyalty = Loyalty(f, scores.ProbabilityAlive[i], s.Frequency[i], options, null);
            var cls = advocacy >= options.AdvocatePoints ? Advocate : loyalty >= options.SupporterPoints ? Supporter : Customer;
            advocates += cls == Advocate ? 1 : 0;
            supporters += cls == Supporter ? 1 : 0;
            classes[i] = cls;
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
        return new DimensionResult(Dimensions.Ladder, classes, [], method) { Notes = notes, Figures = figures, FigureTexts = outcomes };
    }

    /// <summary>
    /// Why a customer stands on its rung, from the figures stored for it (<see cref="Declaration"/>): a non-buyer's engagement, a
    /// buyer's one day, or a customer's purchase days with its loyalty and advocacy points and their evidence, the churn status
    /// named where it is not active. A pure function of the row and the options: the rung it states is the one they give.
    /// </summary>
    public static string? Reason(ReasonRow row, RelationshipLadderOptions options)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(options);
        var f = row.Figures.AsSpan(0, FigureCount);
        if (double.IsNaN(f[FKeptDays])) return null;
        var sb = new StringBuilder(256);
        var kept = f[FKeptDays];
        var orders = f[FOrders];
        if (kept == 0)
        {
            NonBuyer(f, row.Texts[FigureCount], options, sb);
            return sb.ToString();
        }

        if (kept == 1)
        {
            sb.Append(Buyer);
            AppendDecline(sb, f[FChurnStatus]);
            sb.Append(": bought on 1 day");
            if (orders == 1) sb.Append(" (1 order, ").Append(f[FReturns] == 1 ? "returned" : "completed").Append(')');
            else sb.Append(" (").Append(N0(orders)).Append(" orders on that day)");
            return sb.ToString();
        }

        var evidence = new StringBuilder(256);
        var advocacy = Advocacy(f, options, evidence);
        var advocacyText = evidence.Length == 0 ? "no evidence" : evidence.ToString();
        evidence.Clear();
        var loyalty = Loyalty(f, row.ProbabilityAlive, row.Figures[FigureCount + 1], options, evidence);
        var loyaltyText = evidence.Length == 0 ? "no evidence" : evidence.ToString();
        var cls = advocacy >= options.AdvocatePoints ? Advocate : loyalty >= options.SupporterPoints ? Supporter : Customer;
        sb.Append(cls);
        AppendDecline(sb, f[FChurnStatus]);
        sb.Append(": ").Append(N0(orders)).Append(orders == 1 ? " order" : " orders").Append(" on ").Append(N0(kept)).Append(" days");
        var tenureDays = f[FTenureDays];
        if (!double.IsNaN(tenureDays)) sb.Append(", the first ").Append(N0(tenureDays)).Append(" days ago");
        var advocacyPart = Points("advocacy", advocacy, options.AdvocatePoints, advocacyText);
        var loyaltyPart = Points("loyalty", loyalty, options.SupporterPoints, loyaltyText);
        sb.Append("; ").Append(cls == Supporter ? loyaltyPart : advocacyPart)
          .Append("; ").Append(cls == Supporter ? advocacyPart : loyaltyPart);
        return sb.ToString();
    }

    /// <summary>Whether a non-buyer engaged beyond the visits of becoming known.</summary>
    private static bool Engaged(ReadOnlySpan<double> f, string? outcome, RelationshipLadderOptions options)
    {
        var awareness = Math.Min(f[FVisits], options.AwarenessVisits);
        return f[FInteractions] - awareness > 0 || f[FTouches] > awareness || f[FCancelled] > 0 || outcome is not null;
    }

    private static void NonBuyer(ReadOnlySpan<double> f, string? outcome, RelationshipLadderOptions options, StringBuilder sb)
    {
        var (visits, total, touches, cancelled) = (f[FVisits], f[FInteractions], f[FTouches], f[FCancelled]);
        if (!Engaged(f, outcome, options))
        {
            sb.Append(NoRelationship).Append(": never bought, no engagement");
            if (visits > 0) sb.Append(" (").Append(N0(visits)).Append(visits == 1 ? " visit" : " visits").Append(" when becoming known: awareness only)");
            return;
        }

        sb.Append(Prospect).Append(": never bought; engaged:");
        var first = true;
        if (touches > 0) Item(sb, ref first).Append(N0(touches)).Append(touches == 1 ? " pre-purchase touch" : " pre-purchase touches");
        if (total > 0) Item(sb, ref first).Append(N0(total)).Append(total == 1 ? " interaction" : " interactions");
        if (outcome is not null) Item(sb, ref first).Append("opportunity ").Append(outcome);
        if (cancelled > 0) Item(sb, ref first).Append(N0(cancelled)).Append(cancelled == 1 ? " cancelled order" : " cancelled orders");
    }

    /// <summary>The advocacy points of a customer's figures, the evidence written to <paramref name="e"/> where given.</summary>
    private static int Advocacy(ReadOnlySpan<double> f, RelationshipLadderOptions o, StringBuilder? e)
    {
        var points = 0;
        if (f[FReferralsBought] > 0)
            points += e is null ? o.ReferralBoughtWeight : Add(e, o.ReferralBoughtWeight, $"referred {N0(f[FReferralsMade])}, {N0(f[FReferralsBought])} bought");
        else if (f[FReferralsMade] > 0)
            points += e is null ? o.ReferralMadeWeight : Add(e, o.ReferralMadeWeight, $"referred {N0(f[FReferralsMade])}, none bought yet");

        var promoters = f[FPromoters];
        var detractors = f[FDetractors];
        if (promoters > detractors)
            points += e is null ? o.PromoterWeight : Add(e, o.PromoterWeight, $"{N0(promoters)} promoter of {N0(f[FSurveyAnswers])} survey answers");
        if (f[FPositiveReviews] >= o.MinPositiveReviews)
            points += e is null ? o.PositiveReviewsWeight : Add(e, o.PositiveReviewsWeight, $"{N0(f[FPositiveReviews])} positive reviews");

        if (!double.IsNaN(f[FAdoptionDays]) && f[FAdoptionDays] <= o.EarlyAdoptionDays)
            points += e is null ? o.EarlyAdoptionWeight : Add(e, o.EarlyAdoptionWeight, $"bought a new line {N0(f[FAdoptionDays])} days after launch");
        else if (!double.IsNaN(f[FAdoptionRank]) && f[FAdoptionRank] <= o.EarlyAdoptionRank)
            points += e is null ? o.EarlyAdoptionWeight : Add(e, o.EarlyAdoptionWeight, $"among the first {(f[FAdoptionRank] * 100).ToString("0.#", CultureInfo.InvariantCulture)}% of a new line's buyers");

        var suggestions = f[FSuggestions];
        if (suggestions > 0)
            points += e is null ? o.SuggestionWeight : Add(e, o.SuggestionWeight, $"{N0(suggestions)} {(suggestions == 1 ? "suggestion" : "suggestions")}");

        var negativeReviews = f[FNegativeReviews];
        if (negativeReviews > 0 || detractors > promoters)
            points += (e is null ? o.NegativeWeight : Add(e, o.NegativeWeight, negativeReviews > 0
                ? $"{N0(negativeReviews)} negative {(negativeReviews == 1 ? "review" : "reviews")}"
                : $"{N0(detractors)} detractor vs {N0(promoters)} promoter answers"));
        return points;
    }

    /// <summary>The loyalty points of a customer's figures, P(alive) and repeat purchase days, the evidence written to <paramref name="e"/> where given.</summary>
    private static int Loyalty(ReadOnlySpan<double> f, double p, double frequency, RelationshipLadderOptions o, StringBuilder? e)
    {
        var points = 0;
        var share = f[FShare];
        if (!double.IsNaN(share))
        {
            if (share >= o.HighShareOfWallet) points += e is null ? o.HighShareWeight : Add(e, o.HighShareWeight, $"share of wallet {P2(share)}");
            else if (share < o.LowShareOfWallet) points += e is null ? o.LowShareWeight : Add(e, o.LowShareWeight, $"share of wallet {P2(share)}");
        }

        var promoters = f[FPromoters];
        var detractors = f[FDetractors];
        var survey = f[FSurveyScore];
        if (!double.IsNaN(survey) && survey >= o.GoodSurveyScore)
            points += e is null ? o.GoodSurveyWeight : Add(e, o.GoodSurveyWeight, $"mean survey score {survey.ToString("0.0", CultureInfo.InvariantCulture)}");
        if (detractors > promoters)
            points += e is null ? o.DetractorWeight : Add(e, o.DetractorWeight, $"{N0(detractors)} detractor vs {N0(promoters)} promoter answers");
        if (f[FSurveyAnswers] >= o.MinSurveyAnswers)
            points += e is null ? o.SurveyAnswersWeight : Add(e, o.SurveyAnswersWeight, $"{N0(f[FSurveyAnswers])} survey answers");
        var positive = f[FPositiveReviews];
        if (positive > 0)
            points += e is null ? o.PositiveReviewWeight : Add(e, o.PositiveReviewWeight, $"{N0(positive)} positive {(positive == 1 ? "review" : "reviews")}");

        var tenureDays = f[FTenureDays];
        if (tenureDays >= o.LongTenureDays)
            points += e is null ? o.TenureWeight : Add(e, o.TenureWeight, $"tenure {N0(tenureDays)} days");
        var own = f[FOwnGap];
        if (frequency >= o.RegularMinRepeats && !double.IsNaN(own) && f[FDaysSince] <= o.LapsingAfterGaps * own)
            points += e is null ? o.RegularityWeight : Add(e, o.RegularityWeight, $"regular: {N0(frequency)} repeats every {Gap(own)} days");
        if (!double.IsNaN(p))
        {
            if (p >= o.AliveFrom) points += e is null ? o.AliveWeight : Add(e, o.AliveWeight, $"P(alive) {P2(p)}");
        }
        else if (f[FGaps] <= 1)
        {
            var (since, gap) = (f[FDaysSince], f[FExpectedGap]);
            points += e is null ? o.AliveWeight : Add(e, o.AliveWeight, $"last purchase {N0(since)} days ago, within one usual gap of {Gap(gap)} days");
        }

        return points;
    }

    private static int StatusIndex(string status)
    {
        for (var k = 0; k < ChurnStatus.Classes.Count; k++)
            if (ChurnStatus.Classes[k] == status) return k;
        throw new ArgumentException($"'{status}' is not a churn status.", nameof(status));
    }

    private static void AppendDecline(StringBuilder sb, double status)
    {
        if (double.IsNaN(status)) return;
        sb.Append(" (").Append(ChurnStatus.Classes[(int)status]).Append(" by the churn status)");
    }

    /// <summary>Writes one piece of evidence with its weight (none of weight 0); callers without a builder take the weight alone and build no text.</summary>
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
