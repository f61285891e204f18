using System.Globalization;
using System.Text;

namespace Clientele.Storage.Access;

/// <summary>
/// How user names are written and compared: Unicode NFKC (so a full-width "ａｄｍｉｎ" is "admin"; see <see cref="Normalize"/>), trimmed, compared in any
/// case, 1 to <see cref="MaxLength"/> characters, every one visible (letters, marks, digits, punctuation, symbols) or
/// a plain space between words: no control, format (zero-width), private-use, unassigned or other space character,
/// so "admin\u200b" cannot stand beside "admin".
/// </summary>
public static class UserNames
{
    /// <summary>The longest user name, in characters.</summary>
    public const int MaxLength = 64;

    /// <summary>The name in NFKC, trimmed (the form stored and compared); text that is not valid Unicode is returned trimmed.</summary>
    public static string Normalize(string? userName)
    {
        var name = Fold(userName ?? "").Trim();
        try
        {
            return name.IsNormalized(NormalizationForm.FormKC) ? name : name.Normalize(NormalizationForm.FormKC).Trim();
        }
        catch (ArgumentException)
        {
            return name; // a lone surrogate: Check refuses it
        }
    }

    /// <summary>
    /// Folds the compatibility forms NFKC folds that matter most for look-alike names: full-width ASCII (U+FF01 to
    /// U+FF5E) and the ideographic and no-break spaces. Clientele runs with .NET's invariant globalization, in which
    /// <see cref="string.Normalize(NormalizationForm)"/> changes only ASCII text, so these are folded here.
    /// </summary>
    private static string Fold(string text)
    {
        if (!text.Any(c => c >= '\u00a0')) return text;
        return string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                var c = source[i];
                span[i] = c switch
                {
                    >= '\uff01' and <= '\uff5e' => (char)(c - 0xfee0),
                    '\u3000' or '\u00a0' or '\u2007' or '\u202f' => ' ',
                    _ => c,
                };
            }
        });
    }

    /// <summary>The normalised name when it is a valid user name.</summary>
    /// <exception cref="WorkspaceException">It is empty, too long, or holds a character that is not visible; the message says which.</exception>
    public static string Check(string? userName)
    {
        var name = Normalize(userName);
        if (name.Length is 0 || name.Length > MaxLength)
            throw new WorkspaceException($"a user name has 1 to {MaxLength} characters.");
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] == ' ' && name[i - 1] != ' ') continue;
            if (!Visible(name, i))
                throw new WorkspaceException($"a user name has only visible characters (letters, digits, punctuation, single spaces between words); " +
                                             $"character {i + 1} is U+{(int)name[i]:X4}.");
            if (char.IsHighSurrogate(name[i])) i++;
        }
        return name;
    }

    private static bool Visible(string name, int index) =>
        !char.IsWhiteSpace(name, index) && CharUnicodeInfo.GetUnicodeCategory(name, index) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or
                UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or
                UnicodeCategory.SpaceSeparator => false,
            _ => true,
        };
}
