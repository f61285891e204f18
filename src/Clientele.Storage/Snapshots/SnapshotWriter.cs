using System.Globalization;
using System.Text;
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
        WriteCustomers(connection, result, Path.GetDirectoryName(Path.GetFullPath(workspace.Path))!);
        WriteProductLines(connection, result);
        WriteBuyingRoles(connection, result);
        WriteSegments(connection, result);
        transaction.Commit();
    }

    /// <summary>
    /// One wide row per customer. Written as a CSV file beside the workspace and loaded by DuckDB's parallel reader
    /// inside the snapshot's transaction: at a million customers and some fifty values a row, the appender's call per
    /// value cost most of a minute, the file a few seconds.
    /// </summary>
    private static void WriteCustomers(DuckDBConnection connection, AnalysisResult result, string folder)
    {
        var c = result.Columns;
        var s = c.Summary;
        var scores = result.Scoring.Scores;
        var dimensions = Dimensions.All.Select(result.Dimension).ToArray();
        var overridden = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in result.AppliedOverrides.GroupBy(o => o.CustomerId))
            overridden[group.Key] = string.Join(", ", group.Select(o => o.Dimension).Distinct());
        var path = Path.Combine(folder, $".snapshot-{Guid.NewGuid():N}.csv");
        try
        {
            using (var file = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20))
            {
                var row = new CsvRow(file);
                var asOf = c.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                for (var i = 0; i < c.Count; i++)
                {
                    row.Raw(asOf).Text(c.CustomerId[i]).Text(c.Name[i]).Text(c.Kind[i])
                        .Number(s.Frequency[i]).Number(s.Recency[i]).Number(s.T[i]).Number(s.MonetaryValue[i])
                        .Integer(s.Orders[i]).Number(s.Revenue[i]).Number(c.RevenueLastYear[i]).Number(s.Margin[i]).Number(s.ServiceCost[i])
                        .Number(scores.ProbabilityAlive[i]).Number(scores.ProbabilityAlivePrevious[i])
                        .Number(scores.ExpectedPurchases[i]).Number(scores.ExpectedRevenue[i]).Number(scores.LifetimeValue[i])
                        .Number(scores.PastNetValue[i]).Number(scores.FutureNetValue[i]).Number(scores.Value(i))
                        .Number(result.Strategy.ShareOfWallet[i]).Boolean(double.IsFinite(result.Strategy.ShareOfWallet[i]) ? result.Strategy.ShareEstimated[i] : null)
                        .Number(result.Prospects.CloseProbability[i])
                        .Integer(result.SupplyChain.Depth[i] >= 0 ? result.SupplyChain.Depth[i] : null)
                        .Number(result.Hierarchy.Subsidiaries[i] > 0 ? result.Hierarchy.GroupValue[i] : null)
                        .Integer(result.Hierarchy.Subsidiaries[i])
                        .Number(result.Influence.ReferralValue[i]).Number(result.Influence.InfluenceValue[i]).Number(result.Influence.FullValue[i])
                        .Text(result.ProductLines.CrossSellCount[i] > 0 ? string.Join(", ", result.ProductLines.CrossSellLines(i)) : null)
                        .Text(overridden.GetValueOrDefault(c.CustomerId[i]));
                    foreach (var d in dimensions) row.Text(d.Class[i]).Text(d.Reason[i]);
                    row.End();
                }
            }
            var types = new StringBuilder("{'as_of': 'DATE', 'customer_id': 'VARCHAR'");
            foreach (var (name, type, _) in SnapshotSchema.FigureColumns) types.Append($", '{name}': '{type}'");
            foreach (var dimension in Dimensions.All) types.Append($", '{dimension}': 'VARCHAR', '{SnapshotSchema.ReasonColumn(dimension)}': 'VARCHAR'");
            types.Append('}');
            using var command = connection.CreateCommand();
            command.CommandText = $"INSERT INTO snapshot_customers SELECT * FROM read_csv('{path.Replace("'", "''", StringComparison.Ordinal)}', header = false, delim = ',', quote = '\"', escape = '\"', " +
                $"allow_quoted_nulls = false, columns = {types})";
            command.ExecuteNonQuery();
        }
        finally
        {
            File.Delete(path);
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
