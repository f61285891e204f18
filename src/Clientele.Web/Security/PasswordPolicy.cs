using System.Reflection;
using System.Text;
using Clientele.Storage;
using Clientele.Storage.Access;

namespace Clientele.Web.Security;

/// <summary>
/// The passwords users may choose, after NIST SP 800-63B §3.1.1.2 (no composition rules, a length floor, a list of
/// passwords known to be common, not the user's own name). A password is refused, with the reason, when it
/// <list type="bullet">
/// <item>has fewer than <see cref="MinimumLength"/> or more than <see cref="MaximumLength"/> characters, or only spaces;</item>
/// <item>is one of <see cref="CommonWords"/> (CommonPasswords.txt, about 340 written for Clientele), in any case, alone or
/// with only digits and symbols before or after it (<c>Password2024!</c>);</item>
/// <item>is one character or a short run of up to four repeated (<c>aaaaaaaaaaaa</c>, <c>abcabcabcabc</c>), or a
/// sequence of neighbouring characters (<c>123456789012</c>, <c>abcdefghijkl</c>, <c>987654321098</c>);</item>
/// <item>equals the user name, or contains it when the name has at least <see cref="NameContainedFrom"/> characters.</item>
/// </list>
/// Passwords are compared as user names are (<see cref="UserNames.Normalize"/>: NFKC, trimmed), in lower case.
/// </summary>
public static class PasswordPolicy
{
    /// <summary>The shortest password accepted (NIST asks at least 8; 12 because the server may face the internet).</summary>
    public const int MinimumLength = 12;

    /// <summary>The longest password accepted (NIST asks at least 64 be allowed).</summary>
    public const int MaximumLength = 256;

    /// <summary>A user name this long or longer may not appear inside the password (shorter ones would forbid too much).</summary>
    public const int NameContainedFrom = 4;

    /// <summary>The common passwords' words, lower case.</summary>
    public static readonly IReadOnlySet<string> CommonWords = Load();

    /// <summary>Why the password may not be chosen, or null when it may.</summary>
    public static string? Refusal(string? password, string userName)
    {
        password ??= "";
        if (password.Trim().Length == 0) return "a password cannot be empty or only spaces.";
        if (password.Length < MinimumLength) return $"a password has at least {MinimumLength} characters (a few words make a good one).";
        if (password.Length > MaximumLength) return $"a password has at most {MaximumLength} characters.";
        var text = UserNames.Normalize(password).ToLowerInvariant();
        var core = text.Trim(" 0123456789!@#$%^&*()-_=+[]{};:'\",.<>/?\\|`~".ToCharArray());
        if (CommonWords.Contains(text) || core.Length > 0 && CommonWords.Contains(core))
            return "that password is among the most common ones (a common word with digits or symbols around it counts too): choose a less guessable one.";
        if (Repeats(text)) return "a password cannot be one character or a short group repeated: choose a less guessable one.";
        if (Sequence(text)) return "a password cannot be a run of neighbouring characters such as 123456789012 or abcdefghijkl.";
        var name = UserNames.Normalize(userName).ToLowerInvariant();
        if (name.Length > 0 && (text == name || name.Length >= NameContainedFrom && text.Contains(name, StringComparison.Ordinal)))
            return "a password cannot be or contain the user name.";
        return null;
    }

    /// <summary>Checks the password.</summary>
    /// <exception cref="WorkspaceException">It may not be chosen; the message says why.</exception>
    public static void Check(string? password, string userName)
    {
        if (Refusal(password, userName) is { } reason) throw new WorkspaceException(reason);
    }

    private static bool Repeats(string text)
    {
        for (var unit = 1; unit <= 4 && unit < text.Length; unit++)
        {
            var repeated = true;
            for (var i = unit; i < text.Length && repeated; i++) repeated = text[i] == text[i - unit];
            if (repeated) return true;
        }
        return false;
    }

    private static bool Sequence(string text)
    {
        foreach (var step in new[] { 1, -1 })
        {
            var run = true;
            for (var i = 1; i < text.Length && run; i++)
                run = text[i] - text[i - 1] == step || char.IsAsciiDigit(text[i]) && char.IsAsciiDigit(text[i - 1]) && (text[i] - text[i - 1] + 10) % 10 == (step + 10) % 10;
            if (run) return true;
        }
        return false;
    }

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Clientele.Web.Security.CommonPasswords.txt")
                           ?? throw new InvalidOperationException("CommonPasswords.txt is not embedded in Clientele.Web.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length > 0 && !line.StartsWith('#')) words.Add(line.ToLowerInvariant());
        }
        return words;
    }
}
