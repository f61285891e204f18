using Clientele.Classification;
using Clientele.Clv;
using Clientele.Clv.BgNbd;
using Clientele.Clv.ParetoNbd;
using Clientele.Core.Tests.Classification;
using Clientele.Scoring;

namespace Clientele.Core.Tests.Scoring;

public sealed class CustomerScoringTests
{
    /// <summary>400 customers with random purchase rhythms over two years, a few of them stopping early; C401 never bought.</summary>
    private static CustomerColumns Base()
    {
        var random = new Random(11);
        var columns = TestColumns.Create(401);
        for (var i = 0; i < 400; i++)
        {
            var first = new DateOnly(2024, 1, 1).AddDays(random.Next(300));
            var gap = 5 + random.Next(60);
            var stop = random.NextDouble() < 0.4 ? first.AddDays(random.Next(400)) : TestColumns.AsOf;
            var days = new List<DateOnly> { first };
            for (var d = first.AddDays(gap + random.Next(gap)); d <= stop && d <= TestColumns.AsOf; d = d.AddDays(gap + random.Next(gap))) days.Add(d);
            TestColumns.Buy(columns, i, days, amount: 20 + random.Next(200), marginRate: 0.3);
            columns.Summary.ServiceCost[i] = random.Next(50);
        }
        return columns;
    }

    [Theory]
    [InlineData("pnbd")]
    [InlineData("bgnbd")]
    public void Lifetime_value_and_expected_purchases_equal_the_library_functions_for_the_chosen_model(string name)
    {
        var columns = Base();
        var result = CustomerScoring.Score(columns, new ScoringOptions { Model = name });
        Assert.Equal(name, result.Model);
        var p = result.Parameters;
        IRepeatPurchaseModel model = name == "pnbd" ? new ParetoNbdModel(p["r"], p["alpha"], p["s"], p["beta"]) : new BgNbdModel(p["r"], p["alpha"], p["a"], p["b"]);
        var s = columns.Summary;
        var buyers = Enumerable.Range(0, 400).ToArray();
        double[] x = [.. buyers.Select(i => s.Frequency[i])], tx = [.. buyers.Select(i => s.Recency[i])], age = [.. buyers.Select(i => s.T[i])];
        double[] spend = [.. buyers.Select(i => result.Scores.ExpectedSpendPerPurchase[i])];
        var ltv = new double[400];
        CustomerLifetimeValue.Compute(model, s.Unit, x, tx, age, spend, 36, 0.10, ltv);
        var expected = new double[400];
        model.ExpectedPurchases(365, x, tx, age, expected);
        var alive = new double[400];
        model.ProbabilityAlive(x, tx, age, alive);
        for (var i = 0; i < 400; i++)
        {
            Assert.Equal(ltv[i], result.Scores.LifetimeValue[i], 1e-9 * Math.Max(1, ltv[i]));
            Assert.Equal(expected[i], result.Scores.ExpectedPurchases[i], 1e-12);
            Assert.Equal(alive[i], result.Scores.ProbabilityAlive[i], 1e-12);
            Assert.Equal(expected[i] * spend[i], result.Scores.ExpectedRevenue[i], 1e-9 * Math.Max(1, expected[i] * spend[i]));
        }
        Assert.True(double.IsNaN(result.Scores.ProbabilityAlive[400]));
        Assert.Equal(0, result.Scores.PastNetValue[400]);
    }

    [Fact]
    public void The_trend_is_the_p_alive_of_ninety_days_earlier_for_customers_who_have_not_bought_since()
    {
        var columns = Base();
        var result = CustomerScoring.Score(columns, new ScoringOptions { Model = "pnbd" });
        var p = result.Parameters;
        var model = new ParetoNbdModel(p["r"], p["alpha"], p["s"], p["beta"]);
        var s = columns.Summary;
        var checkedOne = false;
        for (var i = 0; i < 400; i++)
        {
            if (s.T[i] - 90 < s.Recency[i]) { Assert.True(double.IsNaN(result.Scores.ProbabilityAlivePrevious[i])); continue; }
            var then = new double[1];
            model.ProbabilityAlive([s.Frequency[i]], [s.Recency[i]], [s.T[i] - 90], then);
            Assert.Equal(then[0], result.Scores.ProbabilityAlivePrevious[i], 1e-12);
            Assert.True(then[0] >= result.Scores.ProbabilityAlive[i] - 1e-12, "without purchases P(alive) only falls");
            checkedOne = true;
        }
        Assert.True(checkedOne);
    }

    [Fact]
    public void Net_values_take_margin_returns_and_cost_to_serve_with_the_margin_rate_shrunk_toward_the_base()
    {
        var columns = Base();
        columns.ReturnMargin[0] = -15;
        var result = CustomerScoring.Score(columns, new ScoringOptions { Model = "bgnbd" });
        var s = columns.Summary;
        Assert.True(result.Scores.UsesMargin);
        Assert.Equal(s.Margin[0]!.Value - 15 - s.ServiceCost[0], result.Scores.PastNetValue[0], 9);
        var own = (s.Margin[0]!.Value - 15) / s.Revenue[0];
        Assert.InRange(result.Scores.MarginRate[0], Math.Min(own, 0.3) - 1e-9, Math.Max(own, 0.3) + 1e-9);
        Assert.Equal(result.Scores.PastNetValue[0] + result.Scores.FutureNetValue[0], result.Scores.Value(0), 9);
    }

    [Fact]
    public void Automatic_choice_compares_both_models_on_the_holdout_and_keeps_the_better()
    {
        var columns = Base();
        var s = columns.Summary;
        // The holdout: the same customers' purchases after a calibration end 180 days before; here simply their rates.
        var holdout = new HoldoutSample([.. Enumerable.Range(0, 400).Select(i => s.Frequency[i])], [.. Enumerable.Range(0, 400).Select(i => s.Recency[i])],
            [.. Enumerable.Range(0, 400).Select(i => s.T[i])], [.. Enumerable.Range(0, 400).Select(i => (int)Math.Round(s.Frequency[i] / Math.Max(1, s.T[i]) * 180 * (s.T[i] - s.Recency[i] < 90 ? 1 : 0)))], 180, TestColumns.AsOf.AddDays(-180));
        var result = CustomerScoring.Score(columns, new ScoringOptions(), holdout);
        Assert.Equal(2, result.Candidates.Count);
        Assert.Equal(result.Candidates[0].Model, result.Model);
        Assert.True(result.Candidates[0].Error <= result.Candidates[1].Error);
        Assert.Contains("model chosen by holdout fit", string.Join(" ", result.Notes));
    }

    [Fact]
    public void Too_few_repeat_customers_fall_back_to_each_customers_own_rate_and_say_so_and_a_one_time_buyer_gets_no_prediction()
    {
        var columns = TestColumns.Create(3);
        TestColumns.Buy(columns, 0, TestColumns.Every(new DateOnly(2025, 1, 1), 30, 5));
        TestColumns.Buy(columns, 1, [new DateOnly(2025, 6, 1)]);
        var result = CustomerScoring.Score(columns, new ScoringOptions());
        Assert.Null(result.Model);
        Assert.False(result.Scores.ModelBased);
        Assert.StartsWith("rules:", result.Scores.Method);
        Assert.Contains("no repeat-purchase model", string.Join(" ", result.Notes));
        var s = columns.Summary;
        Assert.Equal(s.Frequency[0] / s.T[0] * 365, result.Scores.ExpectedPurchases[0], 9);
        // A one-time buyer has no rate of its own: no prediction, and its value is the past alone (not "future 0").
        Assert.True(double.IsNaN(result.Scores.ExpectedPurchases[1]));
        Assert.True(double.IsNaN(result.Scores.FutureNetValue[1]));
        Assert.Equal(result.Scores.PastNetValue[1], result.Scores.Value(1));
        Assert.True(double.IsNaN(result.Scores.ProbabilityAlive[0]));
    }
    /// <summary>Forty customers who have bought the same amount every week for two years, up to the as-of date: no one has ever dropped out, so both models' dropout parameters run off to a boundary.</summary>
    private static CustomerColumns NoDropout()
    {
        var columns = TestColumns.Create(40);
        for (var i = 0; i < 40; i++) TestColumns.Buy(columns, i, TestColumns.Every(TestColumns.AsOf.AddDays(-7 * 104), 7, 105), amount: 25);
        return columns;
    }

    [Fact]
    public void A_degenerate_fit_of_the_asked_model_is_refused_and_the_scores_fall_back_to_the_rules_with_a_note_saying_which_and_why()
    {
        var columns = NoDropout();
        var result = CustomerScoring.Score(columns, new ScoringOptions { Model = "pnbd" });
        Assert.Null(result.Model);
        Assert.Null(result.Fit);
        Assert.Empty(result.Parameters);
        Assert.False(result.Scores.ModelBased);
        Assert.StartsWith("rules:", result.Scores.Method);
        var note = Assert.Single(result.Notes, n => n.Contains("was refused", StringComparison.Ordinal) && !n.StartsWith("Gamma-Gamma", StringComparison.Ordinal));
        Assert.StartsWith("no repeat-purchase model: Pareto/NBD was refused: degenerate optimum: s = ", note);
        Assert.Contains("is below 1e-6", note);
        Assert.EndsWith("The scores fall back to the rules: expected purchases follow each customer's own past rate (x / T over the horizon, no dropout; no prediction without a repeat purchase) and P(alive) is left to the churn rules.", note);
        var s = columns.Summary;
        for (var i = 0; i < 40; i++)
        {
            Assert.Equal(s.Frequency[i] / s.T[i] * 365, result.Scores.ExpectedPurchases[i], 9);
            Assert.True(double.IsFinite(result.Scores.LifetimeValue[i]) && double.IsFinite(result.Scores.FutureNetValue[i]));
        }
    }

    [Fact]
    public void Without_a_holdout_every_candidate_is_tried_in_turn_and_each_refusal_is_named()
    {
        var result = CustomerScoring.Score(NoDropout(), new ScoringOptions());
        Assert.Null(result.Model);
        var notes = string.Join("\n", result.Notes);
        Assert.Contains("BG/NBD used without a holdout comparison", notes);
        Assert.Contains("no repeat-purchase model: BG/NBD was refused: degenerate optimum: ", notes);
        Assert.Contains("; Pareto/NBD was refused: degenerate optimum: ", notes);
        // Equal spend everywhere: no heterogeneity for Gamma-Gamma to describe either.
        Assert.Contains("Gamma-Gamma was refused: degenerate optimum: ", notes);
        Assert.Contains("Each customer's mean spend is used instead.", notes);
        Assert.Empty(result.Spend);
        Assert.All(Enumerable.Range(0, 40), i => Assert.Equal(25, result.Scores.ExpectedSpendPerPurchase[i], 9));
    }

    [Fact]
    public void A_degenerate_calibration_fit_is_out_of_the_holdout_comparison()
    {
        var columns = NoDropout();
        var s = columns.Summary;
        var all = Enumerable.Range(0, 40).ToArray();
        var holdout = new HoldoutSample([.. all.Select(i => s.Frequency[i] - 26)], [.. all.Select(i => s.Recency[i] - 182)], [.. all.Select(i => s.T[i] - 182)],
            [.. all.Select(_ => 26)], 182, TestColumns.AsOf.AddDays(-182));
        var result = CustomerScoring.Score(columns, new ScoringOptions(), holdout);
        Assert.Equal(2, result.Candidates.Count);
        Assert.All(result.Candidates, c =>
        {
            Assert.True(double.IsPositiveInfinity(c.Error));
            Assert.StartsWith("refused: degenerate optimum: ", c.Failure);
        });
        Assert.Contains(result.Notes, n => n.StartsWith("model chosen by holdout fit", StringComparison.Ordinal) && n.Contains("BG/NBD: refused: degenerate optimum", StringComparison.Ordinal));
        Assert.Null(result.Model);
    }
}
