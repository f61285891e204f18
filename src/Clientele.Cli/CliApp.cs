using System.CommandLine;
using Clientele.Cli.Commands;
using Clientele.Cli.Serving;
using Clientele.Storage;

namespace Clientele.Cli;

/// <summary>The <c>clientele</c> command tree.</summary>
public static partial class CliApp
{
    /// <summary>Exit code for a problem with the user's input or workspace.</summary>
    public const int UserError = 1;

    /// <summary>Exit code for a command line that does not parse.</summary>
    public const int UsageError = 2;

    /// <summary>
    /// Exit code for a PostgreSQL workspace whose server does not answer or went away during the command
    /// (<see cref="WorkspaceUnavailableException"/>): try again once it answers. 69 is EX_UNAVAILABLE of BSD's sysexits.h.
    /// </summary>
    public const int Unavailable = 69;

    /// <summary>
    /// Exit code for memory, disk space or a PostgreSQL server's resources run out (<see cref="OutOfResourcesException"/>): the
    /// workspace is as it was; run the command again once there is room. 71 is EX_OSERR of BSD's sysexits.h.
    /// </summary>
    public const int OutOfResources = 71;

    /// <summary>Exit code for a bug.</summary>
    public const int InternalError = 70;

    /// <summary>The global <c>--workspace</c> option.</summary>
    public static Option<string?> WorkspaceOption() => new("--workspace", "-w")
    {
        Description = $"The workspace: a DuckDB file, or a PostgreSQL database as postgres://user@host:port/database " +
                      $"(default: ${Workspace.EnvironmentVariable}, else ./{Workspace.DefaultFileName}).",
        Recursive = true,
    };

    /// <summary>Builds the command tree.</summary>
    public static RootCommand Build(CliContext context)
    {
        var workspace = WorkspaceOption();
        var root = new RootCommand("Clientele: who your customers are, what each is worth, and what to do about each group.");
        root.Options.Add(workspace);
        root.Subcommands.Add(InitCommand.Create(context, workspace));
        root.Subcommands.Add(ImportCommand.Create(context, workspace));
        root.Subcommands.Add(StatusCommand.Create(context, workspace));
        root.Subcommands.Add(SummaryCommand.Create(context, workspace));
        root.Subcommands.Add(DemoCommand.Create(context, workspace));
        root.Subcommands.Add(ModelCommand.Create(context, workspace));
        root.Subcommands.Add(AnalyzeCommand.Create(context, workspace));
        root.Subcommands.Add(OptionsCommand.Create(context, workspace));
        root.Subcommands.Add(CurrencyCommand.Create(context, workspace));
        root.Subcommands.Add(CustomersCommand.Create(context, workspace));
        root.Subcommands.Add(CustomerCommand.Create(context, workspace));
        root.Subcommands.Add(SegmentsCommand.Create(context, workspace));
        root.Subcommands.Add(ConcernsCommand.Create(context, workspace));
        root.Subcommands.Add(ReferralsCommand.Create(context, workspace));
        root.Subcommands.Add(TransitionsCommand.Create(context, workspace));
        root.Subcommands.Add(ChangesCommand.Create(context, workspace));
        root.Subcommands.Add(ExportCommand.Create(context, workspace));
        root.Subcommands.Add(ReportCommand.Create(context, workspace));
        root.Subcommands.Add(OverrideCommand.Create(context, workspace));
        root.Subcommands.Add(EraseCommand.Create(context, workspace));
        root.Subcommands.Add(ServeCommand.Create(context, workspace));
        root.Subcommands.Add(UsersCommand.Create(context, workspace));
        return root;
    }

    /// <summary>
    /// A parse error in the user's words: "Cannot parse argument 'abc' for option '--top' as expected type
    /// 'System.Nullable`1[System.Int32]'" says "as a whole number".
    /// </summary>
    internal static string Plain(string message) => ExpectedType().Replace(message, m => m.Groups[1].Value switch
    {
        "Int32" or "Int64" => "as a whole number.",
        "Double" or "Decimal" => "as a number.",
        "Boolean" => "as true or false.",
        "DateOnly" => "as a date, yyyy-MM-dd.",
        var other => $"as a {other}.",
    });

    [System.Text.RegularExpressions.GeneratedRegex(@"as expected type '(?:System\.Nullable`1\[)?System\.(\w+)\]?'\.?")]
    private static partial System.Text.RegularExpressions.Regex ExpectedType();

    /// <summary>Parses and runs a command line; returns the exit code.</summary>
    public static int Run(string[] args, CliContext context)
    {
        var root = Build(context);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) context.Error.WriteLine($"error: {Plain(error.Message)}");
            context.Error.WriteLine($"Run `clientele {string.Join(' ', parsed.CommandResult.Command.Name == root.Name ? "" : parsed.CommandResult.Command.Name)} --help` for usage.".Replace("  ", " ", StringComparison.Ordinal));
            return UsageError;
        }
        var workspace = root.Options.OfType<Option<string?>>().Single(o => o.Name == "--workspace");
        try
        {
            if (ServedWorkspace.Route(parsed, args, workspace, context) is { } served) return served;
            return parsed.Invoke(new InvocationConfiguration { Output = new SpectreWriter(context), Error = context.Error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (WorkspaceUnavailableException.From(e, WorkspacePath(context, parsed.GetValue(workspace))) is { } unavailable)
        {
            context.Error.WriteLine($"error: {unavailable.Message}");
            return Unavailable;
        }
        catch (Exception e) when (OutOfResourcesException.From(e, WorkspacePath(context, parsed.GetValue(workspace))) is { } exhausted)
        {
            context.Error.WriteLine($"error: {exhausted.Message}");
            return OutOfResources;
        }
        catch (WorkspaceException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return UserError;
        }
        catch (OperationCanceledException)
        {
            context.Error.WriteLine("cancelled; the workspace is as it was before the command.");
            return UserError;
        }
        catch (Exception e) when (context.Environment("CLIENTELE_DEBUG") is null)
        {
            context.Error.WriteLine($"internal error: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
            context.Error.WriteLine("This is a bug in Clientele, not in your data. Run again with CLIENTELE_DEBUG=1 for the stack trace, and report it.");
            return InternalError;
        }
    }

    /// <summary>Resolves the workspace path (or PostgreSQL URL) from the option and the environment.</summary>
    public static string WorkspacePath(CliContext context, string? option) =>
        Workspace.ResolvePath(option, context.Environment(Workspace.EnvironmentVariable), context.CurrentDirectory);
}
