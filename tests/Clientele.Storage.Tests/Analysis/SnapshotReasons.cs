using Clientele.Classification;
using Clientele.Storage.Snapshots;

namespace Clientele.Storage.Tests.Analysis;

/// <summary>Reads every reason of a snapshot (each dimension's, and each product line's) for the reason checks.</summary>
public static class SnapshotReasons
{
    /// <summary>(customer, where, reason) for every non-empty reason of the snapshot of <paramref name="asOf"/>.</summary>
    public static IEnumerable<(string Customer, string Where, string Reason)> All(Workspace workspace, DateOnly asOf)
    {
        var columns = Dimensions.All.Select(SnapshotSchema.ReasonColumn).ToArray();
        using (var command = workspace.Connection.CreateCommand())
        {
            command.CommandText = $"SELECT customer_id, {string.Join(", ", columns)} FROM snapshot_customers WHERE as_of = '{asOf:yyyy-MM-dd}'";
            using var reader = command.ExecuteReader();
            while (reader.Read())
                for (var k = 0; k < columns.Length; k++)
                    if (!reader.IsDBNull(k + 1)) yield return (reader.GetString(0), columns[k], reader.GetString(k + 1));
        }
        using (var command = workspace.Connection.CreateCommand())
        {
            command.CommandText = $"SELECT customer_id, product_line, reason FROM snapshot_product_lines WHERE as_of = '{asOf:yyyy-MM-dd}' AND reason IS NOT NULL";
            using var reader = command.ExecuteReader();
            while (reader.Read()) yield return (reader.GetString(0), "product line " + reader.GetString(1), reader.GetString(2));
        }
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
