using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Clientele.Cli.Output;
using Clientele.Clv;
using Clientele.Clv.BgNbd;
using Clientele.Clv.MbgNbd;
using Clientele.Clv.ParetoNbd;
using Clientele.Customers;
using Clientele.Storage;
using Clientele.Storage.Summary;

namespace Clientele.Cli.Commands;

/// <summary>
/// <c>clientele model evaluate</c>: fits a model on the calibration period and compares its predictions with
/// what the customers did in the holdout period: in total, by number of calibration purchases, and week by week.
/// </summary>
internal static class ModelEvaluateCommand
{
    private static readonly string[] Models = ["bgnbd", "pnbd", "mbgnbd"];

    public static Command Create(CliContext context, Option<string?> workspaceOption)
    {
        var calibrationEnd = new Option<string>("--calibration-end") { Description = "The last day of the calibration period, yyyy-MM-dd.", Required = true };
        var holdoutEnd = new Option<string?>("--holdout-end") { Description = "The last day of the holdout period (default: the last order date)." };
        var model = new Option<string>("--model", "-m") { Description = "bgnbd (default), pnbd or mbgnbd.", DefaultValueFactory = _ => "bgnbd" };
        model.AcceptOnlyFromAmong(Models);
        var unit = new Option<TimeUnit>("--time-unit") { Description = "day (default) or week.", DefaultValueFactory = _ => TimeUnit.Day };
        var format = new Option<OutputFormat>("--format") { Description = "table (default) or json.", DefaultValueFactory = _ => OutputFormat.Table };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("evaluate", "Fit on the calibration period and compare the predicted repeat purchases with the holdout period's actual ones.")
        {
            calibrationEnd, holdoutEnd, model, unit, format,
        };
        command.SetAction(parsed =>
        {
            using var workspace = Workspace.Open(CliApp.WorkspacePath(context, parsed.GetValue(workspaceOption)));
            var calibration = SummaryCommand.ParseDay(parsed.GetValue(calibrationEnd), "--calibration-end")!.Value;
            var holdout = SummaryCommand.ParseDay(parsed.GetValue(holdoutEnd), "--holdout-end") ?? CustomerSummaryQuery.LastOrderDay(workspace)!.Value;
            if (holdout <= calibration)
                throw new WorkspaceException($"the holdout period must end after the calibration period ({holdout:yyyy-MM-dd} is not after {calibration:yyyy-MM-dd}).");
            var name = parsed.GetValue(model)!;
            var timeUnit = parsed.GetValue(unit);
            var evaluation = Evaluate(workspace, name, calibration, holdout, timeUnit);
            ModelFit.Save(workspace, new ModelFit(0, name, context.Time.GetUtcNow().UtcDateTime, "workspace (evaluate)", calibration,
                timeUnit.ToString().ToLowerInvariant(), evaluation["parameters"]!.ToJsonString(), evaluation["fit"]!.ToJsonString()));
            if (parsed.GetValue(format) == OutputFormat.Json) context.Out.Profile.Out.Writer.WriteLine(evaluation.ToJsonString());
            else Print(context, evaluation);
            return 0;
        });
        return command;
    }

    private static JsonObject Evaluate(Workspace workspace, string name, DateOnly calibration, DateOnly holdout, TimeUnit unit)
    {
        var summary = CustomerSummaryQuery.Run(workspace, calibration, unit);
        var buyers = Enumerable.Range(0, summary.Count).Where(i => !double.IsNaN(summary.T[i])).ToArray();
        var ids = buyers.Select(i => summary.CustomerId[i]).ToArray();
        var x = buyers.Select(i => summary.Frequency[i]).ToArray();
        var tx = buyers.Select(i => summary.Recency[i]).ToArray();
        var age = buyers.Select(i => summary.T[i]).ToArray();
        var data = RepeatPurchases.Create(x, tx, age);
        var (parameters, report, predict) = Fit(name, data);
        var days = holdout.DayNumber - calibration.DayNumber;
        var actual = HoldoutQuery.PurchaseDays(workspace, ids, calibration, holdout);
        var predicted = new double[ids.Length];
        predict(days / (double)unit.Days(), x, tx, age, predicted);

        var groups = new JsonArray();
        for (var n = 0; n <= 7; n++)
        {
            var members = Enumerable.Range(0, ids.Length).Where(i => n < 7 ? x[i] == n : x[i] >= 7).ToArray();
            groups.Add(new JsonObject
            {
                ["calibrationPurchases"] = n < 7 ? n.ToString(CultureInfo.InvariantCulture) : "7+",
                ["customers"] = members.Length,
                ["actual"] = members.Length == 0 ? 0 : members.Average(i => (double)actual[i]),
                ["predicted"] = members.Length == 0 ? 0 : members.Average(i => predicted[i]),
            });
        }
        var daily = HoldoutQuery.DailyPurchaseDays(workspace, ids, calibration, holdout);
        var tracking = new JsonArray();
        var cumulative = 0L;
        var upTo = new double[ids.Length];
        for (var week = 1; (week - 1) * 7 < days; week++)
        {
            var end = Math.Min(week * 7, days);
            for (var d = (week - 1) * 7; d < end; d++) cumulative += daily[d];
            predict(end / (double)unit.Days(), x, tx, age, upTo);
            tracking.Add(new JsonObject { ["week"] = week, ["day"] = end, ["actual"] = cumulative, ["predicted"] = upTo.Sum() });
        }
        return new JsonObject
        {
            ["model"] = name,
            ["calibrationEnd"] = calibration.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["holdoutEnd"] = holdout.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["timeUnit"] = unit.ToString().ToLowerInvariant(),
            ["holdoutLength"] = days / (double)unit.Days(),
            ["customers"] = ids.Length,
            ["actual"] = actual.Sum(),
            ["predicted"] = predicted.Sum(),
            ["parameters"] = new JsonObject(parameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
            ["fit"] = new JsonObject
            {
                ["logLikelihood"] = report.LogLikelihood, ["converged"] = report.Converged, ["reason"] = report.Reason,
                ["iterations"] = report.Iterations, ["customers"] = report.Customers, ["uniqueRows"] = report.UniqueRows, ["seconds"] = report.Seconds,
            },
            ["byCalibrationPurchases"] = groups,
            ["tracking"] = tracking,
        };
    }

    private delegate void Predict(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> tx, ReadOnlySpan<double> age, Span<double> destination);

    private static (IReadOnlyDictionary<string, double>, FitReport, Predict) Fit(string name, RepeatPurchases data)
    {
        try
        {
            switch (name)
            {
                case "pnbd":
                    var p = ParetoNbdModel.Fit(data);
                    return (new Dictionary<string, double> { ["r"] = p.R, ["alpha"] = p.Alpha, ["s"] = p.S, ["beta"] = p.Beta }, p.Report!, p.ExpectedPurchases);
                case "mbgnbd":
                    var m = MbgNbdModel.Fit(data);
                    return (new Dictionary<string, double> { ["r"] = m.R, ["alpha"] = m.Alpha, ["a"] = m.A, ["b"] = m.B }, m.Report!, m.ExpectedPurchases);
                default:
                    var b = BgNbdModel.Fit(data);
                    return (new Dictionary<string, double> { ["r"] = b.R, ["alpha"] = b.Alpha, ["a"] = b.A, ["b"] = b.B }, b.Report!, b.ExpectedPurchases);
            }
        }
        catch (ClvDataException e)
        {
            throw new WorkspaceException($"cannot fit {name} on the calibration period: {e.Message}", e);
        }
    }

    private static void Print(CliContext context, JsonObject e)
    {
        var culture = CultureInfo.InvariantCulture;
        context.Out.WriteLine(string.Format(culture, "{0} fitted on the calibration period to {1} ({2:N0} customers); holdout to {3} ({4:0.##} {5}s).",
            e["model"], e["calibrationEnd"], (int)e["customers"]!, e["holdoutEnd"], (double)e["holdoutLength"]!, e["timeUnit"]));
        context.Out.WriteLine(string.Format(culture, "Repeat purchases in the holdout: actual {0:N0}, predicted {1:N1} ({2:+0.0;-0.0} %).",
            (int)e["actual"]!, (double)e["predicted"]!, 100 * ((double)e["predicted"]! / Math.Max(1, (int)e["actual"]!) - 1)));
        var table = new Table().Title("Per customer, by purchases in the calibration period")
            .AddColumn("calibration purchases").AddColumn(new TableColumn("customers").RightAligned())
            .AddColumn(new TableColumn("actual").RightAligned()).AddColumn(new TableColumn("predicted").RightAligned());
        foreach (var g in e["byCalibrationPurchases"]!.AsArray())
            table.AddRow((string)g!["calibrationPurchases"]!, ((int)g["customers"]!).ToString("N0", culture), ((double)g["actual"]!).ToString("0.00", culture), ((double)g["predicted"]!).ToString("0.00", culture));
        context.Out.Write(table);
        var tracking = e["tracking"]!.AsArray();
        var step = Math.Max(1, tracking.Count / 10);
        var weeks = new Table().Title("Cumulative repeat purchases in the holdout").AddColumn(new TableColumn("week").RightAligned())
            .AddColumn(new TableColumn("actual").RightAligned()).AddColumn(new TableColumn("predicted").RightAligned());
        for (var i = step - 1; i < tracking.Count; i += step)
            weeks.AddRow(((int)tracking[i]!["week"]!).ToString(culture), ((long)tracking[i]!["actual"]!).ToString("N0", culture), ((double)tracking[i]!["predicted"]!).ToString("N1", culture));
        context.Out.Write(weeks);
        context.Out.WriteLine("--format json gives every week.");
    }
}
