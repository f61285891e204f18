using System.Globalization;
using Clientele.Classification;
using Clientele.Classification.Concerns;
using Clientele.Storage.Analysis;
using Clientele.Storage.Snapshots;

namespace Clientele.Storage.Concerns;

/// <summary>
/// What customers care about, per group: the interactions of the analysis's customers up to its date, each given its
/// concern by <see cref="ConcernRule"/> (the workspace's options, <c>concerns</c>), counted per segment of the structure
/// map or per class of a dimension, and the same count on the previous analysis for the trend. Per analysis two SQL
/// statements (the customers' groups; the distinct kind, tag and text per customer with their count); the rule runs once
/// per distinct kind, tag and text.
/// </summary>
public static class ConcernQuery
{
    /// <summary>
    /// The concerns of every group of <paramref name="dimension"/> (default: the structure map's segments) in the analysis
    /// as of <paramref name="asOf"/> (default: the latest). <paramref name="class"/> keeps one class; <paramref name="segment"/>
    /// keeps one segment path with everything under it ("organizations/healthcare", any case) as one group. Each figure
    /// also carries the share of the same group in the previous analysis (the latest before it), counted the same way.
    /// </summary>
    /// <exception cref="WorkspaceException">No analysis; an unknown dimension or class; a segment path no customer has; a class and a segment at once; a top below 1.</exception>
    public static ConcernReport Of(Workspace workspace, string? dimension = null, string? @class = null, string? segment = null, int? top = null, DateOnly? asOf = null)
    {
        if (top is < 1) throw new WorkspaceException($"top must be 1 or more, not {top}.");
        var grouping = ConcernGrouping.Of(dimension, @class, segment);
        var options = AnalysisRunner.StoredOptions(workspace).Concerns;
        var rule = new ConcernRule(options);
        var count = top ?? options.Top;
        var day = SnapshotQuery.Resolve(workspace, asOf);
        var previous = SnapshotQuery.List(workspace).Where(s => s.AsOf < day).Select(s => (DateOnly?)s.AsOf).LastOrDefault();

        var now = Count(workspace, day, grouping, rule);
        if (grouping.Path is not null && now.Groups.Count == 0)
            throw new WorkspaceException($"no customer of the analysis as of {day:yyyy-MM-dd} is in segment '{segment}': see the paths with `clientele segments --dimension segment`.");
        (Tally Base, Dictionary<string, Tally> Groups)? before = previous is { } p ? Count(workspace, p, grouping, rule) : null;

        var baseShare = now.Base.Shares();
        var baseGroup = now.Base.Group("all customers", rule, count, baseShare, before?.Base);
        var result = now.Groups.Select(g => g.Value.Group(g.Key, rule, count, baseShare, before is { } b ? b.Groups.GetValueOrDefault(g.Key) ?? new Tally() : null)).ToList();
        var name = grouping.Dimension;
        var ordered = DimensionClasses.Closed.TryGetValue(name, out var closed) && grouping.Path is null
            ? result.OrderBy(g => g.Class is null ? int.MaxValue : Position(closed, g.Class)).ThenBy(g => g.Class, StringComparer.Ordinal)
            : result.OrderBy(g => g.Class is null).ThenByDescending(g => g.Customers).ThenBy(g => g.Class, StringComparer.Ordinal);
        return new ConcernReport(day, previous, name, count, baseGroup, [.. ordered],
            [.. options.Kinds.Select(k => k.Trim().ToLowerInvariant())], InteractionsByKind(workspace, day));
    }

    /// <summary>The base's and every group's tally in the analysis as of <paramref name="day"/>.</summary>
    private static (Tally Base, Dictionary<string, Tally> Groups) Count(Workspace workspace, DateOnly day, ConcernGrouping grouping, ConcernRule rule)
    {
        var concerns = CustomerConcerns(workspace, day, rule);
        var all = new Tally { Members = Customers(workspace, day), Raising = concerns.Count };
        foreach (var perCustomer in concerns.Values) all.Add(perCustomer);
        var groups = new Dictionary<string, Tally>(StringComparer.Ordinal);
        foreach (var (key, members) in Groups(workspace, day, grouping))
        {
            var tally = new Tally { Members = members.Count };
            foreach (var customer in members)
            {
                if (!concerns.TryGetValue(customer, out var perCustomer)) continue;
                tally.Raising++;
                tally.Add(perCustomer);
            }
            groups[key ?? NoClass] = tally;
        }
        return (all, groups);
    }

    /// <summary>The key of the customers without a class (no class is spelled with a NUL).</summary>
    private const string NoClass = "\0";

    /// <summary>Per customer of the analysis with any concern: concern → interactions naming it.</summary>
    private static Dictionary<string, Dictionary<string, long>> CustomerConcerns(Workspace workspace, DateOnly day, ConcernRule rule)
    {
        using var command = workspace.Command("""
            SELECT i.customer_id, i.kind, i.tag, i.text, count(*)
            FROM interactions i
            WHERE i.occurred_at < CAST($as_of AS DATE) + INTERVAL '1 day'
              AND i.customer_id IN (SELECT customer_id FROM snapshot_customers WHERE as_of = CAST($as_of AS DATE))
            GROUP BY i.customer_id, i.kind, i.tag, i.text
            """, ("as_of", day.ToDateTime(TimeOnly.MinValue)));
        var memo = new Dictionary<(string?, string?, string?), string?>();
        var result = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var key = (Text(reader, 1), Text(reader, 2), Text(reader, 3));
            if (!memo.TryGetValue(key, out var concern)) memo[key] = concern = rule.ConcernOf(key.Item1, key.Item2, key.Item3);
            if (concern is null) continue;
            var customer = reader.GetString(0);
            if (!result.TryGetValue(customer, out var perCustomer)) result[customer] = perCustomer = new Dictionary<string, long>(StringComparer.Ordinal);
            perCustomer[concern] = perCustomer.GetValueOrDefault(concern) + Convert.ToInt64(reader.GetValue(4), CultureInfo.InvariantCulture);
        }
        return result;
    }

    /// <summary>The customers of each group (a customer may be in several for influence roles).</summary>
    private static List<(string? Class, List<string> Members)> Groups(Workspace workspace, DateOnly day, ConcernGrouping grouping)
    {
        using var command = workspace.Command(grouping.MembersSql(workspace.Dialect), grouping.Parameters(day));
        var groups = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var none = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var key = Text(reader, 1);
            List<string> members;
            if (key is null) members = none;
            else if (!groups.TryGetValue(key, out members!)) groups[key] = members = [];
            members.Add(reader.GetString(0));
        }
        var result = groups.Select(p => ((string?)p.Key, p.Value)).ToList();
        if (none.Count > 0) result.Add((null, none));
        return result;
    }

    /// <summary>The analysis's customers' interactions up to its date per kind, most first.</summary>
    private static Dictionary<string, long> InteractionsByKind(Workspace workspace, DateOnly day)
    {
        using var command = workspace.Command($"""
            SELECT kind, n FROM (
                SELECT coalesce(lower(trim(kind)), '') AS kind, count(*) AS n FROM interactions
                WHERE occurred_at < CAST($as_of AS DATE) + INTERVAL '1 day'
                  AND customer_id IN (SELECT customer_id FROM snapshot_customers WHERE as_of = CAST($as_of AS DATE))
                GROUP BY 1) kinds
            ORDER BY n DESC, {workspace.Dialect.OrdinalText("kind")}
            """, ("as_of", day.ToDateTime(TimeOnly.MinValue)));
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read()) result[reader.GetString(0)] = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
        return result;
    }

    private static int Position(IReadOnlyList<string> classes, string @class)
    {
        for (var i = 0; i < classes.Count; i++)
            if (classes[i] == @class) return i;
        return int.MaxValue - 1;
    }

    private static long Customers(Workspace workspace, DateOnly day)
    {
        using var command = workspace.Command("SELECT count(*) FROM snapshot_customers WHERE as_of = CAST($as_of AS DATE)", ("as_of", day.ToDateTime(TimeOnly.MinValue)));
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static string? Text(System.Data.Common.DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    /// <summary>Customers, those raising any concern, and interactions and customers per concern of one group.</summary>
    private sealed class Tally
    {
        public long Members { get; init; }

        public long Raising { get; set; }

        public Dictionary<string, long> Interactions { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, long> Customers { get; } = new(StringComparer.Ordinal);

        public void Add(Dictionary<string, long> perCustomer)
        {
            foreach (var (concern, interactions) in perCustomer)
            {
                Interactions[concern] = Interactions.GetValueOrDefault(concern) + interactions;
                Customers[concern] = Customers.GetValueOrDefault(concern) + 1;
            }
        }

        public Dictionary<string, double> Shares() =>
            Customers.ToDictionary(p => p.Key, p => Members == 0 ? 0 : (double)p.Value / Members, StringComparer.Ordinal);

        /// <summary>The group's top figures; <paramref name="previous"/> is the same group in the previous analysis (null: there is none).</summary>
        public ConcernGroup Group(string? @class, ConcernRule rule, int top, Dictionary<string, double> baseShare, Tally? previous)
        {
            var figures = Customers.Select(p =>
            {
                var share = Members == 0 ? 0 : (double)p.Value / Members;
                var reference = baseShare.GetValueOrDefault(p.Key);
                double? before = previous is { Members: > 0 } ? (double)previous.Customers.GetValueOrDefault(p.Key) / previous.Members : null;
                return new ConcernFigure(p.Key, rule.IsGeneral(p.Key), Interactions[p.Key], p.Value, share, reference > 0 ? share / reference : null,
                    before, before is { } b ? (share - b) * 100 : null);
            }).OrderByDescending(f => f.Customers).ThenByDescending(f => f.Interactions).ThenBy(f => f.Concern, StringComparer.Ordinal).ToList();
            return new ConcernGroup(@class == NoClass ? null : @class, Members, Raising,
                [.. figures.Where(f => !f.General).Take(top), .. figures.Where(f => f.General).Take(top)], previous?.Members);
        }
    }
}
