using System.Globalization;
using Clientele.Classification;
using Clientele.Classification.Concerns;
using Clientele.Storage.Analysis;
using Clientele.Storage.Snapshots;
using DuckDB.NET.Data;

namespace Clientele.Storage.Concerns;

/// <summary>
/// What customers care about, per group: the interactions of the analysis's customers up to its date, each given its
/// concern by <see cref="ConcernRule"/> (the workspace's options, <c>concerns</c>), counted per segment of the structure
/// map or per class of a dimension. Two SQL statements (the customers' groups; the distinct kind, tag and text per
/// customer with their count); the rule runs once per distinct kind, tag and text.
/// </summary>
public static class ConcernQuery
{
    /// <summary>
    /// The concerns of every group of <paramref name="dimension"/> (default: the structure map's segments) in the analysis
    /// as of <paramref name="asOf"/> (default: the latest). <paramref name="class"/> keeps one class; <paramref name="segment"/>
    /// keeps one segment path with everything under it ("organizations/healthcare", any case) as one group.
    /// </summary>
    /// <exception cref="WorkspaceException">No analysis; an unknown dimension or class; a segment path no customer has; a class and a segment at once; a top below 1.</exception>
    public static ConcernReport Of(Workspace workspace, string? dimension = null, string? @class = null, string? segment = null, int? top = null, DateOnly? asOf = null)
    {
        if (top is < 1) throw new WorkspaceException($"top must be 1 or more, not {top}.");
        if (segment is not null && (dimension is not null || @class is not null))
            throw new WorkspaceException("give either a segment path or a dimension (with a class), not both.");
        var options = AnalysisRunner.StoredOptions(workspace).Concerns;
        var rule = new ConcernRule(options);
        var count = top ?? options.Top;
        var name = dimension is null ? Dimensions.Segment : SnapshotQuery.Dimension(dimension);
        var day = SnapshotQuery.Resolve(workspace, asOf);
        var wanted = @class is null ? null : SnapshotQuery.Class(name, @class);
        var path = segment?.Trim().Trim('/');
        if (path is { Length: 0 }) throw new WorkspaceException("an empty segment path: give one such as organizations/healthcare (see `clientele segments --dimension segment`).");

        var concerns = CustomerConcerns(workspace, day, rule);
        var groups = Groups(workspace, day, name, wanted, path);
        if (path is not null && groups.Count == 0)
            throw new WorkspaceException($"no customer of the analysis as of {day:yyyy-MM-dd} is in segment '{segment}': see the paths with `clientele segments --dimension segment`.");

        var baseCustomers = Customers(workspace, day);
        var baseTally = new Tally();
        foreach (var perCustomer in concerns.Values) baseTally.Add(perCustomer);
        var baseShare = baseTally.Customers.ToDictionary(p => p.Key, p => baseCustomers == 0 ? 0 : (double)p.Value / baseCustomers, StringComparer.Ordinal);
        var baseGroup = baseTally.Group("all customers", baseCustomers, concerns.Count, rule, count, baseShare);

        var result = new List<ConcernGroup>();
        foreach (var (key, members) in groups)
        {
            var tally = new Tally();
            var raising = 0L;
            foreach (var customer in members)
            {
                if (!concerns.TryGetValue(customer, out var perCustomer)) continue;
                raising++;
                tally.Add(perCustomer);
            }
            result.Add(tally.Group(key, members.Count, raising, rule, count, baseShare));
        }
        var ordered = DimensionClasses.Closed.TryGetValue(name, out var closed) && path is null
            ? result.OrderBy(g => g.Class is null ? int.MaxValue : Position(closed, g.Class)).ThenBy(g => g.Class, StringComparer.Ordinal)
            : result.OrderBy(g => g.Class is null).ThenByDescending(g => g.Customers).ThenBy(g => g.Class, StringComparer.Ordinal);
        return new ConcernReport(day, path is null ? name : Dimensions.Segment, count, baseGroup, [.. ordered]);
    }

    /// <summary>Per customer of the analysis with any concern: concern → interactions naming it.</summary>
    private static Dictionary<string, Dictionary<string, long>> CustomerConcerns(Workspace workspace, DateOnly day, ConcernRule rule)
    {
        using var command = workspace.Connection.CreateCommand();
        command.CommandText = """
            SELECT i.customer_id, i.kind, i.tag, i.text, count(*)
            FROM interactions i
            WHERE i.occurred_at < CAST($as_of AS DATE) + INTERVAL 1 DAY
              AND i.customer_id IN (SELECT customer_id FROM snapshot_customers WHERE as_of = CAST($as_of AS DATE))
            GROUP BY ALL
            """;
        command.Parameters.Add(new DuckDBParameter("as_of", day.ToDateTime(TimeOnly.MinValue)));
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
    private static List<(string? Class, List<string> Members)> Groups(Workspace workspace, DateOnly day, string dimension, string? wanted, string? path)
    {
        using var command = workspace.Connection.CreateCommand();
        command.CommandText = path is not null
            ? """
              SELECT customer_id, CAST($path AS VARCHAR) FROM snapshot_customers
              WHERE as_of = CAST($as_of AS DATE) AND (lower(segment) = lower($path) OR starts_with(lower(segment), lower($path) || '/'))
              """
            : $"""
              SELECT customer_id, class FROM (
                  SELECT customer_id, {SnapshotQuery.ClassExpression(dimension)} AS class FROM snapshot_customers WHERE as_of = CAST($as_of AS DATE))
              WHERE $class IS NULL OR class = $class
              """;
        command.Parameters.Add(new DuckDBParameter("as_of", day.ToDateTime(TimeOnly.MinValue)));
        if (path is not null) command.Parameters.Add(new DuckDBParameter("path", path));
        else command.Parameters.Add(new DuckDBParameter("class", (object?)wanted ?? DBNull.Value));
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

    private static int Position(IReadOnlyList<string> classes, string @class)
    {
        for (var i = 0; i < classes.Count; i++)
            if (classes[i] == @class) return i;
        return int.MaxValue - 1;
    }

    private static long Customers(Workspace workspace, DateOnly day)
    {
        using var command = workspace.Connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM snapshot_customers WHERE as_of = CAST($as_of AS DATE)";
        command.Parameters.Add(new DuckDBParameter("as_of", day.ToDateTime(TimeOnly.MinValue)));
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static string? Text(System.Data.Common.DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    /// <summary>Interactions and customers per concern of one group.</summary>
    private sealed class Tally
    {
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

        public ConcernGroup Group(string? @class, long customers, long raising, ConcernRule rule, int top, Dictionary<string, double> baseShare)
        {
            var figures = Customers.Select(p =>
            {
                var share = customers == 0 ? 0 : (double)p.Value / customers;
                var reference = baseShare.GetValueOrDefault(p.Key);
                return new ConcernFigure(p.Key, rule.IsGeneral(p.Key), Interactions[p.Key], p.Value, share, reference > 0 ? share / reference : null);
            }).OrderByDescending(f => f.Customers).ThenByDescending(f => f.Interactions).ThenBy(f => f.Concern, StringComparer.Ordinal).ToList();
            return new ConcernGroup(@class, customers, raising, [.. figures.Where(f => !f.General).Take(top), .. figures.Where(f => f.General).Take(top)]);
        }
    }
}
