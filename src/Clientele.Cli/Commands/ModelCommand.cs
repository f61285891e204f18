using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Clientele.Cli.Output;
using Clientele.Clv;
using Clientele.Customers;
using Clientele.Storage;
using Clientele.Storage.Import;
using Clientele.Storage.Summary;

namespace Clientele.Cli.Commands;

/// <summary><c>clientele model fit</c>: fits a customer-base model on the workspace or on a summary file, and stores it.</summary>
internal static class ModelCommand
{
    public static Command Create(CliContext context, Option<string?> workspaceOption)
    {
        var command = new Command("model", "Customer-base models: fit them on the workspace or on a summary file.");
        command.Subcommands.Add(Fit(context, workspaceOption));
        command.Subcommands.Add(ModelEvaluateCommand.Create(context, workspaceOption));
        return command;
    }

    private static Command Fit(CliContext context, Option<string?> workspaceOption)
    {
        var model = new Option<string>("--model", "-m") { Description = "The model: " + string.Join(", ", ModelCatalog.Names) + ".", Required = true };
        model.AcceptOnlyFromAmong([.. ModelCatalog.Names]);
        var summary = new Option<string?>("--summary") { Description = "Fit on this summary file (columns frequency, recency, T, and monetary_value / periods / weight as the model needs) instead of the workspace." };
        var map = new Option<string[]>("--map") { Description = "field=column: the summary file's column for a field (repeatable), e.g. --map frequency=x." };
        var asOf = new Option<string?>("--as-of") { Description = "The calibration cut-off for a fit on the workspace (default: the last order date)." };
        var unit = new Option<TimeUnit>("--time-unit") { Description = "day (default) or week, for a fit on the workspace: the unit the rates are per.", DefaultValueFactory = _ => TimeUnit.Day };
        var penalty = new Option<double>("--penalty") { Description = "L2 penalty on the parameters (default 0: plain maximum likelihood)." };
        var maxIterations = new Option<int>("--max-iterations") { Description = $"Quasi-Newton iterations at most (default {FitBudget.Default.MaxIterations:N0}).", DefaultValueFactory = _ => FitBudget.Default.MaxIterations };
        var timeLimit = new Option<double>("--time-limit") { Description = $"Seconds of fitting at most (default {FitBudget.Default.TimeLimit.TotalSeconds:0}); a fit that runs out says so and is not converged.", DefaultValueFactory = _ => FitBudget.Default.TimeLimit.TotalSeconds };
        var format = new Option<OutputFormat>("--format") { Description = "table (default) or json.", DefaultValueFactory = _ => OutputFormat.Table };
        format.AcceptOnlyFromAmong("table", "json");
        map.AllowMultipleArgumentsPerToken = false;
        var command = new Command("fit", "Fit a model by maximum likelihood and store it in the workspace with its report.")
        {
            model, summary, map, asOf, unit, penalty, maxIterations, timeLimit, format,
        };
        command.SetAction(parsed =>
        {
            var name = parsed.GetValue(model)!;
            var file = parsed.GetValue(summary);
            var path = CliApp.WorkspacePath(context, parsed.GetValue(workspaceOption));
            var timeUnit = parsed.GetValue(unit);
            using var workspace = file is null ? Workspace.Open(path) : Workspace.OpenOrCreate(path, out _);
            ModelInput input;
            DateOnly? day = null;
            if (file is null)
            {
                var customers = CustomerSummaryQuery.Run(workspace, SummaryCommand.ParseDay(parsed.GetValue(asOf), "--as-of"), timeUnit);
                day = customers.AsOf;
                input = ModelInput.From(customers);
            }
            else
            {
                var columns = NumericColumns.Read(file, ModelCatalog.Required(name), ModelCatalog.Optional(name), ImportOptionText.Pairs("--map", parsed.GetValue(map)), ModelCatalog.Aliases);
                input = ModelInput.From(columns);
            }
            var iterations = parsed.GetValue(maxIterations);
            var seconds = parsed.GetValue(timeLimit);
            if (iterations < 1) throw new WorkspaceException($"--max-iterations {iterations}: give a whole number of at least 1.");
            if (!(seconds > 0 && seconds <= 86_400)) throw new WorkspaceException($"--time-limit {seconds.ToString(CultureInfo.InvariantCulture)}: give seconds above 0 and at most 86,400 (a day).");
            var budget = new FitBudget { MaxIterations = iterations, TimeLimit = TimeSpan.FromSeconds(seconds) };
            var (parameters, report) = ModelCatalog.Fit(name, input, parsed.GetValue(penalty), budget);
            var json = Json(name, parameters, report);
            if (input.Source is { } read)
            {
                json["columns"] = new JsonObject(read.Sources.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value.Header)));
                json["unusedColumns"] = new JsonArray([.. read.Unused.Select(h => (JsonNode?)h)]);
            }
            var stored = ModelFit.Save(workspace, new ModelFit(0, name, context.Time.GetUtcNow().UtcDateTime, file is null ? "workspace" : Path.GetFullPath(file),
                day, file is null ? timeUnit.ToString().ToLowerInvariant() : "as in the file",
                JsonSerializer.Serialize(parameters), json.ToJsonString()));
            json["fitId"] = stored.FitId;
            if (parsed.GetValue(format) == OutputFormat.Json)
            {
                context.Out.Profile.Out.Writer.WriteLine(json.ToJsonString());
                return 0;
            }
            Print(context, name, parameters, report, stored, file is null ? $"the workspace as of {day:yyyy-MM-dd}, in {timeUnit.ToString().ToLowerInvariant()}s" : file);
            if (input.Source is { } source)
            {
                context.Out.WriteLine("Columns used: " + string.Join(", ", source.Sources.Select(p => p.Value.Header == p.Key ? p.Key : $"{p.Value.Header} as {p.Key}")) + ".");
                if (source.Unused.Count > 0)
                    context.Out.WriteLine($"Columns not used: {string.Join(", ", source.Unused)} ({ModelCatalog.Title(name)} reads only {string.Join(", ", ModelCatalog.Required(name).Concat(ModelCatalog.Optional(name)))}).");
            }
            return 0;
        });
        return command;
    }

    private static JsonObject Json(string name, IReadOnlyDictionary<string, double> parameters, FitReport report) => new()
    {
        ["model"] = name,
        ["parameters"] = new JsonObject(parameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
        ["logLikelihood"] = report.LogLikelihood,
        ["converged"] = report.Converged,
        ["reason"] = report.Reason,
        ["iterations"] = report.Iterations,
        ["gradientNorm"] = report.GradientNorm,
        ["standardErrors"] = new JsonObject(report.StandardErrors.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)(p.Value is { } v ? JsonValue.Create(v) : null)))),
        ["customers"] = report.Customers,
        ["uniqueRows"] = report.UniqueRows,
        ["seconds"] = report.Seconds,
        ["warning"] = report.Warning,
    };

    private static void Print(CliContext context, string name, IReadOnlyDictionary<string, double> parameters, FitReport report, ModelFit stored, string source)
    {
        var culture = CultureInfo.InvariantCulture;
        context.Out.WriteLine($"{ModelCatalog.Title(name)} fitted on {source} (stored as fit #{stored.FitId}).");
        var table = new Table().AddColumn("parameter").AddColumn(new TableColumn("estimate").RightAligned()).AddColumn(new TableColumn("standard error").RightAligned());
        foreach (var (parameter, value) in parameters)
            table.AddRow(parameter, value.ToString("G6", culture), report.StandardErrors[parameter]?.ToString("G4", culture) ?? "not available");
        context.Out.Write(table);
        context.Out.WriteLine(string.Format(culture,
            "log-likelihood {0:N2}; {1} after {2} iterations ({3}); {4:N0} customers in {5:N0} unique rows; {6:N3} s.",
            report.LogLikelihood, report.Converged ? "converged" : "NOT converged", report.Iterations, report.Reason, report.Customers, report.UniqueRows, report.Seconds));
        if (report.Warning is { } warning) context.Out.WriteLine($"Warning: {warning} Do not use these parameters as a model.");
        else if (!report.Converged) context.Out.WriteLine("Warning: the fit did not converge. Do not use these parameters as a model.");
    }
}
