using Clientele.Storage;
using Spectre.Console;

namespace Clientele.Cli.Output;

/// <summary>Asks before a command removes data: yes on <c>--yes</c>, a question on a terminal, a refusal otherwise.</summary>
internal static class Confirmation
{
    /// <summary>Whether to go on; throws when nobody can be asked and <c>--yes</c> was not given.</summary>
    public static bool Ask(CliContext context, string question, bool yes)
    {
        if (yes) return true;
        if (!context.Interactive)
            throw new WorkspaceException("nothing was changed: this removes data, and there is no terminal to ask; pass --yes to confirm.");
        return context.Out.Confirm(question, defaultValue: false);
    }
}
