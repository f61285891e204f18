using System.Diagnostics;
using Clientele.Customers;
using DuckDB.NET.Data;

namespace Clientele.Storage.Summary;

/// <summary>
/// The workspace's connection as <see cref="CustomerColumnsQuery"/> uses it: statements run one after another,
/// each timed for an optional <c>step</c> callback (the benchmark's breakdown), rows handed to a reader callback.
/// </summary>
internal sealed class CustomerColumnsDb(DuckDBConnection connection, Action<string, TimeSpan>? step)
{
    private readonly Action<string, TimeSpan>? step = step ?? (Live.LiveTrace.On ? Live.LiveTrace.Report : null);

    public void Execute(string sql)
    {
        var start = Stopwatch.GetTimestamp();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
        step?.Invoke(FirstLine(sql), Stopwatch.GetElapsedTime(start));
    }

    public void Query(string sql, Action<DuckDBDataReader> read)
    {
        var start = Stopwatch.GetTimestamp();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            while (reader.Read()) read(reader);
        }
        step?.Invoke(FirstLine(sql), Stopwatch.GetElapsedTime(start));
    }

    /// <summary>
    /// Appends every customer of the summary to a temporary table (customer_id, r, window_start): its id, its index,
    /// and the start of its churn-signal window, <paramref name="windowDays"/> before its last purchase (before the
    /// as-of date for customers who have not bought).
    /// </summary>
    public void AppendCustomers(string table, CustomerSummary summary, int windowDays)
    {
        var start = Stopwatch.GetTimestamp();
        using (var appender = connection.CreateAppender("temp", "main", table))
        {
            var ids = summary.CustomerId;
            for (var i = 0; i < ids.Length; i++)
            {
                var windowStart = (summary.LastPurchase[i] ?? summary.AsOf).AddDays(-windowDays).ToDateTime(TimeOnly.MinValue);
                appender.CreateRow().AppendValue(ids[i]).AppendValue(i).AppendValue(windowStart).EndRow();
            }
        }
        step?.Invoke("append " + table, Stopwatch.GetElapsedTime(start));
    }

    private static string FirstLine(string sql) => sql.Split('\n')[0];
}
