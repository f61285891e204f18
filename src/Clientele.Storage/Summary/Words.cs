namespace Clientele.Storage.Summary;

/// <summary>One string instance per distinct word: tags and roles repeat across millions of rows.</summary>
internal sealed class Words
{
    private readonly Dictionary<string, string> _words = new(StringComparer.Ordinal);

    public string Get(string word)
    {
        if (_words.TryGetValue(word, out var known)) return known;
        _words.Add(word, word);
        return word;
    }
}
