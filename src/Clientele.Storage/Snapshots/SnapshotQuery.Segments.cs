using Clientele.Classification;

namespace Clientele.Storage.Snapshots;

public static partial class SnapshotQuery
{
    /// <summary>
    /// The classes of one dimension in a snapshot (default: the latest): customers, share, total and mean value, and the
    /// change in customers since the previous snapshot; for the segment dimension also the structure map with its targets.
    /// </summary>
    /// <exception cref="WorkspaceException">No snapshot, none as of that date, or an unknown dimension.</exception>
    public static SegmentReport Segments(Workspace workspace, string dimension, DateOnly? asOf = null)
    {
        var name = Dimension(dimension);
        var day = Resolve(workspace, asOf);
        DateOnly? previous = List(workspace).Where(s => s.AsOf < day).Select(s => (DateOnly?)s.AsOf).LastOrDefault();
        var total = Count(workspace, day);
        var classes = new List<SegmentClass>();
        var expression = ClassExpression(workspace.Dialect, name);
        var finite = workspace.Dialect.IsFinite("value");
        // One scan of each snapshot, grouped once (a FULL JOIN on a NULL-equal class is refused by PostgreSQL).
        using (var command = workspace.Command($"""
                SELECT class, count(*) FILTER (WHERE is_current = 1),
                       sum(value) FILTER (WHERE is_current = 1 AND {finite}), avg(value) FILTER (WHERE is_current = 1 AND {finite}), count(*) FILTER (WHERE is_current = 0)
                FROM (
                    SELECT {expression} AS class, 1 AS is_current, value FROM snapshot_customers WHERE as_of = CAST($as_of AS DATE)
                    UNION ALL
                    SELECT {expression} AS class, 0 AS is_current, CAST(NULL AS DOUBLE PRECISION) AS value FROM snapshot_customers WHERE as_of = CAST($previous AS DATE)
                ) c
                GROUP BY class
                """, ("as_of", DayValue(day)), ("previous", previous is { } p ? DayValue(p) : null)))
        {
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var customers = reader.GetInt64(1);
                classes.Add(new SegmentClass(Text(reader, 0), customers, total == 0 ? 0 : (double)customers / total,
                    Number(reader, 2), Number(reader, 3), previous is null ? null : customers - reader.GetInt64(4)));
            }
        }
        var ordered = DimensionClasses.IsClosed(name)
            ? classes.OrderBy(c => Position(name, c.Class)).ThenBy(c => c.Class, StringComparer.Ordinal)
            : classes.OrderBy(c => c.Class is null).ThenByDescending(c => c.Customers).ThenBy(c => c.Class, StringComparer.Ordinal);
        return new SegmentReport(name, day, previous, total, [.. ordered], name == Dimensions.Segment ? StructureMap(workspace, day) : []);
    }

    /// <summary>A dimension's class per customer; for a list (influence) one row per role, so a customer who is a leader and a caller counts in both.</summary>
    internal static string ClassExpression(SqlDialect dialect, string dimension) => Dimensions.IsList(dimension)
        ? dialect.ListItems(dimension, DimensionDeclaration.ListSeparator)
        : dimension;

    /// <summary>The display position of a class: a closed set's order, then unknown classes, then no class.</summary>
    private static int Position(string dimension, string? @class)
    {
        if (@class is null) return int.MaxValue;
        var classes = DimensionClasses.Closed.GetValueOrDefault(dimension) ?? [];
        for (var i = 0; i < classes.Count; i++)
            if (classes[i] == @class) return i;
        return int.MaxValue - 1;
    }

    private static long Count(Workspace workspace, DateOnly day)
    {
        using var command = workspace.Command("SELECT count(*) FROM snapshot_customers WHERE as_of = CAST($as_of AS DATE)", ("as_of", DayValue(day)));
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The structure map's nodes depth-first, each parent before its children, siblings by name.</summary>
    private static List<SegmentNode> StructureMap(Workspace workspace, DateOnly day)
    {
        using var command = workspace.Command("""
            SELECT path, parent, level, name, parties, actual_customers, active_customers, value, expected_revenue,
                   new_customers_growth, value_growth, target_customers, target_value, target_due_at, target_only
            FROM snapshot_segments WHERE as_of = CAST($as_of AS DATE)
            """, ("as_of", DayValue(day)));
        using var reader = command.ExecuteReader();
        var nodes = new List<SegmentNode>();
        while (reader.Read())
        {
            nodes.Add(new SegmentNode(reader.GetString(0), Text(reader, 1), reader.GetInt32(2), reader.GetString(3), reader.GetInt64(4),
                reader.GetInt64(5), reader.GetInt64(6), Number(reader, 7) ?? 0, Number(reader, 8) ?? 0, Number(reader, 9), Number(reader, 10),
                Number(reader, 11), Number(reader, 12), reader.IsDBNull(13) ? null : Day(reader, 13), reader.GetBoolean(14)));
        }
        var paths = nodes.Select(n => n.Path).ToHashSet(StringComparer.Ordinal);
        var children = nodes.ToLookup(n => n.Parent is { } parent && parent != n.Path && paths.Contains(parent) ? parent : null);
        var ordered = new List<SegmentNode>(nodes.Count);
        void Visit(string? parent)
        {
            foreach (var node in children[parent].OrderBy(n => n.Name, StringComparer.Ordinal).ThenBy(n => n.Path, StringComparer.Ordinal))
            {
                ordered.Add(node);
                Visit(node.Path);
            }
        }
        Visit(null);
        // A parent cycle (not written by analyze, but possible in a hand-edited table) is shown rather than lost.
        if (ordered.Count < nodes.Count) ordered.AddRange(nodes.Except(ordered).OrderBy(n => n.Path, StringComparer.Ordinal));
        return ordered;
    }
}
