using System.Globalization;
using System.Text;
using Clientele.Classification;

namespace Clientele.Storage.Snapshots;

public static partial class SnapshotQuery
{
    /// <summary>
    /// How customers moved in one dimension between two snapshots: the from-class × to-class counts of the customers in
    /// both, the customers who appeared or disappeared, and for a ranked dimension (ladder, value tier, prospect grade,
    /// churn status) who moved down, most valuable first, at most <paramref name="movedDownLimit"/> of them (null: all).
    /// </summary>
    /// <exception cref="WorkspaceException">An unknown dimension, the same date twice, or a date without a snapshot.</exception>
    public static TransitionReport Transitions(Workspace workspace, string dimension, DateOnly from, DateOnly to, int? movedDownLimit = null)
    {
        var name = Dimension(dimension);
        if (from == to) throw new WorkspaceException($"--from and --to are both {from:yyyy-MM-dd}: compare two different analyses.");
        Resolve(workspace, from);
        Resolve(workspace, to);
        var matrix = new List<TransitionCell>();
        using (var command = Command(workspace, from, to, $"""
            SELECT f.{name}, t.{name}, count(*)
            FROM snapshot_customers f JOIN snapshot_customers t ON t.customer_id = f.customer_id
            WHERE f.as_of = CAST($from AS DATE) AND t.as_of = CAST($to AS DATE)
            GROUP BY 1, 2
            """))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read()) matrix.Add(new TransitionCell(Text(reader, 0), Text(reader, 1), reader.GetInt64(2)));
        }
        var appeared = OnlyIn(workspace, name, to, from);
        var disappeared = OnlyIn(workspace, name, from, to);
        var classes = matrix.SelectMany(c => new[] { c.From, c.To }).Concat(appeared.Select(c => c.Class)).Concat(disappeared.Select(c => c.Class))
            .Distinct().OrderBy(c => Position(name, c)).ThenBy(c => c, StringComparer.Ordinal).ToList();
        matrix = [.. matrix.OrderBy(c => Position(name, c.From)).ThenBy(c => c.From, StringComparer.Ordinal)
            .ThenBy(c => Position(name, c.To)).ThenBy(c => c.To, StringComparer.Ordinal)];
        if (!DimensionClasses.Ranked.Contains(name))
            return new TransitionReport(name, from, to, classes, matrix, appeared, disappeared, null, 0);
        var down = matrix.Where(c => DimensionClasses.Standing(name, c.To) < DimensionClasses.Standing(name, c.From)).Sum(c => c.Customers);
        return new TransitionReport(name, from, to, classes, matrix, appeared, disappeared, MovedDown(workspace, name, from, to, movedDownLimit), down);
    }

    /// <summary>The customers of snapshot <paramref name="day"/> missing from snapshot <paramref name="other"/>, per class.</summary>
    private static List<ClassCount> OnlyIn(Workspace workspace, string dimension, DateOnly day, DateOnly other)
    {
        using var command = Command(workspace, day, other, $"""
            SELECT s.{dimension}, count(*)
            FROM snapshot_customers s
            LEFT JOIN (SELECT customer_id FROM snapshot_customers WHERE as_of = CAST($to AS DATE)) o ON o.customer_id = s.customer_id
            WHERE s.as_of = CAST($from AS DATE) AND o.customer_id IS NULL
            GROUP BY 1
            """);
        using var reader = command.ExecuteReader();
        var counts = new List<ClassCount>();
        while (reader.Read()) counts.Add(new ClassCount(Text(reader, 0), reader.GetInt64(1)));
        return [.. counts.OrderBy(c => Position(dimension, c.Class)).ThenBy(c => c.Class, StringComparer.Ordinal)];
    }

    private static List<MovedCustomer> MovedDown(Workspace workspace, string dimension, DateOnly from, DateOnly to, int? limit)
    {
        var reasons = SnapshotReasons.Of(workspace, to);
        using var command = Command(workspace, from, to, $"""
            SELECT t.customer_id, t.name, f.{dimension}, t.{dimension}, t.value, {SnapshotReasons.Select(workspace, dimension, "t")}
            FROM snapshot_customers f JOIN snapshot_customers t ON t.customer_id = f.customer_id
            WHERE f.as_of = CAST($from AS DATE) AND t.as_of = CAST($to AS DATE)
              AND {Standing(dimension, "t")} < {Standing(dimension, "f")}
            ORDER BY CASE WHEN {workspace.Dialect.IsFinite("t.value")} THEN t.value END DESC NULLS LAST, {workspace.Dialect.OrdinalText("t.customer_id")}
            {(limit is null ? "" : "LIMIT $limit")}
            """, limit);
        using var reader = command.ExecuteReader();
        var moved = new List<MovedCustomer>();
        while (reader.Read())
            moved.Add(new MovedCustomer(reader.GetString(0), Text(reader, 1), reader.GetString(2), reader.GetString(3), Number(reader, 4), reasons.Read(reader, 5, dimension)));
        return moved;
    }

    /// <summary>A CASE giving each class of a ranked dimension its standing (<see cref="DimensionClasses.Standing"/>); null for anything else.</summary>
    private static string Standing(string dimension, string table)
    {
        var sql = new StringBuilder($"CASE {table}.{dimension}");
        foreach (var @class in DimensionClasses.Closed[dimension])
            sql.Append(CultureInfo.InvariantCulture, $" WHEN {Schema.WorkspaceSchema.Literal(@class)} THEN {DimensionClasses.Standing(dimension, @class)}");
        return sql.Append(" END").ToString();
    }

    private static System.Data.Common.DbCommand Command(Workspace workspace, DateOnly from, DateOnly to, string sql, int? limit = null) => limit is { } n
        ? workspace.Command(sql, ("from", DayValue(from)), ("to", DayValue(to)), ("limit", (long)n))
        : workspace.Command(sql, ("from", DayValue(from)), ("to", DayValue(to)));
}
