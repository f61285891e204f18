using Clientele.Storage.Snapshots;

namespace Clientele.Storage.Live;

/// <summary>The classes live updates moved since an analysis (default: the latest), read from <c>class_changes</c>.</summary>
public static class ClassChanges
{
    /// <summary>
    /// The moves since the analysis, latest first; only <paramref name="customerId"/>'s when given, at most <paramref name="top"/>.
    /// </summary>
    /// <exception cref="WorkspaceException">No analysis, or none as of that date.</exception>
    public static (DateOnly AsOf, IReadOnlyList<ClassChange> Changes, long Total) Since(Workspace workspace, DateOnly? asOf = null, string? customerId = null, int top = 1_000)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        var day = SnapshotQuery.Resolve(workspace, asOf);
        var filter = customerId is null ? "" : " AND customer_id = $id";
        var at = day.ToDateTime(TimeOnly.MinValue);
        using var command = workspace.Command($"""
            SELECT customer_id, dimension, from_class, to_class, live_as_of, changed_at, import_id, count(*) OVER () AS total
            FROM class_changes WHERE as_of = CAST($as_of AS DATE){filter}
            ORDER BY changed_at DESC, {workspace.Dialect.OrdinalText("customer_id")}, {workspace.Dialect.OrdinalText("dimension")} LIMIT {top}
            """, Parameters(at, customerId));
        var changes = new List<ClassChange>();
        long total = 0;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                changes.Add(new ClassChange(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.GetFieldValue<DateOnly>(4), DateTime.SpecifyKind(reader.GetDateTime(5), DateTimeKind.Utc), reader.IsDBNull(6) ? null : reader.GetInt32(6)));
                total = reader.GetInt64(7);
            }
        }
        if (top == 0)
        {
            // No row was read, so the window's count was not either: count the same rows alone.
            using var count = workspace.Command($"SELECT count(*) FROM class_changes WHERE as_of = CAST($as_of AS DATE){filter}", Parameters(at, customerId));
            total = Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        return (day, changes, total);
    }

    private static (string, object?)[] Parameters(DateTime asOf, string? customerId) =>
        customerId is null ? [("as_of", asOf)] : [("as_of", asOf), ("id", customerId)];

    /// <summary>A customer's live mark in the analysis of <paramref name="day"/>, or null when its row is the analysis's own.</summary>
    internal static LiveMark? Mark(Workspace workspace, string customerId, DateOnly day)
    {
        using var command = workspace.Command(
            "SELECT live_as_of, live_at, live_import FROM snapshot_customers WHERE as_of = CAST($as_of AS DATE) AND customer_id = $id AND live_at IS NOT NULL",
            ("as_of", day.ToDateTime(TimeOnly.MinValue)), ("id", customerId));
        LiveMark mark;
        // The row read and its reader closed before the changes are: PostgreSQL runs one command at a time on a connection.
        using (var reader = command.ExecuteReader())
        {
            if (!reader.Read()) return null;
            mark = new LiveMark(day, reader.GetFieldValue<DateOnly>(0), DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc), reader.IsDBNull(2) ? null : reader.GetInt32(2), []);
        }
        var (_, changes, _) = Since(workspace, day, customerId);
        return mark with { Changes = [.. changes.Reverse()] };
    }
}
