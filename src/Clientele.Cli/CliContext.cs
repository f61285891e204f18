using Clientele.Cli.Output;
using Clientele.Storage;
using Clientele.Web.Hosting;
using Spectre.Console;

namespace Clientele.Cli;

/// <summary>What every command needs from the outside world, passed in so tests can supply their own.</summary>
/// <param name="Out">Standard output, for results.</param>
/// <param name="Error">Standard error, for problems and progress notes.</param>
/// <param name="Time">The clock.</param>
/// <param name="Environment">Reads an environment variable.</param>
/// <param name="Interactive">Whether standard output is a terminal (progress bars) or redirected (plain lines).</param>
public sealed record CliContext(
    IAnsiConsole Out,
    TextWriter Error,
    TimeProvider Time,
    Func<string, string?> Environment,
    bool Interactive)
{
    /// <summary>The command as the user runs it (<see cref="Invocation"/>), for hints: <c>clientele</c> unless detected otherwise.</summary>
    public string CommandName { get; init; } = "clientele";

    /// <summary>The folder relative paths are read from: the process's, or the caller's when the server runs a command for it.</summary>
    public string CurrentDirectory { get; init; } = System.Environment.CurrentDirectory;

    /// <summary>
    /// The workspace of the <c>clientele serve</c> running this command for a <c>clientele</c> process on this machine
    /// (<see cref="Serving.LocalCommands"/>), or null in a process of its own.
    /// </summary>
    public WorkspaceHost? Host { get; init; }

    /// <summary>
    /// Opens the workspace a command reads: the file, in a process of its own; inside the server, a connection to the
    /// workspace it holds (the file itself is held).
    /// </summary>
    /// <exception cref="WorkspaceException">No workspace at the path, or the server holds another one.</exception>
    public Workspace OpenWorkspace(string path)
    {
        if (Host is null) return Workspace.Open(path);
        return string.Equals(System.IO.Path.GetFullPath(path), Host.Path, StringComparison.Ordinal)
            ? Host.Connect()
            : throw new WorkspaceException($"this server holds {Host.Path}, not {path}.");
    }

    /// <summary>A path as given on the command line, in full (relative to <see cref="CurrentDirectory"/>).</summary>
    public string FullPath(string path) => System.IO.Path.GetFullPath(path, CurrentDirectory);

    /// <summary>The context of a real process.</summary>
    public static CliContext FromProcess()
    {
        var interactive = !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
            // Redirected, the output is a file or a pipe, which may fill: its failures say they were the output's.
            Out = new AnsiConsoleOutput(interactive ? Console.Out : new StandardOutput(Console.Out)),
        });
        if (!interactive) console.Profile.Width = 4096;
        return new CliContext(console, Console.Error, TimeProvider.System, System.Environment.GetEnvironmentVariable, interactive)
        {
            CommandName = Invocation.Detect(System.Environment.ProcessPath, typeof(CliContext).Assembly.Location, System.Environment.CurrentDirectory,
                System.Environment.GetEnvironmentVariable("PATH")),
        };
    }
}
