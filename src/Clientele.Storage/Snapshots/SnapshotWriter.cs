using System.Text.Json;
using System.Text.Json.Nodes;
using Clientele.Classification;
using DuckDB.NET.Data;

namespace Clientele.Storage.Snapshots;

/// <summary>
/// Stores an analysis as the snapshot of its as-of date, replacing an earlier snapshot of the same date, in one
/// transaction: either the whole snapshot is there or the previous state is.
/// </summary>
public static class SnapshotWriter
{
    /// <summary>Writes the snapshot. <paramref name="report"/> is the run's report (model choice, fallbacks, methods), kept as JSON.</summary>
    public static void Save(Workspace workspace, AnalysisResult result, ClassificationOptions options, JsonObject report, DateTime createdAt)
    {
        var columns = result.Columns;
        var asOf = columns.AsOf;
        var connection = workspace.Connection;
        using var transaction = connection.BeginTransaction();
        foreach (var table in new[] { "snapshots", "snapshot_customers", "snapshot_product_lines", "snapshot_buying_roles", "snapshot_segments" })
            Execute(connection, $"DELETE FROM {table} WHERE as_of = $1", asOf);
        Execute(connection, "INSERT INTO snapshots VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            asOf, createdAt, columns.Summary.Unit.ToString().ToLowerInvariant(), result.Scoring.Scores.HorizonDays, (long)columns.Count,
            result.Scoring.Model, result.Scoring.Scores.Method, options.ToJson(), report.ToJsonString());
        WriteCustomers(connection, result);
        WriteProductLines(connection, result);
        WriteBuyingRoles(connection, result);
        WriteSegments(connection, result);
        transaction.Commit();
    }

    private static void WriteCustomers(DuckDBConnection connection, AnalysisResult result)
    {
        var c = result.Columns;
        var s = c.Summary;
        var scores = result.Scoring.Scores;
        var dimensions = Dimensions.All.Select(result.Dimension).ToArray();
        var overridden = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in result.AppliedOverrides.GroupBy(o => o.CustomerId))
            overridden[group.Key] = string.Join(", ", group.Select(o => o.Dimension).Distinct());
        using var appender = connection.CreateAppender("snapshot_customers");
        for (var i = 0; i < c.Count; i++)
        {
            var row = appender.CreateRow()
                .AppendValue(c.AsOf).AppendValue(c.CustomerId[i]).AppendValue(c.Name[i]).AppendValue(c.Kind[i])
                .AppendValue(s.Frequency[i]).AppendValue(s.Recency[i]).AppendValue(Finite(s.T[i])).AppendValue(s.MonetaryValue[i])
                .AppendValue(s.Orders[i]).AppendValue(s.Revenue[i]).AppendValue(c.RevenueLastYear[i]).AppendValue(s.Margin[i]).AppendValue(s.ServiceCost[i])
                .AppendValue(Finite(scores.ProbabilityAlive[i])).AppendValue(Finite(scores.ProbabilityAlivePrevious[i]))
                .AppendValue(Finite(scores.ExpectedPurchases[i])).AppendValue(Finite(scores.ExpectedRevenue[i])).AppendValue(Finite(scores.LifetimeValue[i]))
                .AppendValue(scores.PastNetValue[i]).AppendValue(Finite(scores.FutureNetValue[i])).AppendValue(scores.Value(i))
                .AppendValue(Finite(result.Strategy.ShareOfWallet[i])).AppendValue(double.IsFinite(result.Strategy.ShareOfWallet[i]) ? result.Strategy.ShareEstimated[i] : null)
                .AppendValue(Finite(result.Prospects.CloseProbability[i]))
                .AppendValue(result.SupplyChain.Depth[i] >= 0 ? result.SupplyChain.Depth[i] : null)
                .AppendValue(result.Hierarchy.Subsidiaries[i] > 0 ? result.Hierarchy.GroupValue[i] : null)
                .AppendValue(result.Hierarchy.Subsidiaries[i])
                .AppendValue(result.Influence.ReferralValue[i]).AppendValue(result.Influence.InfluenceValue[i]).AppendValue(result.Influence.FullValue[i])
                .AppendValue(result.ProductLines.CrossSellCount[i] > 0 ? string.Join(", ", result.ProductLines.CrossSellLines(i)) : null)
                .AppendValue(overridden.GetValueOrDefault(c.CustomerId[i]));
            foreach (var d in dimensions) row = row.AppendValue(d.Class[i]).AppendValue(d.Reason[i]);
            row.EndRow();
        }
    }

    private static void WriteProductLines(DuckDBConnection connection, AnalysisResult result)
    {
        var lines = result.ProductLines;
        using var appender = connection.CreateAppender("snapshot_product_lines");
        for (var l = 0; l < lines.Lines.Count; l++)
            for (var i = 0; i < result.Columns.Count; i++)
            {
                if (lines.Class[l][i] is not { } @class) continue;
                appender.CreateRow().AppendValue(result.Columns.AsOf).AppendValue(result.Columns.CustomerId[i]).AppendValue(lines.Lines[l])
                    .AppendValue(@class).AppendValue(lines.Reason[l][i]).EndRow();
            }
    }

    private static void WriteBuyingRoles(DuckDBConnection connection, AnalysisResult result)
    {
        var holders = result.BuyingCenters.RoleHolders;
        var contacts = result.Columns.Contacts;
        using var appender = connection.CreateAppender("snapshot_buying_roles");
        for (var k = 0; k < holders.CustomerIndex.Length; k++)
        {
            var contact = holders.ContactIndex[k];
            appender.CreateRow().AppendValue(result.Columns.AsOf).AppendValue(result.Columns.CustomerId[holders.CustomerIndex[k]])
                .AppendValue(contacts.ContactId[contact]).AppendValue(contacts.Name[contact]).AppendValue(contacts.Title[contact])
                .AppendValue(holders.Role[k]).AppendValue(holders.Weight[k]).AppendValue(holders.Inferred[k]).EndRow();
        }
    }

    private static void WriteSegments(DuckDBConnection connection, AnalysisResult result)
    {
        using var appender = connection.CreateAppender("snapshot_segments");
        foreach (var node in result.StructureMap.Nodes)
        {
            appender.CreateRow().AppendValue(result.Columns.AsOf).AppendValue(node.Path).AppendValue(node.ParentPath).AppendValue(node.Level).AppendValue(node.Name)
                .AppendValue((long)node.Parties).AppendValue((long)node.ActualCustomers).AppendValue((long)node.ActiveCustomers).AppendValue(node.Value)
                .AppendValue(node.ExpectedRevenue).AppendValue(Finite(node.Growth)).AppendValue(Finite(node.PredictedValueGrowth))
                .AppendValue(node.TargetCustomers).AppendValue(node.TargetValue).AppendValue(node.TargetDueAt).AppendValue(node.IsNewTargetGroup).EndRow();
        }
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    private static void Execute(DuckDBConnection connection, string sql, params object?[] values)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var value in values)
        {
            command.Parameters.Add(new DuckDBParameter(value switch
            {
                DateOnly day => day.ToDateTime(TimeOnly.MinValue),
                null => DBNull.Value,
                _ => value,
            }));
        }
        command.ExecuteNonQuery();
    }

    /// <summary>The serializer of report parts.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new FiniteDoubleConverter() } };
}
