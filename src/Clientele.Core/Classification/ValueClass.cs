using Clientele.Classification.Internal;

namespace Clientele.Classification;

/// <summary>
/// Value class of actual customers (DOMAIN.md, article 001): MVC the most valuable (keep close), MGC the most growable
/// (develop), BZC below zero (costs more to serve than it returns: fix the cost or let go), other. Decided in that order of
/// precedence BZC, MVC, MGC. Value is <see cref="CustomerScores.Value"/> (net margin, or revenue without margins).
/// Growth potential is a yearly amount in the same unit: the larger of the unrealised wallet
/// (<c>WalletEstimate − RevenueLastYear</c>, × margin rate, × P(alive) where a model gives it) and the predicted growth
/// (expected revenue per year − revenue last year, × margin rate). Manual overrides are applied elsewhere.
/// Parties who have not bought get no class.
/// </summary>
public static class ValueClass
{
    /// <summary>The classes.</summary>
    public static readonly IReadOnlyList<string> Classes = ["MVC", "MGC", "BZC", "other"];

    /// <summary>Classifies every customer of <paramref name="columns"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (<see cref="ValueClassOptions.Validate"/>).</exception>
    public static DimensionResult Classify(CustomerColumns columns, CustomerScores scores, ValueClassOptions options)
    {
        options.Validate();
        var n = columns.Count;
        var classes = new string?[n];
        var reasons = new string?[n];
        var kind = ValueText.ValueKind(scores);
        var baseMargin = BaseMarginRate(columns, scores);

        var values = ValueQuantile.Sorted(n, columns.HasBought, scores.Value);
        var mvcCut = ValueQuantile.Of(values, 1 - options.MvcShare);
        var growth = new Growth[n];
        var isBzc = new bool[n];
        var isMvc = new bool[n];
        for (var i = 0; i < n; i++)
        {
            if (!columns.HasBought(i)) continue;
            var value = scores.Value(i);
            isBzc[i] = value < options.BzcBelow && scores.PastNetValue[i] < options.BzcBelow;
            isMvc[i] = !isBzc[i] && value > mvcCut && value > 0;
            growth[i] = Growth.Of(columns, scores, i, baseMargin);
        }
        var rest = ValueQuantile.Sorted(n, i => columns.HasBought(i) && !isBzc[i] && !isMvc[i], i => growth[i].Potential);
        var mgcCut = ValueQuantile.Of(rest, 1 - options.MgcShare);
        var mgcFloor = double.IsNaN(mgcCut) ? options.MinimumGrowth : Math.Max(mgcCut, options.MinimumGrowth);
        var mvcText = $"top {ValueText.Percent(options.MvcShare)} cut";
        var mgcText = $"top {ValueText.Percent(options.MgcShare)} of the rest cut";

        for (var i = 0; i < n; i++)
        {
            if (!columns.HasBought(i))
            {
                reasons[i] = "no completed order: value classes are for actual customers";
                continue;
            }
            var value = scores.Value(i);
            var past = scores.PastNetValue[i];
            var future = scores.FutureNetValue[i];
            var valueText = $"value {ValueText.Money(value)} in {kind} ({(double.IsNaN(future) ? $"past {ValueText.Money(past)}, no prediction" : $"past {ValueText.Money(past)} + future {ValueText.Money(future)}")})";
            if (isBzc[i])
            {
                classes[i] = "BZC";
                reasons[i] = $"BZC: net value {ValueText.Money(value)} below {ValueText.Money(options.BzcBelow)}: past {ValueText.Money(past)} "
                    + $"({PastParts(columns, scores, i)}); "
                    + (double.IsNaN(future) ? "no prediction to make up for it" : $"predicted future {ValueText.Money(future)} does not make up for it");
                continue;
            }
            if (isMvc[i])
            {
                classes[i] = "MVC";
                reasons[i] = $"MVC: {valueText}, {mvcText} is {ValueText.Cut(mvcCut)}";
                continue;
            }
            var g = growth[i];
            var madeUp = past < options.BzcBelow ? $"; past {ValueText.Money(past)} made up by the predicted future" : "";
            var notMvc = double.IsNaN(mvcCut) || value > mvcCut ? "not above 0" : $"not above the MVC {mvcText} {ValueText.Cut(mvcCut)}";
            if (g.Potential > mgcFloor)
            {
                classes[i] = "MGC";
                reasons[i] = $"MGC: growth potential {ValueText.Money(g.Potential)} a year ({g.Describe()}), {mgcText} is {ValueText.Cut(mgcCut)}; {valueText} {notMvc}{madeUp}";
            }
            else
            {
                classes[i] = "other";
                var growthText = g.Potential > 0
                    ? $"growth potential {ValueText.Money(g.Potential)} a year ({g.Describe()}) not above the MGC {(mgcFloor > mgcCut || double.IsNaN(mgcCut) ? "minimum" : mgcText)} {ValueText.Cut(mgcFloor)}"
                    : $"no growth potential ({g.Describe()})";
                reasons[i] = $"other: {valueText} {notMvc}; {growthText}{madeUp}";
            }
        }

        var method = $"BZC: value and past net value below {ValueText.Money(options.BzcBelow)}; MVC: top {ValueText.Percent(options.MvcShare)} of {ValueText.Money(values.Length)} actual customers by value ({kind}); "
            + $"MGC: top {ValueText.Percent(options.MgcShare)} of the rest by yearly growth potential (unrealised wallet or predicted growth, × margin rate)";
        var notes = new List<string>();
        if (values.Length == 0) notes.Add("no actual customers: nobody has a value class");
        else
        {
            notes.Add($"cuts: MVC above {ValueText.Cut(mvcCut)}, MGC growth potential above {ValueText.Cut(mgcFloor)} a year");
            var withWallet = 0;
            var withPrediction = 0;
            for (var i = 0; i < n; i++)
            {
                if (!columns.HasBought(i)) continue;
                if (growth[i].Wallet > 0) withWallet++;
                if (!double.IsNaN(growth[i].PredictedYearly)) withPrediction++;
            }
            notes.Add($"growth potential from a known wallet for {ValueText.Money(withWallet)} and from predicted revenue for {ValueText.Money(withPrediction)} of {ValueText.Money(values.Length)} actual customers");
            if (withPrediction == 0) notes.Add("no predicted revenue (no model): growth potential is the unrealised wallet alone");
        }
        return new DimensionResult(Dimensions.ValueClass, classes, reasons, method) { Notes = notes };
    }

    /// <summary>Sum of margins over sum of revenues of the actual customers with margins; 1 without margins.</summary>
    private static double BaseMarginRate(CustomerColumns columns, CustomerScores scores)
    {
        if (!scores.UsesMargin) return 1;
        double margin = 0, revenue = 0;
        var s = columns.Summary;
        for (var i = 0; i < columns.Count; i++)
        {
            if (s.Margin[i] is { } m && s.Revenue[i] > 0)
            {
                margin += m;
                revenue += s.Revenue[i];
            }
        }
        return revenue > 0 ? Math.Max(0, margin / revenue) : 1;
    }

    private static string PastParts(CustomerColumns columns, CustomerScores scores, int i)
    {
        var s = columns.Summary;
        var earned = scores.UsesMargin ? $"margin {ValueText.Money(s.Margin[i] ?? 0)}" : $"revenue {ValueText.Money(s.Revenue[i])}";
        var returns = s.Returns[i] > 0 || columns.ReturnMargin[i] != 0
            ? $", returns {ValueText.Money(columns.ReturnMargin[i])} ({ValueText.Count(s.Returns[i], "returned order", "returned orders")})"
            : ", no returns";
        return $"{earned}{returns}, cost to serve {ValueText.Money(s.ServiceCost[i])}";
    }

    /// <summary>A customer's yearly growth potential and what it is made of (NaN where a part is unknown).</summary>
    private readonly record struct Growth(double Potential, double Wallet, double LastYear, double PredictedYearly, double MarginRate, double ProbabilityAlive)
    {
        public static Growth Of(CustomerColumns columns, CustomerScores scores, int i, double baseMargin)
        {
            var margin = scores.MarginRate[i];
            if (!double.IsFinite(margin))
                margin = !scores.UsesMargin ? 1 : columns.Summary.Margin[i] is { } m && columns.Summary.Revenue[i] > 0 ? m / columns.Summary.Revenue[i] : baseMargin;
            margin = Math.Max(0, margin);
            var lastYear = columns.RevenueLastYear[i];
            var wallet = columns.WalletEstimate[i] is { } w && w > 0 ? w : double.NaN;
            var alive = scores.ProbabilityAlive[i];
            var headroom = double.IsNaN(wallet) ? 0 : Math.Max(0, wallet - lastYear) * margin * (double.IsNaN(alive) ? 1 : alive);
            var predicted = scores.HorizonDays > 0 ? scores.ExpectedRevenue[i] * 365 / scores.HorizonDays : double.NaN;
            var trend = double.IsFinite(predicted) ? Math.Max(0, predicted - lastYear) * margin : 0;
            return new Growth(Math.Max(headroom, trend), wallet, lastYear, double.IsFinite(predicted) ? predicted : double.NaN, margin, alive);
        }

        public string Describe()
        {
            var parts = new List<string>(2);
            if (!double.IsNaN(Wallet))
            {
                var alive = double.IsNaN(ProbabilityAlive) ? "" : $" × P(alive) {ValueText.Rate(ProbabilityAlive)}";
                parts.Add($"unrealised wallet {ValueText.Money(Math.Max(0, Wallet - LastYear))} of {ValueText.Money(Wallet)} × margin {ValueText.Rate(MarginRate)}{alive}");
            }
            else parts.Add("wallet unknown");
            if (!double.IsNaN(PredictedYearly))
                parts.Add($"predicted yearly revenue {ValueText.Money(PredictedYearly)} vs {ValueText.Money(LastYear)} last year{(PredictedYearly > LastYear ? $" × margin {ValueText.Rate(MarginRate)}" : "")}");
            else parts.Add("no predicted revenue");
            return string.Join("; ", parts);
        }
    }
}
