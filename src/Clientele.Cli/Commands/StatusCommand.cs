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
            using var workspace = context.OpenWorkspace(path);
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
            if (imports.Count == 0)
            {
                context.Out.WriteLine("No imports yet: clientele import <table> <file>, or clientele demo.");
                return 0;
            }
            var shown = imports.TakeLast(10).ToList();
            var history = new Table().Title(imports.Count > shown.Count ? $"The last {shown.Count} of {imports.Count} imports" : $"{imports.Count} imports")
                .AddColumn(new TableColumn("#").RightAligned()).AddColumn("when (UTC)").AddColumn("table").AddColumn("file")
                .AddColumn(new TableColumn("read").RightAligned()).AddColumn(new TableColumn("added").RightAligned())
                .AddColumn(new TableColumn("updated").RightAligned()).AddColumn(new TableColumn("present").RightAligned())
                .AddColumn(new TableColumn("rejected").RightAligned()).AddColumn(new TableColumn("left out").RightAligned())
                .AddColumn(new TableColumn("customers created").RightAligned());
            var culture = System.Globalization.CultureInfo.InvariantCulture;
            foreach (var i in shown)
            {
                history.AddRow(i.ImportId.ToString(culture), i.ImportedAt.ToString("yyyy-MM-dd HH:mm", culture), i.Table, Markup.Escape(i.SourcePath),
                    i.RowsRead.ToString("N0", culture), i.RowsAdded.ToString("N0", culture), i.RowsUpdated.ToString("N0", culture),
                    i.RowsAlreadyPresent.ToString("N0", culture), i.RowsRejected.ToString("N0", culture), i.RowsFiltered.ToString("N0", culture),
                    i.CustomersCreated.ToString("N0", culture));
            }
            context.Out.Write(history);
            return 0;
        });
        return command;
    }
}
