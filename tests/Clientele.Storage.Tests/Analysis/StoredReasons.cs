using Clientele.Classification;
using Clientele.Storage.Snapshots;

namespace Clientele.Storage.Tests.Analysis;

/// <summary>Reads every reason of a snapshot (each dimension's, stored or rendered, and each product line's) for the reason checks.</summary>
public static class StoredReasons
{
    /// <summary>(customer, where, reason) for every non-empty reason of the snapshot of <paramref name="asOf"/>.</summary>
    public static IEnumerable<(string Customer, string Where, string Reason)> All(Workspace workspace, DateOnly asOf)
    {
        var reasons = SnapshotReasons.Of(workspace, asOf);
        using (var command = workspace.Connection.CreateCommand())
        {
            command.CommandText = $"SELECT s.customer_id, {string.Join(", ", Dimensions.All.Select(d => SnapshotReasons.Select(d, "s")))} " +
                $"FROM snapshot_customers s WHERE s.as_of = '{asOf:yyyy-MM-dd}'";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var at = 1;
                foreach (var dimension in Dimensions.All)
                {
                    if (reasons.Read(reader, at, dimension) is { } reason) yield return (reader.GetString(0), SnapshotSchema.ReasonColumn(dimension), reason);
                    at += SnapshotReasons.Width(dimension);
                }
            }
        }
        foreach (var (customer, line) in reasons.ProductLines())
            if (line.Reason is { } reason) yield return (customer, "product line " + line.ProductLine, reason);
    }

    /// <summary>Checks every reason; returns the count checked and the first violations (customer, where, what).</summary>
    public static (int Checked, List<string> Violations) Check(Workspace workspace, DateOnly asOf)
    {
        var count = 0;
        var violations = new List<string>();
        foreach (var (customer, where, reason) in All(workspace, asOf))
        {
            count++;
            foreach (var v in ReasonStatements.Violations(reason))
                if (violations.Count < 25) violations.Add($"{customer} {where}: {v}");
        }
        return (count, violations);
    }
}
