using System.Globalization;
using Clientele.Classification;
using Clientele.Clv;
using Clientele.Clv.GammaGamma;
using Clientele.Clv.ParetoNbd;
using Clientele.Customers;

namespace Clientele.Scoring;

/// <summary>
/// Scores every customer of a set of columns: P(alive) and its trend, expected purchases and revenue in the
/// horizon, lifetime value, and net value (past and future) after the cost to serve — from a repeat-purchase
/// model (BG/NBD or Pareto/NBD) with Gamma-Gamma for spend, or from transparent rules where the data is too thin.
/// </summary>
public static class CustomerScoring
{
    /// <summary>Scores the customers. <paramref name="holdout"/> (optional) lets "auto" choose the model by holdout fit.</summary>
    public static ScoringResult Score(CustomerColumns columns, ScoringOptions options, HoldoutSample? holdout = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(options);
        var notes = new List<string>();
        var (model, fit, spendFit, candidates) = LearnWithNotes(columns, options, holdout, notes);
        var scores = ApplyWithNotes(model, columns, options, notes);
        return new ScoringResult(scores, model.Model, model.Parameters, fit, model.Spend, spendFit, candidates, notes) { BaseMarginRate = model.BaseMarginRate };
    }

    /// <summary>
    /// What scoring learns from the whole base: the repeat-purchase model and its parameters (by holdout choice for "auto"),
    /// Gamma-Gamma's spend parameters, and whether values are margins and the base's margin rate. <see cref="Apply"/> scores
    /// any customers with it, one at a time or all at once, without fitting again.
    /// </summary>
    public static ScoringModel Learn(CustomerColumns columns, ScoringOptions options, HoldoutSample? holdout = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(options);
        return LearnWithNotes(columns, options, holdout, []).Model;
    }

    private static (ScoringModel Model, FitReport? Fit, FitReport? SpendFit, IReadOnlyList<ModelCandidate> Candidates) LearnWithNotes(
        CustomerColumns columns, ScoringOptions options, HoldoutSample? holdout, List<string> notes)
    {
        var s = columns.Summary;
        var buyers = Buyers(s);
        var x = buyers.Select(i => s.Frequency[i]).ToArray();
        var tx = buyers.Select(i => s.Recency[i]).ToArray();
        var age = buyers.Select(i => s.T[i]).ToArray();
        var repeaters = x.Count(v => v > 0);

        IReadOnlyList<ModelCandidate> candidates = [];
        string? name = null;
        IReadOnlyDictionary<string, double> parameters = new Dictionary<string, double>();
        FitReport? fit = null;
        if (repeaters < options.MinimumRepeatCustomers)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"no repeat-purchase model: {repeaters:N0} customers have a repeat purchase, fewer than the {options.MinimumRepeatCustomers:N0} a model needs; expected purchases follow each customer's own past rate (no prediction for a customer without a repeat purchase) and P(alive) is left to the churn rules."));
        }
        else
        {
            IReadOnlyList<string> order = [options.Model];
            if (options.Model == "auto")
            {
                if (holdout is { Count: > 0 } && holdout.Frequency.Count(v => v > 0) >= options.MinimumRepeatCustomers)
                {
                    candidates = ModelChoice.Compare(holdout, ScoringOptions.ModelChoiceCustomers);
                    // The better on the holdout first; a candidate refused there is still tried on all the data, last.
                    order = [.. candidates.Where(c => double.IsFinite(c.Error)).Select(c => c.Model).Concat(ModelChoice.Candidates).Distinct()];
                    var sampled = holdout.Count > ScoringOptions.ModelChoiceCustomers
                        ? string.Create(CultureInfo.InvariantCulture, $", on a systematic sample of {ScoringOptions.ModelChoiceCustomers:N0} of its {holdout.Count:N0} customers")
                        : "";
                    notes.Add($"model chosen by holdout fit (calibration to {holdout.CalibrationEnd:yyyy-MM-dd}{sampled}): {string.Join("; ", candidates)}.");
                }
                else
                {
                    order = ModelChoice.Candidates;
                    notes.Add($"{ModelNames.Display(order[0])} used without a holdout comparison: the data is too short or too thin for a holdout period.");
                }
            }
            (_, name, parameters, fit) = FirstAcceptable(x, tx, age, order, notes);
        }

        var spend = SpendModel(s, buyers, x, options, notes, out var spendFit);
        var (usesMargin, baseRate) = BaseMargin(columns);
        var model = new ScoringModel(name, parameters, spend is null ? new Dictionary<string, double>() : SpendParameters(spend), usesMargin, baseRate);
        return (model, fit, spendFit, candidates);
    }

    /// <summary>
    /// Scores every customer of <paramref name="columns"/> with a learned <paramref name="model"/>: P(alive) and its trend,
    /// expected purchases and revenue, lifetime value and net values. Each customer's scores depend only on its own
    /// columns and the model, so scoring a few customers gives the rows scoring all of them would.
    /// </summary>
    public static CustomerScores Apply(ScoringModel model, CustomerColumns columns, ScoringOptions options) => ApplyWithNotes(model, columns, options, null);

    private static CustomerScores ApplyWithNotes(ScoringModel learned, CustomerColumns columns, ScoringOptions options, List<string>? notes)
    {
        ArgumentNullException.ThrowIfNull(learned);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(options);
        var s = columns.Summary;
        var unitDays = (double)s.Unit.Days();
        var scores = new CustomerScores(columns.Count, options.HorizonDays) { TrendDays = options.TrendDays };
        var buyers = Buyers(s);
        var x = buyers.Select(i => s.Frequency[i]).ToArray();
        var tx = buyers.Select(i => s.Recency[i]).ToArray();
        var age = buyers.Select(i => s.T[i]).ToArray();
        var model = learned.RepeatPurchaseModel();
        var spend = SpendPerPurchase(s, buyers, x, learned.SpendModel(), notes);
        var horizon = options.HorizonDays / unitDays;
        var n = buyers.Length;
        var pAlive = new double[n];
        var pPrevious = new double[n];
        var expected = new double[n];
        var lifetimePurchases = new double[n];
        var ltv = new double[n];
        if (model is not null)
        {
            Predict(model, x, tx, age, spend, horizon, unitDays, options, pAlive, pPrevious, expected, lifetimePurchases, ltv);
            scores.ModelBased = true;
            scores.Method = $"{ModelNames.Display(learned.Model!)}{(learned.Spend.Count > 0 ? " + Gamma-Gamma" : " + each customer's mean spend")}";
        }
        else
        {
            Array.Fill(pAlive, double.NaN);
            Array.Fill(pPrevious, double.NaN);
            var lifetime = options.LifetimeMonths * CustomerLifetimeValue.DaysPerMonth / unitDays;
            for (var k = 0; k < n; k++)
            {
                // A customer with no repeat purchase has no rate of its own to follow: no prediction (NaN), rather than a
                // rate of 0 that would read as a finding ("no future value"); its value is then the past alone.
                var rate = x[k] > 0 && age[k] > 0 ? x[k] / age[k] : double.NaN;
                expected[k] = rate * horizon;
                lifetimePurchases[k] = rate * lifetime;
                ltv[k] = lifetimePurchases[k] * spend[k];
            }
            scores.Method = "rules: each customer's own repeat rate x / T over the horizon, no dropout; no prediction without a repeat purchase";
        }
        Values(columns, scores, buyers, learned, options);
        if (!learned.UsesMargin) notes?.Add("the orders carry no margin: values are revenue minus cost to serve, not margin.");
        for (var k = 0; k < n; k++)
        {
            var i = buyers[k];
            scores.ProbabilityAlive[i] = pAlive[k];
            scores.ProbabilityAlivePrevious[i] = pPrevious[k];
            scores.ExpectedPurchases[i] = expected[k];
            scores.ExpectedSpendPerPurchase[i] = spend[k];
            scores.ExpectedRevenue[i] = expected[k] * spend[k];
            scores.LifetimeValue[i] = ltv[k];
            var costPerPurchase = s.ServiceCost[i] / Math.Max(1, s.PurchaseDays[i]);
            scores.FutureNetValue[i] = ltv[k] * scores.MarginRate[i] - costPerPurchase * lifetimePurchases[k];
        }
        return scores;
    }

    /// <summary>
    /// The repeat-purchase model the scores come from: the first of <paramref name="order"/> whose fit on all the data
    /// <see cref="FitAcceptance"/> accepts. A fit that fails or is refused is a note saying which, why, and what replaced
    /// it: the next model, or, when none is left, the rules (each customer's own past rate).
    /// </summary>
    private static (IRepeatPurchaseModel? Model, string? Name, IReadOnlyDictionary<string, double> Parameters, FitReport? Fit) FirstAcceptable(
        double[] x, double[] tx, double[] age, IReadOnlyList<string> order, List<string> notes)
    {
        var refused = new List<string>();
        RepeatPurchases? data = null;
        foreach (var name in order)
        {
            try
            {
                data ??= RepeatPurchases.Create(x, tx, age).Compress();
                var candidate = CandidateFit.Fit(name, data);
                if (candidate.Refusal is { } why)
                {
                    refused.Add($"{ModelNames.Display(name)} was refused: {why}");
                    continue;
                }
                if (refused.Count > 0) notes.Add($"{string.Join("; ", refused)}. {ModelNames.Display(name)} is used instead.");
                return (candidate.Model, name, candidate.Parameters, candidate.Report);
            }
            catch (ClvDataException e)
            {
                refused.Add($"{ModelNames.Display(name)} could not be fitted ({e.Message.TrimEnd('.', ' ')})");
            }
        }
        notes.Add($"no repeat-purchase model: {string.Join("; ", refused)}. The scores fall back to the rules: expected purchases follow each customer's own past rate (x / T over the horizon, no dropout; no prediction without a repeat purchase) and P(alive) is left to the churn rules.");
        return (null, null, new Dictionary<string, double>(), null);
    }

    /// <summary>
    /// Every model score, in parallel over chunks of customers: P(alive) now and a trend lag ago, purchases in the
    /// horizon and the lifetime, and lifetime value month by month as <see cref="CustomerLifetimeValue"/> computes it
    /// (Pareto/NBD reuses P(alive) across the months, see <see cref="ParetoNbdModel.ExpectedPurchasesGivenAlive"/>).
    /// </summary>
    private static void Predict(IRepeatPurchaseModel model, double[] x, double[] tx, double[] age, double[] spend, double horizon, double unitDays,
        ScoringOptions options, double[] pAlive, double[] pPrevious, double[] expected, double[] lifetimePurchases, double[] ltv)
    {
        var n = x.Length;
        var chunk = Math.Max(4_096, n / (4 * Environment.ProcessorCount) + 1);
        var monthly = CustomerLifetimeValue.MonthlyRate(options.AnnualDiscountRate);
        Parallel.For(0, (n + chunk - 1) / chunk, c =>
        {
            var start = c * chunk;
            var length = Math.Min(chunk, n - start);
            var cx = new ReadOnlySpan<double>(x, start, length);
            var ctx = new ReadOnlySpan<double>(tx, start, length);
            var cage = new ReadOnlySpan<double>(age, start, length);
            var alive = new Span<double>(pAlive, start, length);
            model.ProbabilityAlive(cx, ctx, cage, alive);
            Previous(model, cx, ctx, cage, options.TrendDays / unitDays, new Span<double>(pPrevious, start, length));
            var aliveCopy = alive.ToArray();
            void ExpectedAt(double t, Span<double> destination)
            {
                if (model is ParetoNbdModel pareto) pareto.ExpectedPurchasesGivenAlive(t, new ReadOnlySpan<double>(x, start, length), new ReadOnlySpan<double>(age, start, length), aliveCopy, destination);
                else model.ExpectedPurchases(t, new ReadOnlySpan<double>(x, start, length), new ReadOnlySpan<double>(tx, start, length), new ReadOnlySpan<double>(age, start, length), destination);
            }
            ExpectedAt(horizon, new Span<double>(expected, start, length));
            var previous = new double[length];
            var current = new double[length];
            var value = new Span<double>(ltv, start, length);
            value.Clear();
            for (var month = 1; month <= options.LifetimeMonths; month++)
            {
                ExpectedAt(month * CustomerLifetimeValue.DaysPerMonth / unitDays, current);
                CustomerLifetimeValue.AddMonth(month, monthly, current, previous, new ReadOnlySpan<double>(spend, start, length), value);
                (previous, current) = (current, previous);
            }
            previous.CopyTo(new Span<double>(lifetimePurchases, start, length));
        });
    }

    private static int[] Buyers(CustomerSummary s)
    {
        var list = new List<int>(s.Count);
        for (var i = 0; i < s.Count; i++) if (!double.IsNaN(s.T[i])) list.Add(i);
        return [.. list];
    }

    /// <summary>P(alive) as it stood <paramref name="lag"/> units ago, for customers whose every purchase came before then (NaN for the others).</summary>
    private static void Previous(IRepeatPurchaseModel model, ReadOnlySpan<double> x, ReadOnlySpan<double> tx, ReadOnlySpan<double> age, double lag, Span<double> destination)
    {
        var earlier = new double[age.Length];
        for (var k = 0; k < age.Length; k++) earlier[k] = Math.Max(age[k] - lag, tx[k]);
        model.ProbabilityAlive(x, tx, earlier, destination);
        for (var k = 0; k < age.Length; k++)
            if (age[k] - lag < tx[k]) destination[k] = double.NaN;
    }

    /// <summary>Gamma-Gamma fitted on the repeat buyers with positive spend, or null (too few of them, or no acceptable fit: a note says which).</summary>
    private static GammaGammaModel? SpendModel(CustomerSummary s, int[] buyers, double[] x, ScoringOptions options, List<string> notes, out FitReport? fit)
    {
        fit = null;
        var m = buyers.Select(i => s.MonetaryValue[i]).ToArray();
        var fitted = Enumerable.Range(0, buyers.Length).Where(k => x[k] > 0 && m[k] > 0).ToArray();
        if (fitted.Length < options.MinimumSpendCustomers)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"no Gamma-Gamma: {fitted.Length:N0} customers have positive repeat spend, fewer than {options.MinimumSpendCustomers:N0}; each customer's mean spend is used."));
            return null;
        }
        var gg = SpendModel(fitted.Select(k => x[k]).ToArray(), fitted.Select(k => m[k]).ToArray(), notes);
        fit = gg?.Report;
        return gg;
    }

    /// <summary>Each buyer's expected spend per purchase: Gamma-Gamma's conditional expectation, else (or where it is not finite) the customer's own mean spend.</summary>
    private static double[] SpendPerPurchase(CustomerSummary s, int[] buyers, double[] x, GammaGammaModel? gg, List<string>? notes)
    {
        var n = buyers.Length;
        var spend = new double[n];
        if (gg is not null)
        {
            var m = buyers.Select(i => s.MonetaryValue[i]).ToArray();
            // Repeat buyers whose repeat spend is zero (free orders) tell the model nothing about their spend: the population's expectation.
            var xSpend = new double[n];
            for (var k = 0; k < n; k++) xSpend[k] = m[k] > 0 ? x[k] : 0;
            gg.ConditionalExpectedAverageSpend(xSpend, m, spend);
            var own = 0;
            for (var k = 0; k < n; k++)
            {
                if (double.IsFinite(spend[k]) && spend[k] > 0) continue;
                spend[k] = s.Revenue[buyers[k]] / Math.Max(1, s.PurchaseDays[buyers[k]]);
                own++;
            }
            if (own > 0)
            {
                notes?.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Gamma-Gamma (q = {gg.Q:0.###}) gives no finite expected spend for {own:N0} customers without repeat purchases (q ≤ 1: spend is too heavy-tailed for a population mean); their own first spend is used."));
            }
            return spend;
        }
        for (var k = 0; k < n; k++) spend[k] = s.Revenue[buyers[k]] / Math.Max(1, s.PurchaseDays[buyers[k]]);
        return spend;
    }

    /// <summary>Gamma-Gamma fitted on the repeat buyers with positive spend, or null when it cannot be fitted or its fit is refused (a note says why).</summary>
    private static GammaGammaModel? SpendModel(double[] x, double[] m, List<string> notes)
    {
        try
        {
            var gg = GammaGammaModel.Fit(x, m);
            if (FitAcceptance.Refusal(gg.Report, SpendParameters(gg)) is not { } why) return gg;
            notes.Add($"Gamma-Gamma was refused: {why}. Each customer's mean spend is used instead.");
        }
        catch (ClvDataException e)
        {
            notes.Add($"Gamma-Gamma could not be fitted ({e.Message}); each customer's mean spend is used instead.");
        }
        return null;
    }

    private static Dictionary<string, double> SpendParameters(GammaGammaModel gg) => new() { ["p"] = gg.P, ["q"] = gg.Q, ["gamma"] = gg.Gamma };

    /// <summary>Whether the orders carry margins, and the base's margin rate (margin with returns over revenue; 1 without margins).</summary>
    private static (bool UsesMargin, double BaseRate) BaseMargin(CustomerColumns columns)
    {
        var s = columns.Summary;
        double marginSum = 0, revenueSum = 0;
        var withMargin = 0;
        for (var i = 0; i < s.Count; i++)
        {
            if (s.Margin[i] is not { } margin) continue;
            withMargin++;
            marginSum += margin + columns.ReturnMargin[i];
            revenueSum += s.Revenue[i];
        }
        return (withMargin > 0, revenueSum > 0 ? marginSum / revenueSum : 1);
    }

    /// <summary>Past net value for everyone; the margin rate for buyers, each shrunk toward the base's.</summary>
    private static void Values(CustomerColumns columns, CustomerScores scores, int[] buyers, ScoringModel learned, ScoringOptions options)
    {
        var s = columns.Summary;
        scores.UsesMargin = learned.UsesMargin;
        var baseRate = learned.BaseMarginRate;
        for (var i = 0; i < s.Count; i++)
            scores.PastNetValue[i] = (s.Margin[i] ?? (scores.UsesMargin ? 0 : s.Revenue[i])) + columns.ReturnMargin[i] - s.ServiceCost[i];
        foreach (var i in buyers)
        {
            if (!scores.UsesMargin) { scores.MarginRate[i] = 1; continue; }
            var own = s.Revenue[i] > 0 && s.Margin[i] is { } margin ? (margin + columns.ReturnMargin[i]) / s.Revenue[i] : baseRate;
            var weight = s.PurchaseDays[i];
            scores.MarginRate[i] = (weight * own + options.MarginShrinkage * baseRate) / (weight + options.MarginShrinkage);
        }
    }
}
