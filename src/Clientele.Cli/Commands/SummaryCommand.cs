using System.CommandLine;
using System.Globalization;
using Clientele.Cli.Output;
using Clientele.Customers;
using Clientele.Money;
using Clientele.Storage;
using Clientele.Storage.Summary;

namespace Clientele.Cli.Commands;

/// <summary><c>clientele summary</c>: frequency, recency, T, monetary value and the other per-customer figures.</summary>
internal static class SummaryCommand
{
    public static Command Create(CliContext context, Option<string?> workspaceOption)
    {
        var asOf = new Option<string?>("--as-of") { Description = "The calibration cut-off, yyyy-MM-dd: later orders are ignored (default: the last order date)." };
        var unit = new Option<TimeUnit>("--time-unit") { Description = "day (default) or week: the unit of recency and T.", DefaultValueFactory = _ => TimeUnit.Day };
        var format = new Option<OutputFormat>("--format") { Description = "table (default), csv or json.", DefaultValueFactory = _ => OutputFormat.Table };
        var output = new Option<string?>("--out", "-o") { Description = "Write to this file instead of standard output." };
        var limit = new Option<int>("--limit") { Description = "Rows shown by --format table (default 20; 0 for all).", DefaultValueFactory = _ => 20 };
        var command = new Command("summary", "The per-customer summary as of a date: frequency (repeat purchase days), recency, T, monetary value, revenue, margin, returns, interactions, survey score, referrals.")
        {
            asOf, unit, format, output, limit,
        };
        command.SetAction(parsed =>
        {
            var day = ParseDay(parsed.GetValue(asOf), "--as-of");
            using var workspace = context.OpenWorkspace(CliApp.WorkspacePath(context, parsed.GetValue(workspaceOption)));
            var summary = CustomerSummaryQuery.Run(workspace, day, parsed.GetValue(unit));
            Write(context, summary, parsed.GetValue(format), parsed.GetValue(output), parsed.GetValue(limit), MoneySetting.Read(workspace));
            return 0;
        });
        return command;
    }

    /// <summary>A yyyy-MM-dd option value, or null when the option was not given.</summary>
    public static DateOnly? ParseDay(string? text, string option)
    {
        if (text is null) return null;
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new WorkspaceException($"{option} expects a date like 2024-12-31, not '{text}'.");
    }

    private static void Write(CliContext context, CustomerSummary summary, OutputFormat format, string? output, int limit, MoneyFormat money)
    {
        if (output is not null)
        {
            // Written beside the target and moved into place, so the file appears whole or not at all (a full disk leaves nothing).
            var temporary = context.FullPath(output) + ".partial";
            try
            {
                using (var stream = File.Create(temporary))
                {
                    if (format == OutputFormat.Json) SummaryWriter.WriteJson(summary, stream);
                    else
                    {
                        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16);
                        SummaryWriter.WriteCsv(summary, writer);
                    }
                }
                File.Move(temporary, context.FullPath(output), overwrite: true);
            }
            finally
            {
                File.Delete(temporary);
            }
            context.Out.WriteLine($"Wrote {summary.Count:N0} customers as of {summary.AsOf:yyyy-MM-dd} ({summary.Unit.ToString().ToLowerInvariant()}s) to {output}.");
            return;
        }
        switch (format)
        {
            case OutputFormat.Csv:
                SummaryWriter.WriteCsv(summary, context.Out.Profile.Out.Writer);
                break;
            case OutputFormat.Json:
                SummaryWriter.WriteJson(summary, context.Out.Profile.Out.Writer);
                break;
            default:
                var shown = limit <= 0 ? summary.Count : Math.Min(limit, summary.Count);
                context.Out.WriteLine($"{summary.Count:N0} customers as of {summary.AsOf:yyyy-MM-dd}; recency and T in {summary.Unit.ToString().ToLowerInvariant()}s.");
                context.Out.Write(SummaryWriter.ToTable(summary, shown, money));
                if (shown < summary.Count)
                    context.Out.WriteLine($"Showing {shown:N0} of {summary.Count:N0}; --limit 0 shows all, --format csv --out FILE writes every column.");
                break;
        }
    }
}
