using System.CommandLine;
using System.Globalization;
using Clientele.Classification;
using Clientele.Cli.Output;
using Clientele.Storage;
using Clientele.Storage.Live;

namespace Clientele.Cli.Commands;

/// <summary><c>clientele changes</c>: the classes live updates moved since the latest analysis (or another), latest first.</summary>
internal static class ChangesCommand
{
    public static Command Create(CliContext context, Option<string?> workspaceOption)
    {
        var asOf = new Option<string?>("--as-of") { Description = "The analysis whose live changes to list, yyyy-MM-dd (default: the latest)." };
        var customer = new Option<string?>("--customer") { Description = "Only this customer's." };
        var top = new Option<int>("--top") { Description = "Changes shown (default 50; 0 for all).", DefaultValueFactory = _ => 50 };
        var format = new Option<OutputFormat>("--format")
        {
            Description = "table (default), csv (changed_at,customer_id,dimension,from_class,to_class,live_as_of,import_id) or json.",
            DefaultValueFactory = _ => OutputFormat.Table,
        };
        var command = new Command("changes",
            "The classes that moved since the analysis because imports or events re-classified customers live (`clientele import` without --no-live, " +
            "POST /api/events): who, which dimension, from what to what, when and by which import; latest first.")
        {
            asOf, customer, top, format,
        };
        command.SetAction(parsed =>
        {
            if (parsed.GetValue(top) < 0) throw new WorkspaceException("--top expects 0 (all) or more.");
            using var workspace = context.OpenWorkspace(CliApp.WorkspacePath(context, parsed.GetValue(workspaceOption)));
            var shown = parsed.GetValue(top) is > 0 and var n ? n : int.MaxValue;
            var (day, changes, total) = ClassChanges.Since(workspace, SummaryCommand.ParseDay(parsed.GetValue(asOf), "--as-of"), parsed.GetValue(customer), shown);
            var writer = context.Out.Profile.Out.Writer;
            switch (parsed.GetValue(format))
            {
                case OutputFormat.Csv:
                    RowsWriter.WriteCsv(writer, ["changed_at", "customer_id", "dimension", "from_class", "to_class", "live_as_of", "import_id"],
                        changes.Select(c => (IReadOnlyList<object?>)[c.ChangedAt, c.CustomerId, c.Dimension, c.From, c.To, c.LiveAsOf, c.ImportId]));
                    break;
                case OutputFormat.Json:
                    RowsWriter.WriteJson(writer, new { AnalysisAsOf = day, Total = total, Changes = changes });
                    break;
                default:
                    Print(context, day, changes, total);
                    break;
            }
            return 0;
        });
        return command;
    }

    private static void Print(CliContext context, DateOnly day, IReadOnlyList<ClassChange> changes, long total)
    {
        var culture = CultureInfo.InvariantCulture;
        if (total == 0)
        {
            context.Out.WriteLine(string.Format(culture,
                "No class has moved live since the analysis of {0:yyyy-MM-dd}: imports and events re-classify the customers they name (`clientele import` without --no-live, POST /api/events).", day));
            return;
        }
        context.Out.WriteLine(string.Format(culture, "{0:N0} {1} moved live since the analysis of {2:yyyy-MM-dd}{3}, latest first.",
            total, total == 1 ? "class" : "classes", day, changes.Count < total ? string.Format(culture, " ({0:N0} shown; --top 0 for all)", changes.Count) : ""));
        var table = new Table().AddColumn("when (UTC)").AddColumn("customer").AddColumn("dimension").AddColumn("from").AddColumn("to").AddColumn("figures as of").AddColumn("import");
        foreach (var c in changes)
            table.AddRow(c.ChangedAt.ToString("yyyy-MM-dd HH:mm", culture), Markup.Escape(c.CustomerId), Markup.Escape(Dimensions.Title(c.Dimension)),
                Markup.Escape(c.From ?? "(none)"), Markup.Escape(c.To ?? "(none)"), c.LiveAsOf.ToString("yyyy-MM-dd", culture), c.ImportId is { } i ? "#" + i.ToString(culture) : "-");
        context.Out.Write(table);
    }
}
