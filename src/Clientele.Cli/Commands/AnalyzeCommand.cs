using System.CommandLine;
using System.Globalization;
using Clientele.Classification;
using Clientele.Cli.Output;
using Clientele.Customers;
using Clientele.Storage;
using Clientele.Storage.Analysis;
using Spectre.Console;

namespace Clientele.Cli.Commands;

/// <summary>
/// <c>clientele analyze</c>: summary → models → scores → every classification → playbook → a snapshot stored
/// under the as-of date, with progress per step; prints what each dimension found and how it was decided.
/// </summary>
internal static class AnalyzeCommand
{
    public static Command Create(CliContext context, Option<string?> workspaceOption)
    {
        var asOf = new Option<string?>("--as-of") { Description = "Analyze as of this date, yyyy-MM-dd: later orders and interactions are ignored (default: the last order date)." };
        var horizon = new Option<double?>("--horizon") { Description = "The horizon of expected purchases and revenue, in --time-unit units (default one year: 52 weeks or 365 days)." };
        var unit = new Option<TimeUnit>("--time-unit") { Description = "week (default) or day: the unit the models are fitted in and --horizon is given in.", DefaultValueFactory = _ => TimeUnit.Week };
        var model = new Option<string?>("--model") { Description = "auto (default: BG/NBD or Pareto/NBD, whichever predicts a holdout period better), bgnbd or pnbd." };
        model.AcceptOnlyFromAmong("auto", "bgnbd", "pnbd");
        var optionsFile = new Option<string?>("--options") { Description = "A classification options file (JSON) for this run; `clientele options` shows the defaults and stores a file in the workspace." };
        var format = new Option<OutputFormat>("--format") { Description = "table (default) or json (the run's report).", DefaultValueFactory = _ => OutputFormat.Table };
        format.AcceptOnlyFromAmong("table", "json");
        var partSize = new Option<int?>("--part-size")
        {
            Description = $"Classify and store the customers this many at a time, holding one part's classes in memory rather than every customer's (default: all at once when every customer's classes, some {AnalysisRunner.BytesPerCustomerAtOnce / 1000.0:0.0} KB each, fit in half the memory, else parts of {AnalysisRunner.DefaultPartSize:N0}). The snapshot is the same either way.",
        };
        var command = new Command("analyze", "Score and classify every customer on every dimension (ladder, value, prospects, strategy, supply chain, churn, influence, buying centers, structure map, product lines) and store the result as a snapshot of the as-of date.")
        {
            asOf, horizon, unit, model, optionsFile, format, partSize,
        };
        command.SetAction((parsed, cancellationToken) =>
        {
            var timeUnit = parsed.GetValue(unit);
            var request = new AnalysisRequest
            {
                AsOf = SummaryCommand.ParseDay(parsed.GetValue(asOf), "--as-of"),
                Unit = timeUnit,
                HorizonDays = parsed.GetValue(horizon) is { } h
                    ? (h > 0 ? h * timeUnit.Days() : throw new WorkspaceException($"--horizon must be positive, not {h.ToString(CultureInfo.InvariantCulture)}."))
                    : null,
                Model = parsed.GetValue(model),
                Options = parsed.GetValue(optionsFile) is { } file ? OptionsCommand.Read(file) : null,
                CreatedAt = context.Time.GetUtcNow().UtcDateTime,
                PartSize = parsed.GetValue(partSize) is { } size
                    ? (size > 0 ? size : throw new WorkspaceException($"--part-size must be a positive number of customers, not {size.ToString(CultureInfo.InvariantCulture)}."))
                    : null,
            };
            using var workspace = Workspace.Open(CliApp.WorkspacePath(context, parsed.GetValue(workspaceOption)));
            var run = Run(context, workspace, request, cancellationToken);
            if (parsed.GetValue(format) == OutputFormat.Json) context.Out.Profile.Out.Writer.WriteLine(run.Context.ToJson(indented: true));
            else Print(context, run);
            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary>Runs the analysis with a progress display per step.</summary>
    public static AnalysisRun Run(CliContext context, Workspace workspace, AnalysisRequest request, CancellationToken cancellationToken)
    {
        var steps = new[] { "summary", "customer columns", "holdout sample", "models", "classification", "snapshot" };
        return ProgressReporter.Run(context, "analyze", report =>
            AnalysisRunner.Run(workspace, request, step =>
            {
                var index = Array.FindIndex(steps, s => step.StartsWith(s, StringComparison.Ordinal));
                report(Math.Max(index, 0), steps.Length, step);
            }, cancellationToken));
    }

    /// <summary>Prints what the analysis found: counts per class of every dimension, how each was decided, the notes.</summary>
    public static void Print(CliContext context, AnalysisRun run)
    {
        // From the context: the run's result would classify everyone again to give its reasons (AnalysisRun.Result).
        var r = run.Context;
        var culture = CultureInfo.InvariantCulture;
        context.Out.WriteLine(string.Create(culture,
            $"Analyzed {r.Customers:N0} parties ({r.Buyers:N0} have bought) as of {r.AsOf:yyyy-MM-dd}; snapshot stored in {run.Steps.Sum(s => s.Seconds):0.0} s."));
        if (run.PartSize is { } part)
            context.Out.WriteLine(string.Create(culture, $"Classified and stored in parts of {part:N0} customers (one part's classes held at a time)."));
        context.Out.WriteLine("Steps: " + string.Join(", ", run.Steps.Select(s => string.Create(culture, $"{s.Name} {s.Seconds:0.0} s"))) + ".");
        context.Out.WriteLine($"Scores: {r.Scoring.Method}.");
        foreach (var note in r.Notes) context.Out.WriteLine($"  note: {note}");
        var table = new Table().Title("Classes").AddColumn("dimension").AddColumn("class")
            .AddColumn(new TableColumn("customers").RightAligned()).AddColumn(new TableColumn("share").RightAligned());
        foreach (var (dimension, decided) in r.Dimensions)
        {
            if (dimension == Dimensions.Segment) continue;
            var counts = decided.Counts.Where(c => c.Key != "n/a").ToList();
            var total = r.Customers;
            for (var k = 0; k < counts.Count; k++)
            {
                table.AddRow(k == 0 ? dimension : "", Markup.Escape(counts[k].Key), counts[k].Value.ToString("N0", culture),
                    (counts[k].Value / (double)Math.Max(1, total)).ToString("P1", culture));
            }
        }
        context.Out.Write(table);
        context.Out.WriteLine("Shares are of all parties; a dimension that does not apply to a party (a value tier for a prospect) leaves it out.");
        context.Out.WriteLine("How each dimension decided:");
        foreach (var (dimension, decided) in r.Dimensions) context.Out.WriteLine($"  {dimension}: {decided.Method}");
        context.Out.WriteLine("Read the results with `clientele customers`, `clientele customer <id>`, `clientele segments` and `clientele export`.");
    }
}
