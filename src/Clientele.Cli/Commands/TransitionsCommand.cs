using System.CommandLine;
using System.Globalization;
using Clientele.Classification;
using Clientele.Cli.Output;
using Clientele.Storage;
using Clientele.Storage.Snapshots;

namespace Clientele.Cli.Commands;

/// <summary><c>clientele transitions</c>: how customers moved between the classes of one dimension from one analysis to another.</summary>
internal static class TransitionsCommand
{
    private const string New = "(new)";
    private const string Gone = "(gone)";
    private const string None = "(none)";

    public static Command Create(CliContext context, Option<string?> workspaceOption)
    {
        var dimension = new Option<string>("--dimension", "-d") { Description = "The dimension: " + string.Join(", ", Dimensions.All) + ".", Required = true };
        var from = new Option<string>("--from") { Description = "The earlier analysis, yyyy-MM-dd.", Required = true };
        var to = new Option<string>("--to") { Description = "The later analysis, yyyy-MM-dd.", Required = true };
        var top = new Option<int>("--top") { Description = "Customers shown in the moved-down list (default 20; 0 for all).", DefaultValueFactory = _ => 20 };
        var format = new Option<OutputFormat>("--format")
        {
            Description = "table (default), csv (from,to,customers; (new) and (gone) for customers in one analysis only) or json (everything, the moved-down list too).",
            DefaultValueFactory = _ => OutputFormat.Table,
        };
        var command = new Command("transitions",
            "From-class × to-class counts of one dimension between two analyses, the customers who appeared or disappeared, and for the ladder, value tier, " +
            "prospect grade and churn status who moved down (most valuable first).")
        {
            dimension, from, to, top, format,
        };
        command.SetAction(parsed =>
        {
            if (parsed.GetValue(top) < 0) throw new WorkspaceException("--top expects 0 (all) or more.");
            var first = SummaryCommand.ParseDay(parsed.GetValue(from), "--from")!.Value;
            var second = SummaryCommand.ParseDay(parsed.GetValue(to), "--to")!.Value;
            using var workspace = context.OpenWorkspace(CliApp.WorkspacePath(context, parsed.GetValue(workspaceOption)));
            FreshnessNote.Write(context, workspace);
            var report = SnapshotQuery.Transitions(workspace, parsed.GetValue(dimension)!, first, second, parsed.GetValue(top) is > 0 and var n ? n : null);
            var writer = context.Out.Profile.Out.Writer;
            switch (parsed.GetValue(format))
            {
                case OutputFormat.Csv:
                    RowsWriter.WriteCsv(writer, ["from", "to", "customers"], report.Matrix.Select(c => (IReadOnlyList<object?>)[c.From, c.To, c.Customers])
                        .Concat(report.Appeared.Select(c => (IReadOnlyList<object?>)[New, c.Class, c.Customers]))
                        .Concat(report.Disappeared.Select(c => (IReadOnlyList<object?>)[c.Class, Gone, c.Customers])));
                    break;
                case OutputFormat.Json:
                    RowsWriter.WriteJson(writer, report);
                    break;
                default:
                    Print(context, report);
                    break;
            }
            return 0;
        });
        return command;
    }

    private static void Print(CliContext context, TransitionReport report)
    {
        var culture = CultureInfo.InvariantCulture;
        var stayed = report.Matrix.Sum(c => c.Customers);
        context.Out.WriteLine(string.Format(culture,
            "{0} from {1:yyyy-MM-dd} to {2:yyyy-MM-dd}: {3:N0} customers in both, {4:N0} new, {5:N0} gone. Rows: the class before; columns: the class after.",
            report.Dimension, report.From, report.To, stayed, report.Appeared.Sum(c => c.Customers), report.Disappeared.Sum(c => c.Customers)));
        var table = new Table().AddColumn("from \\ to");
        foreach (var c in report.Classes) table.AddColumn(RowsWriter.Column(Markup.Escape(c ?? None), true));
        var gone = report.Disappeared.Count > 0;
        if (gone) table.AddColumn(RowsWriter.Column(Gone, true));
        foreach (var row in report.Classes)
        {
            var cells = new List<string> { Markup.Escape(row ?? None) };
            cells.AddRange(report.Classes.Select(column => Count(report.Matrix.Where(c => c.From == row && c.To == column).Sum(c => c.Customers))));
            if (gone) cells.Add(Count(report.Disappeared.Where(c => c.Class == row).Sum(c => c.Customers)));
            table.AddRow([.. cells]);
        }
        if (report.Appeared.Count > 0)
        {
            var cells = new List<string> { New };
            cells.AddRange(report.Classes.Select(column => Count(report.Appeared.Where(c => c.Class == column).Sum(c => c.Customers))));
            if (gone) cells.Add("");
            table.AddRow([.. cells]);
        }
        context.Out.Write(table);
        if (report.MovedDown is not { } moved) return;
        if (report.MovedDownCount == 0)
        {
            context.Out.WriteLine("Nobody moved down.");
            return;
        }
        var list = new Table().Title(string.Format(culture, "{0:N0} moved down{1}", report.MovedDownCount,
                moved.Count < report.MovedDownCount ? string.Format(culture, "; the {0:N0} most valuable (--top 0 for all)", moved.Count) : ""))
            .AddColumn("customer_id").AddColumn("name").AddColumn("from").AddColumn("to").AddColumn(RowsWriter.Column("value", true)).AddColumn("why now");
        foreach (var m in moved)
        {
            list.AddRow(Markup.Escape(m.CustomerId), Markup.Escape(m.Name ?? ""), Markup.Escape(m.From), Markup.Escape(m.To),
                RowsWriter.Cell("value", m.Value), Markup.Escape(m.Reason ?? ""));
        }
        context.Out.Write(list);
    }

    private static string Count(long customers) => customers == 0 ? "." : customers.ToString("N0", CultureInfo.InvariantCulture);
}
