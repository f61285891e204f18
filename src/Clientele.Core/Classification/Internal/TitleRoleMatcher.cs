namespace Clientele.Classification.Internal;

/// <summary>
/// Applies a <see cref="TitleRoleRule"/> list to job titles: the first rule with a whole-word keyword match and no
/// veto wins. Results are cached per distinct title, since a base of a million contacts has a few hundred titles.
/// </summary>
internal sealed class TitleRoleMatcher(IReadOnlyList<TitleRoleRule> rules)
{
    private readonly Dictionary<string, int> _cache = new(StringComparer.Ordinal);

    /// <summary>The index of the rule for <paramref name="title"/>, or −1 when none matches.</summary>
    public int Match(string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return -1;
        }

        if (_cache.TryGetValue(title, out var cached))
        {
            return cached;
        }

        var normal = string.Join(' ', title.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var found = -1;
        for (var r = 0; r < rules.Count && found < 0; r++)
        {
            if (AnyWord(normal, rules[r].Keywords) && !AnyWord(normal, rules[r].Unless))
            {
                found = r;
            }
        }

        _cache[title] = found;
        return found;
    }

    private static bool AnyWord(string title, IReadOnlyList<string> words)
    {
        foreach (var word in words)
        {
            if (ContainsWord(title, word.Trim()))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="word"/> occurs in <paramref name="title"/>, case-insensitively, not inside a longer word.</summary>
    private static bool ContainsWord(string title, string word)
    {
        if (word.Length == 0)
        {
            return false;
        }

        for (var at = title.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0;
             at = title.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + word.Length;
            if ((at == 0 || !char.IsLetterOrDigit(title[at - 1])) && (end == title.Length || !char.IsLetterOrDigit(title[end])))
            {
                return true;
            }
        }

        return false;
    }
}
