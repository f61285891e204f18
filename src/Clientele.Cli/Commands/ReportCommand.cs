using System.CommandLine;
using Clientele.Cli.Output;
using Clientele.Storage;
using Clientele.Storage.Report;

namespace Clientele.Cli.Commands;

/// <summary><c>clientele report</c>: one self-contained HTML (or PDF) document about an analysis, for a manager.</summary>
internal static class ReportCommand
{
    /// <summary>The environment variable naming another Chromium for PDF output (default <see cref="ReportPdf.DefaultChromium"/>).</summary>
    public const string ChromiumVariable = "CLIENTELE_CHROMIUM";

    public static Command Create(CliContext context, Option<string?> workspaceOption)
    {
        var output = new Option<string>("--out", "-o")
        {
            Description = "The file to write: FILE.html (opens offline in any browser) or FILE.pdf (printed with headless Chromium). An existing file is replaced.",
            DefaultValueFactory = _ => "report.html",
        };
        var asOf = new Option<string?>("--as-of") { Description = "The analysis to report on, yyyy-MM-dd (default: the latest)." };
        var command = new Command("report",
            "Write one document for a manager: who the customers are, where the value is, what changed since the previous analysis, what people care about (concerns) " +
            "and what to do next, with every figure's unit, currency and source. Charts are drawn into the file; it makes no network request.")
        {
            output, asOf,
        };
        command.SetAction(parsed =>
        {
            var path = context.FullPath(parsed.GetValue(output)!);
            var pdf = Path.GetExtension(path).ToLowerInvariant() switch
            {
                ".html" or ".htm" => false,
                ".pdf" => true,
                _ => throw new WorkspaceException($"--out {parsed.GetValue(output)}: give a file ending in .html or .pdf."),
            };
            var folder = Path.GetDirectoryName(path)!;
            if (!Directory.Exists(folder)) throw new WorkspaceException($"--out {path}: the folder {folder} does not exist.");
            using var workspace = context.OpenWorkspace(CliApp.WorkspacePath(context, parsed.GetValue(workspaceOption)));
            FreshnessNote.Write(context, workspace);
            var report = ManagerReport.Read(workspace, SummaryCommand.ParseDay(parsed.GetValue(asOf), "--as-of"));
            var html = ReportHtml.Write(report);
            if (pdf) ReportPdf.Write(html, path, context.Environment(ChromiumVariable) ?? ReportPdf.DefaultChromium);
            else WriteWhole(path, html);
            context.Out.WriteLine($"Wrote the report on the analysis as of {report.AsOf:yyyy-MM-dd} to {path}.");
            return 0;
        });
        return command;
    }

    /// <summary>Writes beside the target and moves into place, so the file appears whole or not at all.</summary>
    private static void WriteWhole(string path, string html)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, html);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
