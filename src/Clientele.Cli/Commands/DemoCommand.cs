using System.CommandLine;

namespace Clientele.Cli.Commands;

/// <summary><c>clientele demo</c>: generates, imports and summarizes a seeded demo company.</summary>
internal static class DemoCommand
{
    public static Command Create(CliContext context, Option<string?> workspaceOption)
    {
        var command = new Command("demo", "Generate a seeded demo company, import it into the workspace and show an overview.");
        command.SetAction(_ => { context.Error.WriteLine("not yet"); return 1; });
        return command;
    }
}
