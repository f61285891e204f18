using System.CommandLine;
using Clientele.Storage;

namespace Clientele.Cli.Commands;

/// <summary><c>clientele init</c>: creates an empty workspace.</summary>
internal static class InitCommand
{
    public static Command Create(CliContext context, Option<string?> workspaceOption)
    {
        var command = new Command("init", "Create an empty workspace (a DuckDB file) with every canonical table.");
        command.SetAction(parsed =>
        {
            var path = CliApp.WorkspacePath(context, parsed.GetValue(workspaceOption));
            if (File.Exists(path))
            {
                using var existing = Workspace.Open(path);
                context.Out.WriteLine($"{path} is a workspace already (schema version {existing.SchemaVersion}); nothing to do.");
                return 0;
            }
            using var workspace = Workspace.Create(path);
            context.Out.WriteLine($"Created workspace {path} (schema version {workspace.SchemaVersion}).");
            context.Out.WriteLine("Next: clientele import orders FILE   (see clientele import --help)");
            return 0;
        });
        return command;
    }
}
