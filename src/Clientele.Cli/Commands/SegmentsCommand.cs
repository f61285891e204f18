using System.CommandLine;
using System.Globalization;
using Clientele.Classification;
using Clientele.Cli.Output;
using Clientele.Money;
using Clientele.Storage;
using Clientele.Storage.Snapshots;

namespace Clientele.Cli.Commands;

/// <summary><c>clientele segments</c>: how many customers each class holds, what they are worth, and how the count moved.</summary>
internal static class SegmentsCommand
{
    public static Command Create(CliContext context, Option<string?> workspaceOption)
    {
        var dimension = new Option<string?>("--dimension", "-d") { Description = "One dimension (default: every one): " + string.Join(", ", Dimensions.All) + "." };
        var asOf = new Option<string?>("--as-of") { Description = "The analysis to read, yyyy-MM-dd (default: the latest); growth is against the analysis before it." };
        var format = new Option<OutputFormat>("--format")
        {
            Description = "table (default), csv (one row per dimension and class) or json (with the structure map of the segment dimension).",
            DefaultValueFactory = _ => OutputFormat.Table,
        };
        var command = new Command("segments",
            "Per class of each dimension: customers, share of all customers, total and mean value, and growth (the change in customers since the previous analysis); " +
            "for the segment dimension also the structure map (industry → domain, or population group) with its targets.")
        {
            dimension, asOf, format,
        };
        command.SetAction(parsed =>
        {
            var names = parsed.GetValue(dimension) is { } one ? [SnapshotQuery.Dimension(one)] : Dimensions.All;
            using var workspace = context.OpenWorkspace(CliApp.WorkspacePath(context, parsed.GetValue(workspaceOption)));
            FreshnessNote.Write(context, workspace);
            var day = SummaryCommand.ParseDay(parsed.GetValue(asOf), "--as-of");
            var reports = names.Select(name => SnapshotQuery.Segments(workspace, name, day)).ToList();
            var writer = context.Out.Profile.Out.Writer;
            switch (parsed.GetValue(format))
            {
                case OutputFormat.Csv:
                    RowsWriter.WriteCsv(writer, ["dimension", "class", "customers", "share", "total_value", "mean_value", "growth"],
                        reports.SelectMany(r => r.Classes.Select(c => (IReadOnlyList<object?>)[r.Dimension, c.Class, c.Customers, c.Share, c.TotalValue, c.MeanValue, c.Growth])));
                    break;
                case OutputFormat.Json:
                    RowsWriter.WriteJson(writer, new
                    {
                        reports[0].AsOf,
                        reports[0].PreviousAsOf,
                        reports[0].Customers,
                        MoneySetting.Read(workspace).Currency,
                        Dimensions = reports.Select(r => new { r.Dimension, r.Classes, r.Nodes }),
                    });
                    break;
                default:
                    Print(context, reports, MoneySetting.Read(workspace));
                    break;
            }
            return 0;
        });
        return command;
    }

    private static void Print(CliContext context, List<SegmentReport> reports, MoneyFormat money)
    {
        var culture = CultureInfo.InvariantCulture;
        var first = reports[0];
        context.Out.WriteLine(string.Format(culture, "{0:N0} customers in the analysis as of {1:yyyy-MM-dd}; {2}.", first.Customers, first.AsOf,
            first.PreviousAsOf is { } previous ? string.Format(culture, "growth is the change in customers since {0:yyyy-MM-dd}", previous) : "the first analysis, so no growth yet"));
        foreach (var report in reports)
        {
            var table = new Table().Title(report.Dimension).AddColumn("class")
                .AddColumn(RowsWriter.Column("customers", true)).AddColumn(RowsWriter.Column("share", true))
                .AddColumn(RowsWriter.Column(money.Label("total value"), true)).AddColumn(RowsWriter.Column(money.Label("mean value"), true)).AddColumn(RowsWriter.Column("growth", true));
            foreach (var c in report.Classes)
            {
                table.AddRow(Markup.Escape(c.Class ?? "(none)"), c.Customers.ToString("N0", culture), c.Share.ToString("P1", culture),
                    RowsWriter.Cell("value", c.TotalValue, money), RowsWriter.Cell("value", c.MeanValue, money), RowsWriter.Change(c.Growth));
            }
            context.Out.Write(table);
            if (report.Nodes.Count > 0) context.Out.Write(StructureMap(report.Nodes, money));
        }
    }

    private static Table StructureMap(IReadOnlyList<SegmentNode> nodes, MoneyFormat money)
    {
        var culture = CultureInfo.InvariantCulture;
        var table = new Table().Title("Structure map: current and target").AddColumn("segment");
        foreach (var name in new[] { "parties", "actual", "active", money.Label("value"), money.Label("expected revenue"), "new customers growth", "value growth", "target customers", money.Label("target value") })
            table.AddColumn(RowsWriter.Column(name, true));
        table.AddColumn("target due");
        foreach (var n in nodes)
        {
            table.AddRow(Markup.Escape(new string(' ', 2 * n.Level) + n.Name + (n.TargetOnly ? " (target only)" : "")),
                n.Parties.ToString("N0", culture), n.ActualCustomers.ToString("N0", culture), n.ActiveCustomers.ToString("N0", culture),
                money.Number(n.Value), money.Number(n.ExpectedRevenue),
                n.NewCustomersGrowth?.ToString("P0", culture) ?? "", n.ValueGrowth?.ToString("P0", culture) ?? "",
                n.TargetCustomers?.ToString("N0", culture) ?? "", n.TargetValue is { } target ? money.Number(target) : "",
                n.TargetDueAt?.ToString("yyyy-MM-dd", culture) ?? "");
        }
        return table;
    }
}
