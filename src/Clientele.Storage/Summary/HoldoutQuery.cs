using Clientele.Customers;
using Clientele.Scoring;
using System.Data.Common;

namespace Clientele.Storage.Summary;

/// <summary>
/// What customers actually did after the calibration period: purchase days (same-day orders merged, as
/// the models count them) in (calibration end, holdout end], per customer and per day.
/// </summary>
public static class HoldoutQuery
{
    /// <summary>Purchase days of each customer in the holdout period, in the order of <paramref name="customerIds"/> (0 for none).</summary>
    public static int[] PurchaseDays(Workspace workspace, IReadOnlyList<string> customerIds, DateOnly calibrationEnd, DateOnly holdoutEnd)
    {
        var index = new Dictionary<string, int>(customerIds.Count);
        for (var i = 0; i < customerIds.Count; i++) index[customerIds[i]] = i;
        var counts = new int[customerIds.Count];
        using var command = Command(workspace, $"""
            SELECT customer_id, count(*)
            FROM {CustomerDays.Table} WHERE day >= CAST($start AS DATE) AND day < CAST($end AS DATE)
            GROUP BY customer_id
            """, calibrationEnd, holdoutEnd);
        using var reader = command.ExecuteReader();
        while (reader.Read())
            if (index.TryGetValue(reader.GetString(0), out var i)) counts[i] = (int)reader.GetInt64(1);
        return counts;
    }

    /// <summary>For each day of the holdout period (1 = the day after calibration end): purchase days of the given customers on that day.</summary>
    public static int[] DailyPurchaseDays(Workspace workspace, IReadOnlyList<string> customerIds, DateOnly calibrationEnd, DateOnly holdoutEnd)
    {
        var wanted = customerIds.ToHashSet();
        var days = new int[holdoutEnd.DayNumber - calibrationEnd.DayNumber];
        using var command = Command(workspace, $"""
            SELECT customer_id, day
            FROM {CustomerDays.Table} WHERE day >= CAST($start AS DATE) AND day < CAST($end AS DATE)
            """, calibrationEnd, holdoutEnd);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (!wanted.Contains(reader.GetString(0))) continue;
            var day = reader.GetFieldValue<DateOnly>(1);
            days[day.DayNumber - calibrationEnd.DayNumber - 1]++;
        }
        return days;
    }

    /// <summary>
    /// The model-choice sample from the purchase days: each customer who bought by the calibration end, with
    /// its (x, t_x, T) then (in <paramref name="unit"/>s) and its purchase days in (calibration end, holdout end], and
    /// for each holdout day the purchase days of those customers on it (<see cref="HoldoutSample.DailyActual"/>).
    /// </summary>
    public static HoldoutSample Sample(Workspace workspace, DateOnly calibrationEnd, DateOnly holdoutEnd, TimeUnit unit)
    {
        // The purchase days kept at import (customer_days: one row per customer and day of completed orders) are read twice: per
        // customer (part 0, in customer order), and per holdout day over the customers who had bought by the calibration end (part 1).
        var dialect = workspace.Dialect;
        using var command = Command(workspace, $"""
            WITH d AS (
                SELECT customer_id, day FROM {CustomerDays.Table} WHERE day < CAST($end AS DATE)
            ), c AS MATERIALIZED (
                SELECT customer_id,
                       min(day) FILTER (WHERE day < CAST($start AS DATE)) AS first_day,
                       max(day) FILTER (WHERE day < CAST($start AS DATE)) AS last_day,
                       count(*) FILTER (WHERE day < CAST($start AS DATE)) AS days,
                       count(*) FILTER (WHERE day >= CAST($start AS DATE)) AS holdout
                FROM d GROUP BY customer_id
            )
            SELECT * FROM (
                SELECT 0 AS part, customer_id, days - 1, CAST({dialect.DayDiff("first_day", "last_day")} AS BIGINT),
                       CAST({dialect.DayDiff("first_day", "CAST($start AS DATE)")} - 1 AS BIGINT), holdout
                FROM c WHERE days > 0
                UNION ALL
                SELECT 1, NULL, CAST({dialect.DayDiff("CAST($start AS DATE)", "d.day")} AS BIGINT), count(*), NULL, NULL
                FROM d WHERE d.customer_id IN (SELECT customer_id FROM c WHERE days > 0) AND d.day >= CAST($start AS DATE)
                GROUP BY 3
            ) parts
            ORDER BY part, {dialect.OrdinalText("customer_id")}
            """, calibrationEnd, holdoutEnd);
        var unitDays = (double)unit.Days();
        var x = new List<double>();
        var tx = new List<double>();
        var t = new List<double>();
        var actual = new List<int>();
        var daily = new int[holdoutEnd.DayNumber - calibrationEnd.DayNumber];
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (reader.GetInt32(0) == 1)
            {
                var offset = reader.GetInt64(2);
                if (offset >= 0 && offset < daily.Length) daily[offset] = (int)reader.GetInt64(3);
                continue;
            }
            x.Add(reader.GetInt64(2));
            tx.Add(reader.GetInt64(3) / unitDays);
            t.Add(reader.GetInt64(4) / unitDays);
            actual.Add((int)reader.GetInt64(5));
        }
        return new HoldoutSample([.. x], [.. tx], [.. t], [.. actual], (holdoutEnd.DayNumber - calibrationEnd.DayNumber) / unitDays, calibrationEnd)
        {
            DailyActual = daily,
        };
    }

    private static DbCommand Command(Workspace workspace, string sql, DateOnly calibrationEnd, DateOnly holdoutEnd) =>
        workspace.Command(sql, ("start", calibrationEnd.AddDays(1).ToDateTime(TimeOnly.MinValue)), ("end", holdoutEnd.AddDays(1).ToDateTime(TimeOnly.MinValue)));
}
