using Clientele.Classification;

namespace Clientele.Core.Tests.Classification;

public sealed class ProspectGradeTests
{
    private static void Journey(CustomerColumns columns, int i, int inquiries = 0, int visits = 0, int trials = 0, int quotes = 0, int opportunities = 0, int? lastTouchDaysAgo = null)
    {
        TestColumns.Interactions(columns, i, "inquiry", inquiries);
        TestColumns.Interactions(columns, i, "visit", visits);
        TestColumns.Interactions(columns, i, "trial", trials);
        TestColumns.Interactions(columns, i, "quote", quotes);
        TestColumns.Interactions(columns, i, "opportunity", opportunities);
        columns.ProspectTouches[i] = inquiries + visits + trials + quotes + opportunities;
        if (lastTouchDaysAgo is { } days) columns.LastTouch[i] = columns.AsOf.AddDays(-days);
    }

    /// <summary>
    /// <paramref name="closed"/> closed prospects drawn like the simulator's (warmth ~ U(0, 1); visit, quote with probability
    /// warmth, trial warmth²; won with probability logistic(6 warmth − 2.5)); won ones have bought since and asked about
    /// another line once after buying. Then <paramref name="open"/> open prospects follow, without a journey.
    /// </summary>
    private static CustomerColumns ClosedProspects(int closed, int open, int seed = 7)
    {
        var random = new Random(seed);
        var columns = TestColumns.Create(closed + open);
        for (var i = 0; i < closed; i++)
        {
            var warmth = random.NextDouble();
            int visits = random.NextDouble() < warmth ? 1 : 0, trials = random.NextDouble() < warmth * warmth ? 1 : 0, quotes = random.NextDouble() < warmth ? 1 : 0;
            var won = random.NextDouble() < 1 / (1 + Math.Exp(-(6 * warmth - 2.5)));
            Journey(columns, i, 1, visits, trials, quotes, 1, lastTouchDaysAgo: 200);
            columns.OpportunityOutcome[i] = won ? "won" : "lost";
            columns.Kind[i] = i % 3 == 0 ? "organization" : "person";
            if (won)
            {
                TestColumns.Buy(columns, i, [ValueTestColumns.Day]);
                TestColumns.Interactions(columns, i, "inquiry", 2);
            }
        }
        return columns;
    }

    [Fact]
    public void Without_enough_closed_prospects_the_points_rule_grades_and_says_why()
    {
        var columns = TestColumns.Create(2);
        Journey(columns, 0, inquiries: 1, visits: 1, trials: 1, quotes: 1, lastTouchDaysAgo: 30);
        Journey(columns, 1, inquiries: 1, lastTouchDaysAgo: 400);

        var grades = ProspectGrade.Classify(columns, new ProspectGradeOptions());

        Assert.Equal(["A", "D"], grades.Result.Class);
        Assert.Equal("A: 11 points (1 inquiry 1, 1 visit 2, 1 trial 3, 1 quote 3, last touch 30 days ago +2), A from 8; points rule: 0 closed prospects (0 won, 0 lost), need 100 with at least 20 of each to learn", Reason(grades, columns, 0));
        Assert.StartsWith("D: -1 points (1 inquiry 1, last touch 400 days ago -2), C from 2;", Reason(grades, columns, 1));
        Assert.Equal("points", grades.Report.Method);
        Assert.All(grades.CloseProbability, p => Assert.True(double.IsNaN(p)));
    }

    [Fact]
    public void An_open_opportunity_and_a_cancelled_order_earn_points()
    {
        var columns = TestColumns.Create(1);
        Journey(columns, 0, inquiries: 1, opportunities: 1, lastTouchDaysAgo: 120);
        columns.OpportunityOutcome[0] = "open";
        columns.CancelledOrders[0] = 1;

        var grades = ProspectGrade.Classify(columns, new ProspectGradeOptions());

        Assert.Equal("A", grades.Result.Class[0]);
        Assert.StartsWith("A: 8 points (1 inquiry 1, opportunity open 4, 1 cancelled order 3, last touch 120 days ago 0), A from 8;", Reason(grades, columns, 0));
    }

    [Fact]
    public void A_lost_opportunity_is_D_and_a_won_one_without_an_order_yet_is_A()
    {
        var columns = TestColumns.Create(2);
        Journey(columns, 0, inquiries: 1, visits: 2, opportunities: 1);
        columns.OpportunityOutcome[0] = "lost";
        Journey(columns, 1, inquiries: 1, quotes: 1, opportunities: 1);
        columns.OpportunityOutcome[1] = "Won";

        var grades = ProspectGrade.Classify(columns, new ProspectGradeOptions());

        Assert.Equal(["D", "A"], grades.Result.Class);
        Assert.Equal("D: the latest opportunity was lost (after 1 inquiry, 2 visits)", Reason(grades, columns, 0));
        Assert.Equal("A: the latest opportunity was won, no completed order yet (after 1 inquiry, 1 quote)", Reason(grades, columns, 1));
        Assert.Equal([0.0, 1.0], grades.CloseProbability);
    }

    [Fact]
    public void Buyers_and_parties_without_engagement_are_not_graded()
    {
        var columns = TestColumns.Create(3);
        TestColumns.Buy(columns, 0, [ValueTestColumns.Day]);
        Journey(columns, 0, inquiries: 1);
        columns.Summary.Returns[2] = 1;

        var grades = ProspectGrade.Classify(columns, new ProspectGradeOptions());

        Assert.Equal([null, null, null], grades.Result.Class);
        Assert.Equal("has bought: grades are for prospects", Reason(grades, columns, 0));
        Assert.Equal("no engagement (no inquiry, visit, trial, quote, opportunity or cancelled order): not a prospect", Reason(grades, columns, 1));
        Assert.Equal("has bought: grades are for prospects", Reason(grades, columns, 2));
    }

    [Fact]
    public void With_enough_closed_prospects_a_model_is_learned_that_ranks_a_warm_journey_above_a_cold_one()
    {
        var columns = ClosedProspects(400, 2);
        Journey(columns, 400, inquiries: 1, visits: 1, trials: 1, quotes: 1, lastTouchDaysAgo: 10);
        Journey(columns, 401, inquiries: 1, lastTouchDaysAgo: 10);

        var grades = ProspectGrade.Classify(columns, new ProspectGradeOptions());

        var report = grades.Report;
        Assert.Equal("learned", report.Method);
        Assert.Equal(400, report.TrainingExamples);
        Assert.Equal(400, report.Won + report.Lost);
        Assert.True(report.CrossValidatedAccuracy > report.MajorityAccuracy, report.Description);
        Assert.Equal(["intercept", "inquiries", "visits", "trials", "quotes", "organization"], report.Features);
        Assert.All(report.Coefficients.Skip(2).Take(3), b => Assert.True(b > 0, report.Description));
        Assert.True(grades.CloseProbability[400] > 0.6 && grades.CloseProbability[401] < 0.4, $"{grades.CloseProbability[400]} {grades.CloseProbability[401]}");
        Assert.Equal("A", grades.Result.Class[400]);
        Assert.Matches(@"^A: learned model P\(close\) 0\.\d\d \(A from 0\.60\) from 1 inquiry, 1 visit, 1 trial, 1 quote; last touch 10 days ago; model trained on 400 closed prospects, accuracy 0\.\d\d vs 0\.\d\d baseline \(0\.\d\d by the points rule\)$", Reason(grades, columns, 400));
        Assert.StartsWith("learned: L2-regularised logistic regression", grades.Result.Method);
    }

    [Fact]
    public void A_learned_model_read_back_from_JSON_grades_any_prospect_as_the_model_fitted_in_one_pass()
    {
        var columns = ClosedProspects(400, 2);
        Journey(columns, 400, inquiries: 1, visits: 1, trials: 1, quotes: 1, lastTouchDaysAgo: 10);
        Journey(columns, 401, inquiries: 1, visits: 1, lastTouchDaysAgo: 40);
        var options = new ProspectGradeOptions();
        var whole = ProspectGrade.Classify(columns, options);

        var json = System.Text.Json.JsonSerializer.Serialize(ProspectGrade.Learn(columns, options));
        var context = System.Text.Json.JsonSerializer.Deserialize<ProspectGradeContext>(json)!;
        var one = ProspectGrade.Apply(context, columns, options, [401]);

        Assert.True(context.Learned, context.Report.Description);
        Assert.Equal(whole.Result.Class[401], one.Result.Class[401]);
        Assert.Equal(Reason(whole, columns, 401), Reason(one, columns, 401));
        Assert.Equal(whole.CloseProbability[401], one.CloseProbability[401]);
        Assert.StartsWith("learned model P(close)", Reason(one, columns, 401)![3..]);
        Assert.Null(one.Result.Class[400]);
        Assert.True(double.IsNaN(one.CloseProbability[400]));
    }

    [Fact]
    public void A_points_rule_context_keeps_its_unmeasured_accuracies_through_JSON()
    {
        var columns = ClosedProspects(5, 1);
        var context = ProspectGrade.Learn(columns, new ProspectGradeOptions());

        var json = System.Text.Json.JsonSerializer.Serialize(context);
        var read = System.Text.Json.JsonSerializer.Deserialize<ProspectGradeContext>(json)!;

        Assert.False(read.Learned);
        Assert.Contains("\"NaN\"", json, StringComparison.Ordinal);
        Assert.True(double.IsNaN(read.Report.CrossValidatedAccuracy));
        Assert.Equal(context.Report.Description, read.Report.Description);
    }

    [Fact]
    public void A_learned_model_that_predicts_no_better_than_the_majority_hands_the_grades_to_the_points_rule()
    {
        // Outcomes unrelated to the journey: 300 won, 100 lost, whatever the touches.
        var random = new Random(3);
        var columns = TestColumns.Create(401);
        for (var i = 0; i < 400; i++)
        {
            Journey(columns, i, 1, random.Next(2), random.Next(2), random.Next(2), 1, lastTouchDaysAgo: 200);
            columns.OpportunityOutcome[i] = i % 4 == 0 ? "lost" : "won";
        }
        Journey(columns, 400, inquiries: 1, visits: 1, trials: 1, quotes: 1, lastTouchDaysAgo: 10);

        var grades = ProspectGrade.Classify(columns, new ProspectGradeOptions());

        Assert.Equal("points", grades.Report.Method);
        Assert.True(grades.Report.CrossValidatedAccuracy <= grades.Report.MajorityAccuracy, grades.Report.Description);
        Assert.StartsWith("points rule: a logistic regression learned from 400 closed prospects", grades.Report.Description);
        Assert.Equal("A", grades.Result.Class[400]);
        Assert.Contains("points rule: a model learned from 400 closed prospects predicted", Reason(grades, columns, 400));
        Assert.True(double.IsNaN(grades.CloseProbability[400]));
    }

    [Fact]
    public void Post_purchase_cross_sell_inquiries_of_won_prospects_are_not_counted_in_their_journey()
    {
        var columns = ClosedProspects(400, 0);
        var withCrossSell = ProspectGrade.Classify(columns, new ProspectGradeOptions()).Report;
        for (var i = 0; i < 400; i++) if (columns.OpportunityOutcome[i] == "won") TestColumns.Interactions(columns, i, "inquiry", 1);

        var withoutCrossSell = ProspectGrade.Classify(columns, new ProspectGradeOptions()).Report;

        Assert.Equal(withoutCrossSell.Coefficients, withCrossSell.Coefficients);
        Assert.Equal(withoutCrossSell.CrossValidatedAccuracy, withCrossSell.CrossValidatedAccuracy);
    }

    [Fact]
    public void Too_few_of_one_outcome_keep_the_points_rule()
    {
        var columns = TestColumns.Create(150);
        for (var i = 0; i < 150; i++)
        {
            Journey(columns, i, inquiries: 1, opportunities: 1);
            columns.OpportunityOutcome[i] = i < 10 ? "won" : "lost";
        }

        var report = ProspectGrade.Classify(columns, new ProspectGradeOptions()).Report;

        Assert.Equal("points", report.Method);
        Assert.Equal((10, 140), (report.Won, report.Lost));
        Assert.StartsWith("points rule: 150 closed prospects (10 won, 140 lost) are too few to learn from (need 100, at least 20 won and 20 lost)", report.Description);
    }

    [Fact]
    public void The_same_data_give_the_same_model_and_accuracy()
    {
        var a = ProspectGrade.Classify(ClosedProspects(300, 0, seed: 3), new ProspectGradeOptions()).Report;
        var b = ProspectGrade.Classify(ClosedProspects(300, 0, seed: 3), new ProspectGradeOptions()).Report;

        Assert.Equal(a.Coefficients, b.Coefficients);
        Assert.Equal(a.CrossValidatedAccuracy, b.CrossValidatedAccuracy);
    }

    [Fact]
    public void No_parties_give_empty_columns_and_the_points_rule()
    {
        var grades = ProspectGrade.Classify(TestColumns.Create(0), new ProspectGradeOptions());

        Assert.Empty(grades.Result.Class);
        Assert.Empty(grades.CloseProbability);
        Assert.Equal("points", grades.Report.Method);
    }

    [Fact]
    public void Grade_cuts_out_of_order_are_refused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            ProspectGrade.Classify(TestColumns.Create(0), new ProspectGradeOptions { GradeBFrom = 0.9 }));

        Assert.Equal("GradeBFrom", e.ParamName);
    }

    /// <summary>
    /// Party <paramref name="i"/>'s reason as a reader renders it from the stored figures (<see cref="ProspectGrade.Reason"/>), in
    /// <see cref="ProspectGrade.Declaration"/>'s order, with the context learned from <paramref name="columns"/> by the default options.
    /// </summary>
    private static string? Reason(ProspectGrades grades, CustomerColumns columns, int i)
    {
        var options = new ProspectGradeOptions();
        var journey = grades.Journey.AsSpan(i * 8, 8).ToArray();
        var row = new ReasonRow
        {
            Figures = [grades.State[i], .. journey, grades.CloseProbability[i], double.NaN],
            Texts = [null, null, null, null, null, null, null, null, null, null, grades.Outcome[i]],
        };
        return ProspectGrade.Reason(row, ProspectGrade.Learn(columns, options), options);
    }
}
