using System.Data.Common;
using System.Diagnostics;
using Clientele.Customers;

namespace Clientele.Storage.Summary;

/// <summary>
/// The workspace's connection as <see cref="CustomerColumnsQuery"/> uses it: statements run one after another,
/// each timed for an optional <c>step</c> callback (the benchmark's breakdown), rows handed to a reader callback.
/// </summary>
internal sealed class CustomerColumnsDb(Workspace workspace, Action<string, TimeSpan>? step)
{
    private readonly Action<string, TimeSpan>? step = step ?? (Live.LiveTrace.On ? Live.LiveTrace.Report : null);

    public void Execute(string sql)
    {
        var start = Stopwatch.GetTimestamp();
        using (var command = workspace.Command(sql)) command.ExecuteNonQuery();
        step?.Invoke(FirstLine(sql), Stopwatch.GetElapsedTime(start));
    }

    /// <summary>Runs the statements in order (those of <see cref="SqlDialect.ReplaceTempTable"/>, for one).</summary>
    public void Execute(IReadOnlyList<string> statements)
    {
        foreach (var sql in statements) Execute(sql);
    }

    /// <summary>Refreshes a temporary table's statistics where the engine keeps none by itself (<see cref="SqlDialect.Analyze"/>).</summary>
    public void Analyze(string table)
    {
        if (workspace.Dialect.Analyze(table) is { } analyze) Execute(analyze);
    }

    public void Query(string sql, Action<DbDataReader> read, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var start = Stopwatch.GetTimestamp();
        using (var command = workspace.Command(sql, parameters))
        {
            using var reader = command.ExecuteReader();
            while (reader.Read()) read(reader);
        }
        step?.Invoke(FirstLine(sql), Stopwatch.GetElapsedTime(start));
    }

    /// <summary>
    /// Writes every customer of the summary to a temporary table (customer_id, r, window_start) by the engine's bulk writer:
    /// its id, its index, and the start of its churn-signal window, <paramref name="windowDays"/> before its last purchase
    /// (before the as-of date for customers who have not bought).
    /// </summary>
    public void AppendCustomers(string table, IReadOnlyList<string> columns, CustomerSummary summary, int windowDays)
    {
        var start = Stopwatch.GetTimestamp();
        using (var writer = workspace.Dialect.BulkWriter(workspace.Db, table, columns))
        {
            var ids = summary.CustomerId;
            for (var i = 0; i < ids.Length; i++)
            {
                var windowStart = (summary.LastPurchase[i] ?? summary.AsOf).AddDays(-windowDays).ToDateTime(TimeOnly.MinValue);
                writer.Row().Text(ids[i]).Integer(i).Timestamp(windowStart);
            }
            writer.Complete();
        }
        step?.Invoke("append " + table, Stopwatch.GetElapsedTime(start));
    }

    private static string FirstLine(string sql) => sql.Split('\n')[0];
}
