using System.Text;

namespace Clientele.Classification.Internal;

/// <summary>
/// The segment of every customer under the configured levels (<see cref="StructureMapOptions"/>): organizations by
/// <see cref="StructureMapOptions.OrganizationLevels"/>, persons by <see cref="StructureMapOptions.PersonLevels"/>, a
/// party of unknown kind with none of them under "unknown". Words are trimmed and lower-cased ('/' becomes '-'); a
/// missing field is "unknown" in the path. Shared by the structure map and the wallet estimates, so "comparable
/// customers" are the customers of one segment of the map.
/// </summary>
internal sealed class SegmentKeys
{
    private readonly CustomerColumns _columns;
    private readonly string[] _organization;
    private readonly string[] _person;

    public SegmentKeys(CustomerColumns columns, StructureMapOptions options)
    {
        _columns = columns;
        _organization = [.. options.OrganizationLevels];
        _person = [.. options.PersonLevels];
        LevelsText = Levels(_organization, _person);
    }

    /// <summary>"organizations by industry → domain, persons by population group".</summary>
    public string LevelsText { get; }

    /// <summary>One customer's segment: kind (0 organization, 1 person, 2 unknown), the level words (null where missing).</summary>
    public readonly record struct Key(int Kind, string?[] Words, string Text)
    {
        /// <summary>Whether a level is missing (the party sits under an "unknown" node).</summary>
        public bool HasUnknown => Kind == 2 || Array.IndexOf(Words, null) >= 0;

        /// <summary>The known path down to the first missing level ("organizations/horeca"), or null when the first level is missing.</summary>
        public string? KnownPath(int depth)
        {
            if (Kind == 2 || depth < 1 || depth > Words.Length) return null;
            var sb = new StringBuilder(Kind == 0 ? StructureMap.Organizations : StructureMap.Persons);
            for (var l = 0; l < depth; l++)
            {
                if (Words[l] is not { } word) return null;
                sb.Append('/').Append(word);
            }
            return sb.ToString();
        }
    }

    /// <summary>The segment of customer <paramref name="i"/>.</summary>
    public Key Of(int i)
    {
        int kind;
        string[] levels;
        if (PartyKind.IsOrganization(_columns, i)) (kind, levels) = (0, _organization);
        else if (PartyKind.IsPerson(_columns, i)) (kind, levels) = (1, _person);
        else return new Key(2, [], "2");
        var words = new string?[levels.Length];
        var text = new StringBuilder(kind == 0 ? "0" : "1");
        for (var l = 0; l < levels.Length; l++)
        {
            words[l] = StructureMap.Word(Field(levels[l], i));
            text.Append('\u0001').Append(words[l] ?? "\u0002");
        }
        return new Key(kind, words, text.ToString());
    }

    /// <summary>The path of a segment and the reason a customer is in it.</summary>
    public (string Path, string Reason) Describe(Key key) => Describe(key, _organization, _person, LevelsText);

    /// <summary>The path of a segment and the reason a customer is in it, under the levels of <paramref name="options"/>.</summary>
    public static (string Path, string Reason) Describe(Key key, StructureMapOptions options)
    {
        string[] organization = [.. options.OrganizationLevels], person = [.. options.PersonLevels];
        return Describe(key, organization, person, Levels(organization, person));
    }

    private static string Levels(string[] organization, string[] person) =>
        $"organizations by {string.Join(" → ", organization.Select(Label))}, persons by {string.Join(" → ", person.Select(Label))}";

    private static (string Path, string Reason) Describe(Key key, string[] organization, string[] person, string levelsText)
    {
        if (key.Kind == 2) return (StructureMap.Unknown, $"neither the kind nor a segment field ({levelsText}) is in the data");
        var levels = key.Kind == 0 ? organization : person;
        var top = key.Kind == 0 ? StructureMap.Organizations : StructureMap.Persons;
        var noun = key.Kind == 0 ? "an organization" : "a person";
        if (key.Words.All(w => w is null))
            return ($"{top}/{StructureMap.Unknown}", $"{noun} with no {string.Join(" or ", levels.Select(Label))} in the data");
        var path = new StringBuilder(top);
        var known = new List<string>();
        var missing = new List<string>();
        for (var l = 0; l < levels.Length; l++)
        {
            path.Append('/').Append(key.Words[l] ?? StructureMap.Unknown);
            if (key.Words[l] is { } word) known.Add($"{Label(levels[l])} {word}");
            else missing.Add(Label(levels[l]));
        }
        var reason = $"{noun} in {string.Join(", ", known)}";
        if (missing.Count > 0) reason += $", {string.Join(" and ", missing)} not in the data";
        if (key.Kind == 1 && key.Words[0] is "traders" or "trader" && levels[0] == "population_group")
            reason += " (traders buy for resale: a group of their own)";
        return (path.ToString(), reason);
    }

    private string? Field(string field, int i) => field switch
    {
        "industry" => _columns.Industry[i],
        "domain" => _columns.Domain[i],
        "population_group" => _columns.PopulationGroup[i],
        "region" => _columns.Region[i],
        "country" => _columns.Country[i],
        "channel" => _columns.Channel[i],
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a segment field"),
    };

    /// <summary>
    /// Who lacks what, for the structure map's note: "organization without domain", "person without population group", "of
    /// unknown kind" (the singular, or the plural for <paramref name="count"/> other than 1); null when nothing is missing.
    /// </summary>
    public string? Missing(Key key, int count)
    {
        if (key.Kind == 2) return "of unknown kind (neither organization nor person)";
        var levels = key.Kind == 0 ? _organization : _person;
        var missing = levels.Where((_, l) => key.Words[l] is null).Select(Label).ToList();
        if (missing.Count == 0) return null;
        var noun = (key.Kind == 0 ? "organization" : "person") + (count == 1 ? "" : "s");
        return $"{noun} without {string.Join(" or ", missing)}";
    }

    private static string Label(string field) => field.Replace('_', ' ');
}
