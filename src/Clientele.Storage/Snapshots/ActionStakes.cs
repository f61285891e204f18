using System.Globalization;
using System.Text;
using Clientele.Classification;

namespace Clientele.Storage.Snapshots;

/// <summary>
/// The playbook's actions ranked by the value at stake: for each class of a dimension with an action (the playbook's own
/// grouping, <see cref="Playbook.For"/>), its customers and the sum of their future net value, the margin (or revenue) they
/// are expected to bring over the lifetime horizon, discounted, minus their cost to serve. Routine actions
/// (<see cref="Playbook.Routine"/>) are left out. A customer holds one class per dimension, so the groups of different
/// dimensions overlap and their values must not be added up.
/// </summary>
public static class ActionStakes
{
    /// <summary>
    /// The <paramref name="top"/> actions of a snapshot (default: the latest) by the size of the value at stake; a negative sum
    /// (customers expected to cost more than they bring, BZC) ranks by its size too, since it is the loss the action is to stop.
    /// </summary>
    /// <exception cref="WorkspaceException">No snapshot, or none as of that date.</exception>
    public static IReadOnlyList<ActionAtStake> Rank(Workspace workspace, DateOnly? asOf = null, int top = 5)
    {
        var day = SnapshotQuery.Resolve(workspace, asOf);
        var playbook = SnapshotQuery.PlaybookOf(workspace, day, []);
        var stakes = new List<ActionAtStake>();
        using var command = workspace.Command(Sql(workspace.Dialect, Playbook.Defaults.Keys), ("as_of", day.ToDateTime(TimeOnly.MinValue)));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var dimension = reader.GetString(0);
            var @class = reader.GetString(1);
            if (playbook.IsRoutine(dimension, @class)) continue;
            var action = playbook.For(dimension, @class).FirstOrDefault();
            if (action is null) continue;
            var value = reader.IsDBNull(3) ? 0 : reader.GetDouble(3);
            stakes.Add(new ActionAtStake(dimension, @class, action, reader.GetInt64(2), double.IsFinite(value) ? value : 0));
        }
        return [.. stakes
            .OrderByDescending(s => Math.Abs(s.ValueAtStake)).ThenByDescending(s => s.Customers)
            .ThenBy(s => s.Dimension, StringComparer.Ordinal).ThenBy(s => s.Class, StringComparer.Ordinal)
            .Take(top)];
    }

    /// <summary>One scan per dimension: its class per customer (each role of an influence list apart) with the future net value.</summary>
    private static string Sql(SqlDialect dialect, IEnumerable<string> dimensions)
    {
        var union = new StringBuilder();
        foreach (var dimension in dimensions)
        {
            if (union.Length > 0) union.Append("\n        UNION ALL\n");
            // A class whose action is for live relationships counts only the active and at-risk (ClassFilter.ForAction).
            var live = ClassFilter.AppliesSql(dimension, dimension, Dimensions.ChurnStatus) is { } applies ? $" AND {applies}" : "";
            union.Append(CultureInfo.InvariantCulture,
                $"SELECT '{dimension}' AS dimension, {SnapshotQuery.ClassExpression(dialect, dimension)} AS class, future_net_value FROM snapshot_customers WHERE as_of = CAST($as_of AS DATE){live}");
        }
        return $"""
            SELECT dimension, class, count(*), sum(future_net_value) FILTER (WHERE {dialect.IsFinite("future_net_value")})
            FROM (
                {union}
            ) c
            WHERE class IS NOT NULL
            GROUP BY dimension, class
            """;
    }
}

/// <summary>One playbook action and what is at stake in it.</summary>
/// <param name="Dimension">The dimension of the class the action is for.</param>
/// <param name="Class">The class (for influence, one role).</param>
/// <param name="Action">What to do, as the snapshot's playbook says.</param>
/// <param name="Customers">The customers in the class the action is for (<see cref="Audience"/>).</param>
/// <param name="ValueAtStake">The sum of their future net value (money, the workspace's currency); 0 when no model predicted a future.</param>
public sealed record ActionAtStake(string Dimension, string Class, string Action, long Customers, double ValueAtStake)
{
    /// <summary>
    /// Whether a ranking of these actions says nothing about value: every value at stake is 0 (no model or rule predicted any
    /// customer's future), so the actions stand in the order of their numbers of customers.
    /// </summary>
    public static bool NoValueAtStake(IReadOnlyList<ActionAtStake> actions) => actions.Count > 0 && actions.All(a => a.ValueAtStake == 0);

    /// <summary>The filters that list the action's customers (<see cref="ClassFilter.ForAction"/>): its class, and for a buyer's ladder action a churn status of active or at-risk.</summary>
    public IReadOnlyList<ClassFilter> Audience => ClassFilter.ForAction(Dimension, Class);
}
