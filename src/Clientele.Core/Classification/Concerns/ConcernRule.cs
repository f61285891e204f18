namespace Clientele.Classification.Concerns;

/// <summary>
/// The concern an interaction names: its tag, normalised (lower case; blanks and underscores as hyphens) and mapped
/// through <see cref="ConcernOptions.Synonyms"/>; where the tag is empty, the first keyword of
/// <see cref="ConcernOptions.Keywords"/> that starts a word of its text (longest keyword first). Only interactions of
/// <see cref="ConcernOptions.Kinds"/> name a concern; the concern <c>none</c> (a synonym's way to drop a tag) names none.
/// </summary>
public sealed class ConcernRule
{
    /// <summary>The concern a synonym maps a tag to when the tag names no concern (e.g. "need-ended").</summary>
    public const string None = "none";

    private readonly HashSet<string> _kinds;
    private readonly HashSet<string> _general;
    private readonly Dictionary<string, string> _synonyms;
    private readonly (string Keyword, string Concern)[] _keywords;

    /// <summary>The rule of the given options (checked first).</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public ConcernRule(ConcernOptions options)
    {
        options.Validate();
        _kinds = options.Kinds.Select(k => k.Trim().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        _general = options.General.Select(Normalise).ToHashSet(StringComparer.Ordinal);
        _synonyms = options.Synonyms.ToDictionary(p => Normalise(p.Key), p => Normalise(p.Value), StringComparer.Ordinal);
        _keywords = [.. options.Keywords
            .Select(p => (Keyword: p.Key.Trim().ToLowerInvariant(), Concern: Normalise(p.Value)))
            .OrderByDescending(p => p.Keyword.Length).ThenBy(p => p.Keyword, StringComparer.Ordinal)];
    }

    /// <summary>A tag or concern as the taxonomy spells it: trimmed, lower case, runs of blanks and underscores as one hyphen.</summary>
    public static string Normalise(string word)
    {
        var parts = word.Trim().ToLowerInvariant().Split([' ', '\t', '_', '-'], StringSplitOptions.RemoveEmptyEntries);
        return string.Join('-', parts);
    }

    /// <summary>Whether a concern is a concern in general (price, quality, ...) rather than a deeper need.</summary>
    public bool IsGeneral(string concern) => _general.Contains(concern);

    /// <summary>The concern of an interaction, or null when its kind is not read or neither tag nor text names one.</summary>
    public string? ConcernOf(string? kind, string? tag, string? text)
    {
        if (kind is null || !_kinds.Contains(kind.Trim().ToLowerInvariant())) return null;
        string? concern = null;
        if (!string.IsNullOrWhiteSpace(tag))
        {
            var word = Normalise(tag);
            concern = _synonyms.GetValueOrDefault(word, word);
        }
        else if (!string.IsNullOrWhiteSpace(text))
        {
            concern = Keyword(text.ToLowerInvariant());
        }
        return concern is null or None || concern.Length == 0 ? null : concern;
    }

    private string? Keyword(string text)
    {
        foreach (var (keyword, concern) in _keywords)
        {
            for (var at = text.IndexOf(keyword, StringComparison.Ordinal); at >= 0; at = text.IndexOf(keyword, at + 1, StringComparison.Ordinal))
            {
                if (at == 0 || !char.IsLetterOrDigit(text[at - 1])) return concern;
            }
        }
        return null;
    }
}
