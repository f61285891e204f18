using System.CommandLine;
using Clientele.Classification;
using Clientele.Storage;
using Clientele.Storage.Analysis;

namespace Clientele.Cli.Commands;

/// <summary>
/// <c>clientele options</c>: prints the classification options in use (the workspace's stored file, else the
/// defaults) as JSON; <c>--set FILE</c> checks a file and stores it in the workspace, <c>--reset</c> returns to the defaults.
/// </summary>
internal static class OptionsCommand
{
    public static Command Create(CliContext context, Option<string?> workspaceOption)
    {
        var set = new Option<string?>("--set") { Description = "Check this options file (JSON) and store it in the workspace: every later `clientele analyze` uses it." };
        var reset = new Option<bool>("--reset") { Description = "Forget the stored options: back to the defaults." };
        var defaults = new Option<bool>("--defaults") { Description = "Print the defaults, whatever is stored." };
        var explain = new Option<bool>("--explain") { Description = "Explain every option: its default, its allowed range and what it means (docs/options.md)." };
        var command = new Command("options", "Print the thresholds and playbook every dimension uses (JSON: save it, edit it, then store it with --set).")
        {
            set, reset, defaults, explain,
        };
        command.SetAction(parsed =>
        {
            if (parsed.GetValue(explain))
            {
                context.Out.Profile.Out.Writer.Write(Output.OptionsGuide.Markdown());
                return 0;
            }
            if (parsed.GetValue(defaults))
            {
                context.Out.Profile.Out.Writer.WriteLine(new ClassificationOptions().ToJson());
                return 0;
            }
            using var workspace = context.OpenWorkspace(CliApp.WorkspacePath(context, parsed.GetValue(workspaceOption)));
            if (parsed.GetValue(set) is { } file)
            {
                var options = Read(file);
                workspace.SetMeta(AnalysisRunner.OptionsMetaKey, options.ToJson());
                context.Out.WriteLine($"Stored the options of {file} in the workspace; the next `clientele analyze` uses them.");
                return 0;
            }
            if (parsed.GetValue(reset))
            {
                workspace.DeleteMeta(AnalysisRunner.OptionsMetaKey);
                context.Out.WriteLine("The workspace uses the default options again.");
                return 0;
            }
            context.Out.Profile.Out.Writer.WriteLine(AnalysisRunner.StoredOptions(workspace).ToJson());
            return 0;
        });
        return command;
    }

    /// <summary>Reads and checks an options file; errors name the file, line and column.</summary>
    public static ClassificationOptions Read(string path)
    {
        if (!File.Exists(path)) throw new WorkspaceException($"the options file {path} does not exist.");
        try
        {
            return ClassificationOptions.FromJson(File.ReadAllText(path), path);
        }
        catch (FormatException e)
        {
            throw new WorkspaceException($"{e.Message} Run `clientele options --defaults` to see every option with its default.", e);
        }
    }
}
