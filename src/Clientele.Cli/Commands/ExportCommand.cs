using System.CommandLine;
using System.Globalization;
using Clientele.Cli.Output;
using Clientele.Storage;
using Clientele.Storage.Snapshots;

namespace Clientele.Cli.Commands;

/// <summary><c>clientele export</c>: every customer of an analysis with every figure, score, class, reason and action, to CSV or Parquet.</summary>
internal static class ExportCommand
{
    public static Command Create(CliContext context, Option<string?> workspaceOption)
    {
        var output = new Option<string>("--out", "-o") { Description = "The file to write: FILE.csv (with a header) or FILE.parquet. An existing file is replaced.", Required = true };
        var asOf = new Option<string?>("--as-of") { Description = "The analysis to export, yyyy-MM-dd (default: the latest)." };
        var command = new Command("export",
            "Write one row per customer of an analysis with every figure, score, class and reason, and the recommended actions " +
            "(\"dimension=class: action\", separated by \" | \"). The file appears whole or not at all.")
        {
            output, asOf,
        };
        command.SetAction(parsed =>
        {
            using var workspace = context.OpenWorkspace(CliApp.WorkspacePath(context, parsed.GetValue(workspaceOption)));
            FreshnessNote.Write(context, workspace);
            var result = SnapshotQuery.Export(workspace, context.FullPath(parsed.GetValue(output)!), SummaryCommand.ParseDay(parsed.GetValue(asOf), "--as-of"));
            context.Out.WriteLine(string.Format(CultureInfo.InvariantCulture, "Wrote {0:N0} customers of the analysis as of {1:yyyy-MM-dd} ({2} columns) to {3}.",
                result.Customers, result.AsOf, result.Columns, result.Path));
            return 0;
        });
        return command;
    }
}
