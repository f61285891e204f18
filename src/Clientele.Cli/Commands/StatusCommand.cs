using System.CommandLine;
using System.Text.Json;
using Clientele.Cli.Output;
using Clientele.Storage;
using Spectre.Console;

namespace Clientele.Cli.Commands;

/// <summary><c>clientele status</c>: the row count of every table and the workspace path.</summary>
internal static class StatusCommand
{
    public static Command Create(CliContext context, Option<string?> workspaceOption)
    {
        var format = new Option<OutputFormat>("--format") { Description = "table or json (json: one integer per table name).", DefaultValueFactory = _ => OutputFormat.Table };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("status", "Show the workspace path and how many rows each table holds.") { format };
        command.SetAction(parsed =>
        {
            var path = CliApp.WorkspacePath(context, parsed.GetValue(workspaceOption));
            using var workspace = Workspace.Open(path);
            var counts = workspace.CountRows();
            if (parsed.GetValue(format) == OutputFormat.Json)
            {
                context.Error.WriteLine($"workspace: {workspace.Path}");
                context.Out.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(counts.ToDictionary(p => p.Key, p => p.Value)));
                return 0;
            }
            context.Out.WriteLine($"Workspace {workspace.Path} (schema version {workspace.SchemaVersion})");
            var table = new Table().AddColumn("table").AddColumn(new TableColumn("rows").RightAligned());
            foreach (var (name, rows) in counts) table.AddRow(name, rows.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
            context.Out.Write(table);
            var imports = workspace.Imports();
            context.Out.WriteLine(imports.Count == 0
                ? "No imports yet: clientele import <table> <file>, or clientele demo."
                : $"{imports.Count} imports; the last: {imports[^1].Table} from {imports[^1].SourcePath} at {imports[^1].ImportedAt:yyyy-MM-dd HH:mm} UTC.");
            return 0;
        });
        return command;
    }
}
