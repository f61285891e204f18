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

    /// <summary>The context of a real process.</summary>
    public static CliContext FromProcess()
    {
        var interactive = !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!interactive) console.Profile.Width = 4096;
        return new CliContext(console, Console.Error, TimeProvider.System, System.Environment.GetEnvironmentVariable, interactive)
        {
            CommandName = Invocation.Detect(System.Environment.ProcessPath, typeof(CliContext).Assembly.Location, System.Environment.CurrentDirectory,
                System.Environment.GetEnvironmentVariable("PATH")),
        };
    }
}
