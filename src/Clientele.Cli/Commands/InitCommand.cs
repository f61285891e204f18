using System.CommandLine;
using Clientele.Storage;

namespace Clientele.Cli.Commands;

/// <summary><c>clientele init</c>: creates an empty workspace.</summary>
internal static class InitCommand
{
    public static Command Create(CliContext context, Option<string?> workspaceOption)
    {
        var command = new Command("init",
            "Create an empty workspace with every canonical table: a DuckDB file, or in a PostgreSQL database given as postgres://user@host:port/database " +
            "(created when it does not exist).");
        command.SetAction(parsed =>
        {
            var path = CliApp.WorkspacePath(context, parsed.GetValue(workspaceOption));
            if (Workspace.Exists(path))
            {
                using var existing = Workspace.Open(path);
                context.Out.WriteLine($"{existing.Path} is a workspace already (schema version {existing.SchemaVersion}); nothing to do.");
                return 0;
            }
            using var workspace = Workspace.Create(path);
            context.Out.WriteLine($"Created workspace {workspace.Path} (schema version {workspace.SchemaVersion}).");
            context.Out.WriteLine(workspace.IsPostgres
                ? $"On PostgreSQL this build runs {string.Join(", ", PostgresWorkspace.Commands)} (docs/postgres.md); the other results, export and `serve` come next."
                : "Next: clientele import orders FILE   (see clientele import --help)");
            return 0;
        });
        return command;
    }
}
