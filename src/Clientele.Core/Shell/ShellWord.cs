namespace Clientele.Shell;

/// <summary>
/// One argument of a command the product prints for the user to run (a report's "clientele customers --where
/// buying_center=no contacts"): bare when the shell leaves it as it is, otherwise in single quotes, so a pasted command
/// gets the argument it shows.
/// </summary>
public static class ShellWord
{
    /// <summary>The argument as a POSIX shell word: <c>ladder=customer</c>, <c>'buying_center=no contacts'</c>, <c>'it'\''s'</c>.</summary>
    public static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '=' or '.' or '/' or ',' or ':' or '+' or '@')
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
