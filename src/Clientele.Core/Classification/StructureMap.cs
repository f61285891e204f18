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
/// <para>Cost: one dictionary look-up per customer (a distinct segment's path and reason are shared strings); O(n).</para>
/// </remarks>
public static class StructureMap
{
    /// <summary>The root node's path.</summary>
    public const string Root = "all";

    /// <summary>The top node of organizations.</summary>
    public const string Organizations = "organizations";

    /// <summary>The top node of persons.</summary>
    public const string Persons = "persons";

    /// <summary>The word for a missing segment.</summary>
    public const string Unknown = "unknown";


    /// <summary>Builds the map; see the remarks for the paths and the matching of targets.</summary>
    /// <exception cref="ArgumentException"><paramref name="scores"/> are not for the same customers.</exception>
    public static StructureMapResult Build(CustomerColumns columns, CustomerScores scores, StructureMapOptions options)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(options);
        var n = columns.Count;
        if (scores.ProbabilityAlive.Length != n)
        {
            throw new ArgumentException($"scores are for {scores.ProbabilityAlive.Length} customers, the columns for {n}.", nameof(scores));
        }

        var tree = new SegmentTree();
        tree.Ensure(Root, Root);
        var leafOf = new int[n];
        var classes = new string?[n];
        var reasons = new string?[n];
        var leaves = new Dictionary<(int Kind, string? First, string? Second), int>();
        var leafReason = new Dictionary<int, string>();
        for (var i = 0; i < n; i++)
        {
            var key = Key(columns, i);
            if (!leaves.TryGetValue(key, out var leaf))
            {
                var (path, reason) = Describe(key);
                leaf = tree.Ensure(path, Root);
                leaves[key] = leaf;
                leafReason[leaf] = $"{path}: {reason}";
            }

            leafOf[i] = leaf;
            classes[i] = tree.Path[leaf];
            reasons[i] = leafReason[leaf];
        }

        var notes = new List<string>();
        var targets = MatchTargets(columns.Targets, tree, notes);
        var figures = SegmentFigures.Sum(columns, scores, options, tree, leafOf, notes);
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
        var unknownLeaves = leaves.Where(p => p.Key.Kind == 2 || Word(p.Key.First) is null || (p.Key.Kind == 0 && Word(p.Key.Second) is null))
            .Select(p => p.Value).ToHashSet();
        var unknown = 0;
        foreach (var leaf in leafOf)
        {
            if (unknownLeaves.Contains(leaf)) unknown++;
        }

        if (unknown > 0) notes.Insert(0, $"{Count(unknown)} parties lack the industry, domain or population group of their segment and sit under \"{Unknown}\".");
        var segment = new DimensionResult(Dimensions.Segment, classes, reasons,
            "rules: organizations by industry → domain, persons by population group (traders a group of their own)")
        {
            Notes = notes,
        };
        return new StructureMapResult(segment, nodes);
    }

    /// <summary>Kind code (0 organization, 1 person, 2 unknown) and the two raw segment words that decide the leaf.</summary>
    private static (int Kind, string? First, string? Second) Key(CustomerColumns columns, int i)
    {
        if (PartyKind.IsOrganization(columns, i))
        {
            return (0, columns.Industry[i], columns.Domain[i]);
        }

        return PartyKind.IsPerson(columns, i) || columns.PopulationGroup[i] is not null
            ? (1, columns.PopulationGroup[i], null)
            : (2, null, null);
    }

    private static (string Path, string Reason) Describe((int Kind, string? First, string? Second) key)
    {
        var first = Word(key.First);
        var second = Word(key.Second);
        return key.Kind switch
        {
            0 when first is null && second is null => ($"{Organizations}/{Unknown}", "an organization with no industry or domain in the data"),
            0 when first is null => ($"{Organizations}/{Unknown}/{second}", $"an organization in domain {second}, industry not in the data"),
            0 when second is null => ($"{Organizations}/{first}/{Unknown}", $"an organization in industry {first}, domain not in the data"),
            0 => ($"{Organizations}/{first}/{second}", $"an organization in industry {first}, domain {second}"),
            1 when first is null => ($"{Persons}/{Unknown}", "a person with no population group in the data"),
            1 when first is "traders" or "trader" => ($"{Persons}/{first}", $"a person in population group {first} (traders buy for resale: a group of their own)"),
            1 => ($"{Persons}/{first}", $"a person in population group {first}"),
            _ => (Unknown, "neither the kind nor an industry, domain or population group is in the data"),
        };
    }

    private static string? Word(string? raw) =>
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
