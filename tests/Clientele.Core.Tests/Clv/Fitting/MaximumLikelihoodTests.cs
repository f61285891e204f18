using Clientele.Clv;
using Clientele.Clv.BgBb;
using Clientele.Clv.BgNbd;
using Clientele.Clv.GammaGamma;
using Clientele.Clv.MbgNbd;
using Clientele.Clv.ParetoNbd;

namespace Clientele.Core.Tests.Clv.Fitting;

/// <summary>
/// The hostile-summary set: every model fitted on summaries an attacker or a careless user would give (T = 1e6, all
/// zeros, one repeat buyer, huge, NaN and negative values, repeats with recency 0, weights 0 or negative, one row, and
/// seeded random mixes of magnitudes). Each fit must end (the budget guarantees it; no timing is asserted) in a clear
/// <see cref="ClvDataException"/> or an honest report: finite figures, and "converged" only for an optimum that is not
/// degenerate.
/// </summary>
public sealed class MaximumLikelihoodTests
{
    public static readonly string[] Models = ["bgnbd", "pnbd", "mbgnbd", "gg", "bgbb"];

    private static readonly Dictionary<string, (double[] X, double[] Tx, double[] T, double[]? W)> Named = new()
    {
        ["T of 1e6"] = ([1, 0, 3], [5, 0, 100], [1e6, 1e6, 1e6], null),
        ["all zeros"] = ([0, 0, 0], [0, 0, 0], [0, 0, 0], null),
        ["one repeat buyer among 21"] = ([1, .. Enumerable.Repeat(0.0, 20)], [10, .. Enumerable.Repeat(0.0, 20)], [.. Enumerable.Repeat(30.0, 21)], null),
        ["a frequency of 1e308"] = ([1e308, 0], [5, 0], [10, 10], null),
        ["a NaN recency"] = ([2, 1], [double.NaN, 3], [10, 10], null),
        ["a negative T"] = ([2, 1], [4, 3], [-10, 10], null),
        ["repeats with recency 0"] = ([3, 1], [0, 2], [8, 9], null),
        ["repeats with T 0"] = ([3, 1], [0, 2], [0, 9], null),
        ["a weight of 0"] = ([2, 1], [4, 3], [10, 10], [0, 5]),
        ["a negative weight"] = ([2, 1], [4, 3], [10, 10], [-3, 5]),
        ["one row"] = ([2], [5], [10], null),
        ["huge weights"] = ([2, 0, 1], [4, 0, 3], [10, 10, 10], [1e9, 1e9, 1]),
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var model in Models)
        {
            foreach (var name in Named.Keys) data.Add(model, name);
            for (var seed = 1; seed <= 6; seed++) data.Add(model, $"seed {seed}");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_hostile_summary_gets_a_clear_error_or_an_honest_report(string model, string summary)
    {
        var (x, tx, t, w) = summary.StartsWith("seed ", StringComparison.Ordinal) ? Seeded(int.Parse(summary[5..], System.Globalization.CultureInfo.InvariantCulture)) : Named[summary];
        (double[] Parameters, FitReport Report) fit;
        try
        {
            fit = Fit(model, x, tx, t, w);
        }
        catch (ClvDataException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
            return;
        }
        var (parameters, report) = fit;
        Assert.True(double.IsFinite(report.LogLikelihood), $"{model} on {summary}: log-likelihood {report.LogLikelihood}");
        Assert.True(double.IsFinite(report.GradientNorm), $"{model} on {summary}: gradient {report.GradientNorm}");
        Assert.All(parameters, p => Assert.True(double.IsFinite(p) && p > 0, $"{model} on {summary}: parameter {p}"));
        Assert.All(report.StandardErrors.Values, e => Assert.True(e is null || double.IsFinite(e.Value)));
        Assert.False(string.IsNullOrWhiteSpace(report.Reason));
        if (report.Converged)
        {
            Assert.Null(report.Warning);
            Assert.All(parameters, p => Assert.InRange(p, 1e-6, 1e6));
        }
        if (parameters.Any(p => p is > 1e6 or < 1e-6))
        {
            Assert.False(report.Converged, $"{model} on {summary}: a degenerate optimum reported as converged");
            Assert.Contains("degenerate", report.Warning);
        }
    }

    [Fact]
    public void A_degenerate_optimum_is_reported_with_a_warning_and_not_as_converged()
    {
        // Three customers over a million time units: nothing pins the dropout process, and a and b run to infinity together.
        var model = BgNbdModel.Fit(RepeatPurchases.Create([1, 0, 3], [5, 0, 100], [1e6, 1e6, 1e6]));
        Assert.False(model.Report!.Converged);
        Assert.True(model.Report.Warning is { } warning ? warning.Contains("degenerate optimum", StringComparison.Ordinal) : model.Report.Reason.Contains("ran off toward a boundary", StringComparison.Ordinal),
            $"{model.Report.Reason} | {model.Report.Warning}");
    }

    [Fact]
    public void A_fit_out_of_iterations_says_so_and_is_not_converged()
    {
        var data = RepeatPurchases.Create([2, 0, 5, 1, 3], [20, 0, 30, 4, 25], [40, 35, 38, 30, 39]);
        var model = ParetoNbdModel.Fit(data, new ParetoNbdFitOptions { Budget = new FitBudget { MaxIterations = 2 } });
        Assert.False(model.Report!.Converged);
        Assert.Contains("iteration limit (2)", model.Report.Reason);
    }

    [Fact]
    public void A_fit_out_of_time_says_so_and_is_not_converged()
    {
        var data = RepeatPurchases.Create([2, 0, 5, 1, 3], [20, 0, 30, 4, 25], [40, 35, 38, 30, 39]);
        var model = BgNbdModel.Fit(data, new BgNbdFitOptions { Budget = new FitBudget { TimeLimit = TimeSpan.Zero } });
        Assert.False(model.Report!.Converged);
        Assert.Contains("time budget", model.Report.Reason);
    }

    [Fact]
    public void A_cancelled_fit_throws_operation_cancelled()
    {
        var data = RepeatPurchases.Create([2, 0, 5], [20, 0, 30], [40, 35, 38]);
        using var source = new CancellationTokenSource();
        source.Cancel();
        Assert.Throws<OperationCanceledException>(() => ParetoNbdModel.Fit(data, new ParetoNbdFitOptions { Budget = new FitBudget { Cancellation = source.Token } }));
    }

    [Fact]
    public void A_bad_row_names_its_row_field_and_rule()
    {
        var e = Assert.Throws<ClvDataException>(() => RepeatPurchases.Create([1, 3], [2, 0], [5, 8]));
        Assert.Equal(1, e.Row);
        Assert.Equal("recency", e.Field);
        Assert.Contains("recency 0", e.Rule);
        var huge = Assert.Throws<ClvDataException>(() => BgBbModel.Fit([1e308], [2], [6]));
        Assert.Equal(("frequency", 0), (huge.Field, huge.Row!.Value));
        Assert.Contains("beyond 1e9", huge.Rule);
    }

    /// <summary>A budget of 10 s keeps the set quick on a loaded machine; the default (60 s) would end these fits just the same.</summary>
    private static readonly FitBudget Budget = new() { TimeLimit = TimeSpan.FromSeconds(10) };

    private static (double[] Parameters, FitReport Report) Fit(string model, double[] x, double[] tx, double[] t, double[]? w)
    {
        switch (model)
        {
            case "bgnbd":
                var bg = BgNbdModel.Fit(RepeatPurchases.Create(x, tx, t, w), new BgNbdFitOptions { Budget = Budget });
                return ([bg.R, bg.Alpha, bg.A, bg.B], bg.Report!);
            case "pnbd":
                var p = ParetoNbdModel.Fit(RepeatPurchases.Create(x, tx, t, w), new ParetoNbdFitOptions { Budget = Budget });
                return ([p.R, p.Alpha, p.S, p.Beta], p.Report!);
            case "mbgnbd":
                var m = MbgNbdModel.Fit(RepeatPurchases.Create(x, tx, t, w), new BgNbdFitOptions { Budget = Budget });
                return ([m.R, m.Alpha, m.A, m.B], m.Report!);
            case "gg":
                // The T column stands in for the average spend: huge, zero, negative and NaN spends come with it.
                var gg = GammaGammaModel.Fit(x, t, w, new GammaGammaFitOptions { Budget = Budget });
                return ([gg.P, gg.Q, gg.Gamma], gg.Report!);
            default:
                var bb = BgBbModel.Fit(x, tx, t, w, new BgBbFitOptions { Budget = Budget });
                return ([bb.Alpha, bb.Beta, bb.Gamma, bb.Delta], bb.Report!);
        }
    }

    /// <summary>1 to 30 rows of whole-number frequencies and times drawn across magnitudes 1e-3 to 1e7, some of them zero.</summary>
    private static (double[] X, double[] Tx, double[] T, double[]? W) Seeded(int seed)
    {
        var random = new Random(seed);
        var rows = random.Next(1, 31);
        double Magnitude() => random.Next(4) == 0 ? 0 : Math.Round(Math.Pow(10, random.NextDouble() * 10 - 3));
        var x = new double[rows];
        var tx = new double[rows];
        var t = new double[rows];
        var w = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            x[i] = Math.Min(Magnitude(), 1000);
            t[i] = Magnitude() + x[i];
            tx[i] = x[i] == 0 ? 0 : Math.Max(x[i], Math.Round(random.NextDouble() * t[i]));
            w[i] = random.Next(1, 1000);
        }
        return (x, tx, t, w);
    }
}
