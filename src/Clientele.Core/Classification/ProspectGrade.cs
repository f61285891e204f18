using System.Globalization;
using Clientele.Classification.Internal;

namespace Clientele.Classification;

/// <summary>
/// Prospect grade A-D (DOMAIN.md, article 001): how likely a prospect is to close. Prospects are parties without a kept
/// order (no completed or returned order) who engaged: an inquiry, visit, trial, quote, opportunity or a cancelled order.
/// <para>
/// Learned where the data has enough past outcomes (<see cref="ProspectGradeOptions.MinimumOutcomes"/>): parties whose
/// latest opportunity is tagged won or lost train an L2-regularised logistic regression of the outcome on the
/// pre-purchase journey (inquiries, visits, trials, quotes; see the split for buyers in the journey's documentation) and
/// the kind (organization or person), cross-validated in k deterministic folds against always predicting the majority
/// outcome and against the points rule. P(close) is the chance of winning once a decision is reached (it is learned from
/// decided opportunities); the journey's recency is not a feature, as it is not known as of the past outcomes. Prospects
/// are then graded by P(close) cuts. Otherwise a transparent points rule grades them: points per inquiry, visit, trial,
/// quote, open opportunity and cancelled order, plus or minus points for the recency of the last touch.
/// </para>
/// A prospect whose latest opportunity was lost is D, one whose latest was won but who has not bought yet is A.
/// </summary>
public static class ProspectGrade
{
    /// <summary>The classes, from the most likely to close.</summary>
    public static readonly IReadOnlyList<string> Classes = ["A", "B", "C", "D"];

    /// <summary>The dimension's declaration: its name, title, classes and playbook (<see cref="DimensionDeclaration"/>).</summary>
    public static readonly DimensionDeclaration Declaration = new(Dimensions.ProspectGrade, "Prospect grade")
    {
        Classes = Classes,
        Ranking = DimensionRanking.BestFirst,
        Playbook = new Dictionary<string, string>
        {
            ["A"] = "Call now and close this month.",
            ["B"] = "Nurture with a trial or a quote.",
            ["C"] = "Keep warm with content and invitations.",
            ["D"] = "Low priority: revisit later.",
        },
        Reason = new ReasonDeclaration(
            [
                new ReasonFigure("prospect_grade_state", "0 has bought (no grade), 1 no engagement (not a prospect), 2 a prospect", (r, i) => r.Prospects.State[i]),
                new ReasonFigure("prospect_grade_inquiries", "a prospect's inquiries", (r, i) => r.Prospects.Journey[i * JourneyFigures]),
                new ReasonFigure("prospect_grade_visits", "a prospect's visits", (r, i) => r.Prospects.Journey[i * JourneyFigures + 1]),
                new ReasonFigure("prospect_grade_trials", "a prospect's trials", (r, i) => r.Prospects.Journey[i * JourneyFigures + 2]),
                new ReasonFigure("prospect_grade_quotes", "a prospect's quotes", (r, i) => r.Prospects.Journey[i * JourneyFigures + 3]),
                new ReasonFigure("prospect_grade_opportunities", "a prospect's opportunities", (r, i) => r.Prospects.Journey[i * JourneyFigures + 4]),
                new ReasonFigure("prospect_grade_cancelled", "a prospect's cancelled orders", (r, i) => r.Prospects.Journey[i * JourneyFigures + 5]),
                new ReasonFigure("prospect_grade_last_touch_days", "days from a prospect's last touch to the as-of date (null without one)", (r, i) => r.Prospects.Journey[i * JourneyFigures + 6]),
                new ReasonFigure("prospect_grade_organization", "1 where the prospect's kind is organization, else 0", (r, i) => r.Prospects.Journey[i * JourneyFigures + 7]),
                new ReasonFigure("close_probability", "P(close)", (r, i) => r.Prospects.CloseProbability[i]) { Shared = true },
                ReasonFigure.OfText("prospect_grade_outcome", "a prospect's latest opportunity outcome as imported (null for none or open)", (r, i) => r.Prospects.Outcome[i]),
            ],
            (_, row, context) => Reason(row, context.Classification.ProspectGrade, context.Options.ProspectGrade)),
    };

    /// <summary>The figures of each prospect's journey <see cref="ProspectGrades.Journey"/> holds, in a row of this many.</summary>
    internal const int JourneyFigures = 8;

    /// <summary>Grades every party of <paramref name="columns"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (<see cref="ProspectGradeOptions.Validate"/>).</exception>
    public static ProspectGrades Classify(CustomerColumns columns, ProspectGradeOptions options) =>
        Apply(Learn(columns, options), columns, options);

    /// <summary>
    /// Fits the close model on the parties whose latest opportunity is won or lost, when there are enough of them and it predicts
    /// better than the majority outcome; else the context says why the points rule grades.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (<see cref="ProspectGradeOptions.Validate"/>).</exception>
    public static ProspectGradeContext Learn(CustomerColumns columns, ProspectGradeOptions options)
    {
        options.Validate();
        var (model, report) = Fit(columns, ProspectJourney.Kinds.Of(columns.Summary), options);
        return model is null ? new ProspectGradeContext(report, null, null, null) : new ProspectGradeContext(report, model.Mean, model.Scale, model.Beta);
    }

    /// <summary>
    /// Grades the parties <paramref name="customers"/> (indices into <paramref name="columns"/>; null for all) from their own journey
    /// and <paramref name="context"/>'s model or the points rule; the others' entries stay null (P(close) NaN).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (<see cref="ProspectGradeOptions.Validate"/>).</exception>
    public static ProspectGrades Apply(ProspectGradeContext context, CustomerColumns columns, ProspectGradeOptions options, IReadOnlyList<int>? customers = null)
    {
        options.Validate();
        var n = columns.Count;
        var kinds = ProspectJourney.Kinds.Of(columns.Summary);
        var report = context.Report;
        var model = context.Learned ? RidgeLogisticRegression.FromParameters(context.FeatureMeans!, context.FeatureScales!, context.StandardisedCoefficients!) : null;
        var classes = new string?[n];
        var probability = new double[n];
        Array.Fill(probability, double.NaN);
        var state = new double[n];
        Array.Fill(state, double.NaN);
        var figures = new double[n * JourneyFigures];
        Array.Fill(figures, double.NaN);
        var outcomes = new string?[n];
        var modelText = model is null ? "" : ModelText(report);
        var pointsWhy = PointsWhy(report);
        var s = columns.Summary;

        var count = customers?.Count ?? n;
        for (var k = 0; k < count; k++)
        {
            var i = customers?[k] ?? k;
            if (s.Orders[i] + s.Returns[i] > 0 || columns.HasBought(i))
            {
                state[i] = 0;
                continue;
            }
            var journey = ProspectJourney.Of(columns, kinds, i);
            var cancelled = columns.CancelledOrders[i];
            var touches = journey.Inquiries + journey.Visits + journey.Trials + journey.Quotes + journey.Opportunities;
            if (touches == 0 && cancelled == 0)
            {
                state[i] = 1;
                continue;
            }
            state[i] = 2;
            var outcome = columns.OpportunityOutcome[i];
            outcomes[i] = outcome;
            var f = figures.AsSpan(i * JourneyFigures, JourneyFigures);
            (f[0], f[1], f[2], f[3], f[4], f[5]) = (journey.Inquiries, journey.Visits, journey.Trials, journey.Quotes, journey.Opportunities, cancelled);
            if (columns.LastTouch[i] is { } day) f[6] = columns.AsOf.DayNumber - day.DayNumber;
            var organization = columns.Kind[i] == "organization";
            f[7] = organization ? 1 : 0;
            if (IsOutcome(outcome, "lost"))
            {
                classes[i] = "D";
                probability[i] = 0;
                continue;
            }
            if (IsOutcome(outcome, "won"))
            {
                classes[i] = "A";
                probability[i] = 1;
                continue;
            }
            if (model is not null)
            {
                var p = model.Probability(journey.Features(organization));
                probability[i] = p;
                classes[i] = p >= options.GradeAFrom ? "A" : p >= options.GradeBFrom ? "B" : p >= options.GradeCFrom ? "C" : "D";
            }
            else
            {
                var points = Points(journey, cancelled, outcome, f[6], options).Points;
                classes[i] = points >= options.PointsAFrom ? "A" : points >= options.PointsBFrom ? "B" : points >= options.PointsCFrom ? "C" : "D";
            }
        }

        var method = model is not null
            ? $"learned: L2-regularised logistic regression of won/lost on {string.Join(", ", ProspectJourney.FeatureNames)}; {modelText}; A from P(close) {ValueText.Rate(options.GradeAFrom)}, B from {ValueText.Rate(options.GradeBFrom)}, C from {ValueText.Rate(options.GradeCFrom)}"
            : $"{pointsWhy}; A from {Number(options.PointsAFrom)} points, B from {Number(options.PointsBFrom)}, C from {Number(options.PointsCFrom)}";
        var notes = new List<string> { report.Description };
        var result = new DimensionResult(Dimensions.ProspectGrade, classes, [], method) { Notes = notes };
        return new ProspectGrades(result, probability, report) { State = state, Journey = figures, Outcome = outcomes };
    }

    private static bool IsOutcome(string? outcome, string word) => string.Equals(outcome?.Trim(), word, StringComparison.OrdinalIgnoreCase);

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string CutText(string grade, double a, double b, double c, Func<double, string> format) => grade switch
    {
        "A" => $"A from {format(a)}",
        "B" => $"B from {format(b)}, A from {format(a)}",
        "C" => $"C from {format(c)}, B from {format(b)}",
        _ => $"C from {format(c)}",
    };

    /// <summary>
    /// Why a party has its grade, from the figures stored for it (<see cref="Declaration"/>): its journey and the lost or won
    /// opportunity, the model's P(close) against the cuts, or the points rule's breakdown; for a buyer or a party without
    /// engagement, why it has none. A pure function of the row, the context's model report and the options.
    /// </summary>
    public static string? Reason(ReasonRow row, ProspectGradeContext context, ProspectGradeOptions options)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        var f = row.Figures;
        if (double.IsNaN(f[0])) return null;
        if (f[0] == 0) return "has bought: grades are for prospects";
        if (f[0] == 1) return "no engagement (no inquiry, visit, trial, quote, opportunity or cancelled order): not a prospect";
        var journey = new ProspectJourney((int)f[1], (int)f[2], (int)f[3], (int)f[4], (int)f[5]);
        var cancelled = (int)f[6];
        var lastTouchDays = f[7];
        var organization = f[8] == 1;
        var outcome = row.Texts[10];
        var journeyText = journey.Describe() + (cancelled > 0 ? ", " + ValueText.Count(cancelled, "cancelled order", "cancelled orders") : "");
        if (IsOutcome(outcome, "lost")) return $"D: the latest opportunity was lost (after {journeyText})";
        if (IsOutcome(outcome, "won")) return $"A: the latest opportunity was won, no completed order yet (after {journeyText})";
        var report = context.Report;
        if (context.Learned)
        {
            var p = f[9];
            var grade = p >= options.GradeAFrom ? "A" : p >= options.GradeBFrom ? "B" : p >= options.GradeCFrom ? "C" : "D";
            var open = journey.Opportunities > 0 ? $"; opportunity {outcome ?? "open"}" : "";
            var last = double.IsNaN(lastTouchDays) ? "" : $"; last touch {ValueText.Count((int)lastTouchDays, "day", "days")} ago";
            return $"{grade}: learned model P(close) {ValueText.Rate(p)} ({CutText(grade, options.GradeAFrom, options.GradeBFrom, options.GradeCFrom, ValueText.Rate)}) from {journeyText}{(organization ? " (organization)" : "")}{open}{last}; {ModelText(report)}";
        }
        var (points, breakdown) = Points(journey, cancelled, outcome, lastTouchDays, options);
        var byPoints = points >= options.PointsAFrom ? "A" : points >= options.PointsBFrom ? "B" : points >= options.PointsCFrom ? "C" : "D";
        return $"{byPoints}: {Number(points)} points ({breakdown}), {CutText(byPoints, options.PointsAFrom, options.PointsBFrom, options.PointsCFrom, Number)}; {PointsWhy(report)}";
    }

    private static string ModelText(ProspectModelReport report) =>
        $"model trained on {ValueText.Money(report.TrainingExamples)} closed prospects, accuracy {ValueText.Rate(report.CrossValidatedAccuracy)} vs {ValueText.Rate(report.MajorityAccuracy)} baseline ({ValueText.Rate(report.PointsRuleAccuracy)} by the points rule)";

    private static string PointsWhy(ProspectModelReport report) => double.IsFinite(report.CrossValidatedAccuracy)
        ? $"points rule: a model learned from {ValueText.Money(report.TrainingExamples)} closed prospects predicted {ValueText.Rate(report.CrossValidatedAccuracy)} of them, no better than always guessing the majority ({ValueText.Rate(report.MajorityAccuracy)}); these points predict {ValueText.Rate(report.PointsRuleAccuracy)}"
        : $"points rule: {ValueText.Count(report.TrainingExamples, "closed prospect", "closed prospects")} ({report.Won} won, {report.Lost} lost), need {report.MinimumOutcomes} with at least {report.MinimumPerOutcome} of each to learn";

    /// <summary>The points rule's score and its breakdown, e.g. "1 inquiry 1, 1 visit 2, last touch 30 days ago +2" (<paramref name="lastTouchDays"/> NaN for none).</summary>
    private static (double Points, string Breakdown) Points(ProspectJourney journey, int cancelled, string? outcome, double lastTouchDays, ProspectGradeOptions options)
    {
        var parts = new List<string>(7);
        var points = 0.0;
        void Add(int count, double each, string singular, string plural)
        {
            if (count == 0) return;
            points += count * each;
            parts.Add($"{ValueText.Count(count, singular, plural)} {Number(count * each)}");
        }
        Add(journey.Inquiries, options.InquiryPoints, "inquiry", "inquiries");
        Add(journey.Visits, options.VisitPoints, "visit", "visits");
        Add(journey.Trials, options.TrialPoints, "trial", "trials");
        Add(journey.Quotes, options.QuotePoints, "quote", "quotes");
        if (journey.Opportunities > 0)
        {
            points += options.OpenOpportunityPoints;
            parts.Add($"opportunity {outcome ?? "open"} {Number(options.OpenOpportunityPoints)}");
        }
        Add(cancelled, options.CancelledOrderPoints, "cancelled order", "cancelled orders");
        if (!double.IsNaN(lastTouchDays))
        {
            var ago = (int)lastTouchDays;
            var recency = ago <= options.RecentDays ? options.RecentPoints : ago > options.StaleDays ? options.StalePoints : 0;
            points += recency;
            parts.Add($"last touch {ValueText.Count(ago, "day", "days")} ago {(recency > 0 ? "+" : "")}{Number(recency)}");
        }
        return (points, string.Join(", ", parts));
    }

    /// <summary>The points rule without recency or opportunity (unknown, or the outcome itself, as of a past outcome): the baseline of the accuracy report.</summary>
    private static double JourneyPoints(ProspectJourney journey, ProspectGradeOptions options) =>
        journey.Inquiries * options.InquiryPoints + journey.Visits * options.VisitPoints + journey.Trials * options.TrialPoints + journey.Quotes * options.QuotePoints;

    /// <summary>Fits the close model on the closed prospects when there are enough of them, with its cross-validated report.</summary>
    private static (RidgeLogisticRegression? Model, ProspectModelReport Report) Fit(CustomerColumns columns, ProspectJourney.Kinds kinds, ProspectGradeOptions options)
    {
        var x = new List<double[]>();
        var y = new List<bool>();
        var points = new List<double>();
        for (var i = 0; i < columns.Count; i++)
        {
            var outcome = columns.OpportunityOutcome[i];
            var won = IsOutcome(outcome, "won");
            if (!won && !IsOutcome(outcome, "lost")) continue;
            var journey = ProspectJourney.Of(columns, kinds, i);
            x.Add(journey.Features(columns.Kind[i] == "organization"));
            y.Add(won);
            points.Add(JourneyPoints(journey, options));
        }
        var m = x.Count;
        var wins = y.Count(w => w);
        var enough = m >= options.MinimumOutcomes && wins >= options.MinimumPerOutcome && m - wins >= options.MinimumPerOutcome;
        var pointsCorrect = 0;
        for (var k = 0; k < m; k++) if (points[k] >= options.PointsBFrom == y[k]) pointsCorrect++;
        var pointsAccuracy = m > 0 ? (double)pointsCorrect / m : double.NaN;
        if (!enough)
        {
            var description = $"points rule: {ValueText.Count(m, "closed prospect", "closed prospects")} ({wins} won, {m - wins} lost) are too few to learn from (need {options.MinimumOutcomes}, at least {options.MinimumPerOutcome} won and {options.MinimumPerOutcome} lost)"
                + (m > 0 ? $"; the points rule predicts {ValueText.Rate(pointsAccuracy)} of them" : "");
            return (null, new ProspectModelReport("points", m, wins, m - wins, options.MinimumOutcomes, options.MinimumPerOutcome, options.Folds,
                double.NaN, double.NaN, pointsAccuracy, [], [], description));
        }

        var features = x.ToArray();
        var outcomes = y.ToArray();
        int modelCorrect = 0, majorityCorrect = 0;
        for (var fold = 0; fold < options.Folds; fold++)
        {
            var train = new List<int>(m);
            for (var k = 0; k < m; k++) if (k % options.Folds != fold) train.Add(k);
            var fit = RidgeLogisticRegression.Fit(features, outcomes, train, options.Regularisation);
            var trainWins = 0;
            foreach (var k in train) if (outcomes[k]) trainWins++;
            var majority = 2 * trainWins >= train.Count;
            for (var k = fold; k < m; k += options.Folds)
            {
                if (fit.Probability(features[k]) >= 0.5 == outcomes[k]) modelCorrect++;
                if (majority == outcomes[k]) majorityCorrect++;
            }
        }
        var model = RidgeLogisticRegression.Fit(features, outcomes, [.. Enumerable.Range(0, m)], options.Regularisation);
        var accuracy = (double)modelCorrect / m;
        var majorityAccuracy = (double)majorityCorrect / m;
        var coefficients = model.RawCoefficients();
        var names = new List<string> { "intercept" };
        names.AddRange(ProspectJourney.FeatureNames);
        var terms = string.Join(", ", names.Select((name, j) => $"{name} {coefficients[j].ToString("0.###", CultureInfo.InvariantCulture)}"));
        if (accuracy <= majorityAccuracy)
        {
            // A model that predicts no better than always guessing the majority outcome must not grade:
            // the transparent rule does, and the report says why.
            var fallback = $"points rule: a logistic regression learned from {m} closed prospects ({wins} won, {m - wins} lost) reached a {options.Folds}-fold cross-validated accuracy of {ValueText.Rate(accuracy)}, no better than always guessing the majority outcome ({ValueText.Rate(majorityAccuracy)}; the points rule predicts {ValueText.Rate(pointsAccuracy)}); log-odds: {terms}";
            return (null, new ProspectModelReport("points", m, wins, m - wins, options.MinimumOutcomes, options.MinimumPerOutcome, options.Folds,
                accuracy, majorityAccuracy, pointsAccuracy, names, coefficients, fallback));
        }
        var text = $"learned: logistic regression on {m} closed prospects ({wins} won, {m - wins} lost), {options.Folds}-fold cross-validated accuracy {ValueText.Rate(accuracy)} vs {ValueText.Rate(majorityAccuracy)} for the majority outcome and {ValueText.Rate(pointsAccuracy)} for the points rule; log-odds: {terms}";
        return (model, new ProspectModelReport("learned", m, wins, m - wins, options.MinimumOutcomes, options.MinimumPerOutcome, options.Folds,
            accuracy, majorityAccuracy, pointsAccuracy, names, coefficients, text));
    }
}
