using System.CommandLine;
using System.Globalization;
using Clientele.Classification;
using Clientele.Cli.Output;
using Clientele.Storage.Concerns;

namespace Clientele.Cli.Commands;

/// <summary><c>clientele concerns</c>: what each segment or class cares about: top concerns with counts, share of customers and lift against the base.</summary>
internal static class ConcernsCommand
{
    public static Command Create(CliContext context, Option<string?> workspaceOption)
    {
        var dimension = new Option<string?>("--dimension", "-d") { Description = "Group by the classes of this dimension (default: the structure map's segments): " + string.Join(", ", Dimensions.All) + "." };
        var @class = new Option<string?>("--class", "-c") { Description = "Only this class of --dimension (without --dimension: one segment path exactly)." };
        var segment = new Option<string?>("--segment") { Description = "Only this segment path with everything under it, e.g. organizations/healthcare (not with --dimension)." };
        var top = new Option<int?>("--top") { Description = "Needs and concerns in general to show per group (default: the options' concerns.top, 5)." };
        var asOf = new Option<string?>("--as-of") { Description = "The analysis to read, yyyy-MM-dd (default: the latest)." };
        var format = new Option<OutputFormat>("--format")
        {
            Description = "table (default), csv (one row per group and concern) or json.",
            DefaultValueFactory = _ => OutputFormat.Table,
        };
        var command = new Command("concerns",
            "What customers care about, per segment of the structure map or per class of a dimension: the top needs and the top concerns in general " +
            "(price, quality, ...), each with the interactions naming it, the share of the group's customers raising it and its lift against the whole base. " +
            "Concerns come from the interactions' tags, or from their text by the keyword rule (options file, concerns).")
        {
            dimension, @class, segment, top, asOf, format,
        };
        command.SetAction(parsed =>
        {
            using var workspace = context.OpenWorkspace(CliApp.WorkspacePath(context, parsed.GetValue(workspaceOption)));
            FreshnessNote.Write(context, workspace);
            var day = SummaryCommand.ParseDay(parsed.GetValue(asOf), "--as-of");
            var report = ConcernQuery.Of(workspace, parsed.GetValue(dimension), parsed.GetValue(@class), parsed.GetValue(segment), parsed.GetValue(top), day);
            var writer = context.Out.Profile.Out.Writer;
            switch (parsed.GetValue(format))
            {
                case OutputFormat.Csv:
                    RowsWriter.WriteCsv(writer, ["dimension", "class", "group_customers", "concern", "general", "interactions", "customers", "share", "lift", "previous_share", "change_pp"],
                        report.Groups.SelectMany(g => g.Concerns.Select(c => (IReadOnlyList<object?>)[
                            report.Dimension, g.Class, g.Customers, c.Concern, c.General, c.Interactions, c.Customers, c.Share, c.Lift, c.PreviousShare, c.ChangePoints])));
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

    private static void Print(CliContext context, ConcernReport report)
    {
        var culture = CultureInfo.InvariantCulture;
        if (report.WhyNone() is { } none)
        {
            // A table of zeros per group would read as a finding: say plainly that the data cannot tell.
            context.Out.WriteLine(none);
            return;
        }
        context.Out.WriteLine(string.Format(culture,
            "Concerns of {0:N0} customers in the analysis as of {1:yyyy-MM-dd} ({2:N0} raised at least one), by {3}: per group the top {4} needs, then the top {4} concerns in general. " +
            "Share: of the group's customers, how many raised it; lift: that share over the share in the whole base; {5}.",
            report.Base.Customers, report.AsOf, report.Base.RaisingAny, report.Dimension, report.Top,
            report.PreviousAsOf is { } previous
                ? previous.ToString("'trend: the change of the share in percentage points since the analysis as of 'yyyy-MM-dd", culture)
                : "no previous analysis, so no trend"));
        var table = new Table().AddColumn(report.Dimension).AddColumn("concern").AddColumn("kind")
            .AddColumn(RowsWriter.Column("interactions", true)).AddColumn(RowsWriter.Column("customers", true))
            .AddColumn(RowsWriter.Column("share", true)).AddColumn(RowsWriter.Column("lift", true)).AddColumn(RowsWriter.Column("trend", true));
        foreach (var group in (IEnumerable<ConcernGroup>)[report.Base, .. report.Groups])
        {
            var label = string.Format(culture, "{0} ({1:N0})", group.Class ?? "(none)", group.Customers);
            if (group.Concerns.Count == 0) table.AddRow(Markup.Escape(label), "(no concern raised)", "", "", "", "", "", "");
            var first = true;
            foreach (var c in group.Concerns)
            {
                table.AddRow(first ? Markup.Escape(label) : "", Markup.Escape(c.Concern), c.General ? "general" : "need",
                    c.Interactions.ToString("N0", culture), c.Customers.ToString("N0", culture), c.Share.ToString("P1", culture),
                    c.Lift?.ToString("0.00", culture) ?? "", Trend(report, c));
                first = false;
            }
            if (report.Groups.Count > 0 && !ReferenceEquals(group, report.Groups[^1])) table.AddEmptyRow();
        }
        context.Out.Write(table);
    }

    /// <summary>The change in percentage points ("+3.2 pp"); empty without a previous analysis (the heading says so), "new group" when the group had no customers then.</summary>
    private static string Trend(ConcernReport report, ConcernFigure figure) =>
        figure.ChangePoints is { } change ? change.ToString("+0.0' pp';-0.0' pp';0.0' pp'", CultureInfo.InvariantCulture)
        : report.PreviousAsOf is null ? ""
        : "new group";
}
