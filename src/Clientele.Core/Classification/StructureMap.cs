using System.Globalization;
using Clientele.Classification.Internal;

namespace Clientele.Classification;

/// <summary>
/// The structure map (DOMAIN.md section 2, article 002): customers grouped as a tree of segments, organizations by
/// industry → domain and persons by population group, with each segment's size, value and growth, and the target
/// groups the company plans beside the current ones.
/// </summary>
/// <remarks>
/// <para>Paths: "organizations/&lt;industry&gt;/&lt;domain&gt;" ("organizations/&lt;industry&gt;/unknown",
/// "organizations/unknown/&lt;domain&gt;", or "organizations/unknown" where the data lacks them), "persons/&lt;population
/// group&gt;" ("persons/unknown"), and "unknown" for a party of unknown kind with no segment column. Segment words are
/// trimmed and lower-cased, '/' inside a word becomes '-'. Traders are the population group "traders" as the data gives
/// it, a group of their own. Dealers and agents are organizations of the domain they serve (the columns carry no
/// separate "business" attribute), so they sit in that domain.</para>
/// <para>Targets (<see cref="CustomerColumns.Targets"/>) match a node by its full path, by "industry/domain" or
/// "industry" under organizations, or by a population group under persons, case-insensitively. A target no party
/// belongs to becomes a node of its own (<see cref="StructureNode.IsNewTargetGroup"/>), under organizations when its
/// path has a '/', under persons otherwise.</para>
/// <para>Cost: one dictionary look-up per customer (a distinct segment's path is a shared string); O(n).</para>
/// </remarks>
public static class StructureMap
{
    /// <summary>
    /// The dimension's declaration (<see cref="DimensionDeclaration"/>): a customer's class is its segment's path, an open set
    /// read from the data; the map's figures and targets say what to do about a segment, so no class has a playbook action.
    /// </summary>
    public static readonly DimensionDeclaration Declaration = new(Dimensions.Segment, "Segment")
    {
        Reason = new ReasonDeclaration(
            [
                new ReasonFigure("segment_missing", "the levels of the segment missing from the data, as bits (level 1 = 1, level 2 = 2, ...); null for none",
                    (r, i) => r.StructureMap.Segment.Figures is { Length: > 0 } f ? f[i] : double.NaN),
            ],
            (@class, row, context) => Reason(@class, row, context.Options.StructureMap)),
    };

    /// <summary>
    /// Why a party is in its segment, from its path (the class), which of its levels were missing from the data (the stored
    /// figure: a level named "unknown" in the data is a word, a missing one is not) and the options' levels. A pure function.
    /// </summary>
    public static string? Reason(string? path, ReasonRow row, StructureMapOptions options)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(options);
        if (path is null) return null;
        var parts = path.Split('/');
        if (parts[0] == Unknown) return $"{Unknown}: {SegmentKeys.Describe(new SegmentKeys.Key(2, [], ""), options).Reason}";
        var kind = parts[0] == Organizations ? 0 : 1;
        var levels = kind == 0 ? options.OrganizationLevels.Count : options.PersonLevels.Count;
        var missing = double.IsNaN(row.Figures[0]) ? 0 : (long)row.Figures[0];
        var words = new string?[levels];
        for (var l = 0; l < levels; l++) words[l] = (missing & (1L << l)) != 0 || l + 1 >= parts.Length ? null : parts[l + 1];
        var (described, reason) = SegmentKeys.Describe(new SegmentKeys.Key(kind, words, ""), options);
        return $"{described}: {reason}";
    }

    /// <summary>The root node's path.</summary>
    public const string Root = "all";

    /// <summary>The top node of organizations.</summary>
    public const string Organizations = "organizations";

    /// <summary>The top node of persons.</summary>
    public const string Persons = "persons";

    /// <summary>The word for a missing segment.</summary>
    public const string Unknown = "unknown";


    /// <summary>Builds the map; see the remarks for the paths and the matching of targets. <see cref="Apply"/> of <see cref="Learn"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="scores"/> are not for the same customers.</exception>
    public static StructureMapResult Build(CustomerColumns columns, CustomerScores scores, string?[] churnStatus, StructureMapOptions options) =>
        Apply(Learn(columns, scores, churnStatus, options), columns, options);

    /// <summary>The tree of segments of every customer with their figures (active by <paramref name="churnStatus"/>) and the targets.</summary>
    /// <exception cref="ArgumentException"><paramref name="scores"/> are not for the same customers.</exception>
    public static StructureMapContext Learn(CustomerColumns columns, CustomerScores scores, string?[] churnStatus, StructureMapOptions options)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(churnStatus);
        options.Validate();
        var n = columns.Count;
        if (scores.ProbabilityAlive.Length != n)
        {
            throw new ArgumentException($"scores are for {scores.ProbabilityAlive.Length} customers, the columns for {n}.", nameof(scores));
        }

        var tree = new SegmentTree();
        tree.Ensure(Root, Root);
        var leafOf = new int[n];
        var leaves = new Dictionary<string, int>();
        var segmentKeys = new SegmentKeys(columns, options);
        for (var i = 0; i < n; i++)
        {
            var key = segmentKeys.Of(i);
            if (!leaves.TryGetValue(key.Text, out var leaf))
            {
                leaf = tree.Ensure(segmentKeys.Describe(key).Path, Root);
                leaves[key.Text] = leaf;
            }

            leafOf[i] = leaf;
        }

        var notes = new List<string>();
        var targets = MatchTargets(columns.Targets, tree, notes);
        var figures = SegmentFigures.Sum(columns, scores, churnStatus, tree, leafOf, notes);
        var nodes = new List<StructureNode>(tree.Count);
        for (var node = 0; node < tree.Count; node++)
        {
            var path = tree.Path[node];
            var target = targets.GetValueOrDefault(node);
            nodes.Add(figures.Node(node, path, tree) with
            {
                TargetPath = target?.Path,
                TargetCustomers = target?.Customers,
                TargetValue = target?.Value,
                TargetDueAt = target?.DueAt,
                IsNewTargetGroup = target is { IsNew: true },
                CustomerGap = target?.Customers - figures.Active[node],
                ValueGap = target?.Value - figures.CurrentYearlyRevenue[node],
            });
        }

        nodes.Sort((a, b) => SegmentTree.Compare(a.Path, b.Path, Root));
        return new StructureMapContext(nodes, notes);
    }

    /// <summary>
    /// The segment of the customers <paramref name="customers"/> (indices into <paramref name="columns"/>; null for all), from their
    /// own segment fields; the others' entries stay null. The map's nodes and notes are <paramref name="context"/>'s, after a note
    /// counting the customers classified who lack a field of their segment.
    /// </summary>
    public static StructureMapResult Apply(StructureMapContext context, CustomerColumns columns, StructureMapOptions options, IReadOnlyList<int>? customers = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var n = columns.Count;
        var classes = new string?[n];
        var missing = new double[n];
        Array.Fill(missing, double.NaN);
        // Two keys can name one path (a word "unknown" in the data and a missing field): whether the path lacks a field is that
        // of the first key seen on it, as when the map was built in one pass. Each party's reason tells its own key.
        var keys = new Dictionary<string, string>();
        var unknownPaths = new HashSet<string>();
        var lacking = new Dictionary<string, (SegmentKeys.Key Key, int Count)>();
        var segmentKeys = new SegmentKeys(columns, options);
        var count = customers?.Count ?? n;
        for (var k = 0; k < count; k++)
        {
            var i = customers?[k] ?? k;
            var key = segmentKeys.Of(i);
            if (!keys.TryGetValue(key.Text, out var path))
            {
                path = segmentKeys.Describe(key).Path;
                keys[key.Text] = path;
                if (key.HasUnknown) unknownPaths.Add(path);
            }

            classes[i] = path;
            if (key.HasUnknown) lacking[key.Text] = (key, lacking.TryGetValue(key.Text, out var seen) ? seen.Count + 1 : 1);
            if (key.Kind != 2 && key.HasUnknown)
            {
                var bits = 0L;
                for (var l = 0; l < key.Words.Length; l++)
                    if (key.Words[l] is null) bits |= 1L << l;
                missing[i] = bits;
            }
        }

        var unknown = 0;
        for (var k = 0; k < count; k++)
        {
            if (unknownPaths.Contains(classes[customers?[k] ?? k]!)) unknown++;
        }

        var notes = new List<string>(context.Notes);
        if (unknown > 0)
        {
            // What is missing, so the analyst knows which field to import: "85 organizations without domain".
            var what = lacking.Values
                .Select(l => (Text: segmentKeys.Missing(l.Key, 2), l.Key, l.Count)).Where(l => l.Text is not null)
                .GroupBy(l => l.Text!, StringComparer.Ordinal)
                .Select(g => (Count: g.Sum(l => l.Count), Text: segmentKeys.Missing(g.First().Key, g.Sum(l => l.Count))!))
                .OrderByDescending(g => g.Count).ThenBy(g => g.Text, StringComparer.Ordinal)
                .Select(g => $"{Count(g.Count)} {g.Text}");
            notes.Insert(0, $"{Count(unknown)} parties lack a field of their segment ({segmentKeys.LevelsText}) and sit under \"{Unknown}\" where it is missing: {string.Join(", ", what)}.");
        }
        var segmentResult = new DimensionResult(Dimensions.Segment, classes, [],
            $"rules: {segmentKeys.LevelsText} (traders a group of their own)")
        {
            Notes = notes,
            Figures = missing,
        };
        return new StructureMapResult(segmentResult, context.Nodes);
    }

    internal static string? Word(string? raw) =>
        string.IsNullOrWhiteSpace(raw) ? null : raw.Trim().ToLowerInvariant().Replace('/', '-');

    private static Dictionary<int, Target> MatchTargets(IReadOnlyList<TargetGroup> groups, SegmentTree tree, List<string> notes)
    {
        var matched = new Dictionary<int, Target>();
        foreach (var group in groups)
        {
            var path = string.Join('/', group.SegmentPath.Split('/').Select(Word).Where(w => w is not null));
            if (path.Length == 0)
            {
                notes.Add($"target \"{group.SegmentPath}\" names no segment and was ignored.");
                continue;
            }

            var node = tree.Find(path);
            if (node < 0) node = tree.Find($"{Organizations}/{path}");
            if (node < 0) node = tree.Find($"{Persons}/{path}");
            var isNew = node < 0;
            if (isNew)
            {
                var full = path.StartsWith(Organizations + "/", StringComparison.Ordinal) || path.StartsWith(Persons + "/", StringComparison.Ordinal)
                    ? path
                    : path.Contains('/', StringComparison.Ordinal) ? $"{Organizations}/{path}" : $"{Persons}/{path}";
                node = tree.Ensure(full, Root);
                notes.Add($"target \"{group.SegmentPath}\" matches no current segment: shown as the new target group {full} with no customers yet.");
            }

            if (matched.TryGetValue(node, out var earlier))
            {
                notes.Add($"targets \"{earlier.Path}\" and \"{group.SegmentPath}\" name the same segment {tree.Path[node]}: their plans are added up.");
                matched[node] = earlier with
                {
                    Path = $"{earlier.Path}; {group.SegmentPath}",
                    Customers = Add(earlier.Customers, group.PlannedCustomers),
                    Value = Add(earlier.Value, group.PlannedValue),
                    DueAt = earlier.DueAt > group.DueAt || group.DueAt is null ? earlier.DueAt : group.DueAt,
                };
            }
            else
            {
                matched[node] = new Target(group.SegmentPath, group.PlannedCustomers, group.PlannedValue, group.DueAt, isNew);
            }
        }

        return matched;
    }

    private static double? Add(double? a, double? b) => a is null ? b : b is null ? a : a + b;

    private static string Count(int count) => count.ToString("N0", CultureInfo.InvariantCulture);

    private sealed record Target(string Path, double? Customers, double? Value, DateOnly? DueAt, bool IsNew);
}
