using Clientele.Classification;
using DuckDB.NET.Data;

namespace Clientele.Storage.Tests.Snapshots;

/// <summary>
/// Two small analyses written with SQL INSERTs, as <c>clientele analyze</c> would store them (also used by the CLI tests).
/// Between them: C2 moves down the ladder (supporter → customer) and to at-risk, C3 lapses, C4 disappears, the prospect
/// C5 buys (prospect → buyer), and the prospect C6 appears.
/// </summary>
public static class HandMadeSnapshots
{
    public const string First = "2024-06-30";
    public const string Second = "2024-12-31";

    /// <summary>The options of the second analysis: the playbook replaces the action of ladder customers.</summary>
    public const string SecondOptions = """{ "playbook": { "actions": { "ladder": { "customer": "Call every quarter." } } } }""";

    public static void InsertBoth(DuckDBConnection connection)
    {
        Snapshot(connection, First, 5);
        Customer(connection, First, "C1", "Ada Lovelace", "person", 5000, 6000, 12,
            (Dimensions.Ladder, "advocate"), (Dimensions.ValueTier, "VIP"), (Dimensions.ValueClass, "MVC"), (Dimensions.ChurnStatus, "active"),
            (Dimensions.Segment, "Retail/Families"), (Dimensions.Influence, "referrer, leader"));
        Customer(connection, First, "C2", "Bolt GmbH", "organization", 3000, 4000, 8,
            (Dimensions.Ladder, "supporter"), (Dimensions.ValueTier, "large"), (Dimensions.ValueClass, "MGC"), (Dimensions.ChurnStatus, "active"),
            (Dimensions.Segment, "Manufacturing/Machinery"), (Dimensions.BuyingCenter, "no decider"));
        Customer(connection, First, "C3", "Cy Young", "person", 800, 900, 4,
            (Dimensions.Ladder, "customer"), (Dimensions.ValueTier, "medium"), (Dimensions.ValueClass, "other"), (Dimensions.ChurnStatus, "active"),
            (Dimensions.Segment, "Retail/Students"));
        Customer(connection, First, "C4", "Dee Dee", "person", -200, 150, 1,
            (Dimensions.Ladder, "buyer"), (Dimensions.ValueTier, "small"), (Dimensions.ValueClass, "BZC"), (Dimensions.ChurnStatus, "at-risk"),
            (Dimensions.Segment, "Retail/Students"));
        Customer(connection, First, "C5", "Eve Adams", "person", null, 0, 0,
            (Dimensions.Ladder, "prospect"), (Dimensions.ProspectGrade, "A"), (Dimensions.Segment, "Retail/Students"));

        Snapshot(connection, Second, 5, SecondOptions);
        Customer(connection, Second, "C1", "Ada Lovelace", "person", 5600, 7000, 14,
            (Dimensions.Ladder, "advocate"), (Dimensions.ValueTier, "VIP"), (Dimensions.ValueClass, "MVC"), (Dimensions.ChurnStatus, "active"),
            (Dimensions.Segment, "Retail/Families"), (Dimensions.Influence, "referrer, leader"));
        Customer(connection, Second, "C2", "Bolt GmbH", "organization", 2500, 4100, 8,
            (Dimensions.Ladder, "customer"), (Dimensions.ValueTier, "large"), (Dimensions.ValueClass, "MGC"), (Dimensions.ChurnStatus, "at-risk"),
            (Dimensions.Segment, "Manufacturing/Machinery"), (Dimensions.BuyingCenter, "no decider"), (Dimensions.Influence, "leader"));
        Customer(connection, Second, "C3", "Cy Young", "person", 700, 900, 4,
            (Dimensions.Ladder, "customer"), (Dimensions.ValueTier, "medium"), (Dimensions.ValueClass, "other"), (Dimensions.ChurnStatus, "lapsed"),
            (Dimensions.ChurnReason, "price"), (Dimensions.Segment, "Retail/Students"));
        Customer(connection, Second, "C5", "Eve Adams", "person", 100, 120, 1,
            (Dimensions.Ladder, "buyer"), (Dimensions.ValueTier, "small"), (Dimensions.ValueClass, "other"), (Dimensions.ChurnStatus, "active"),
            (Dimensions.Segment, "Retail/Students"));
        Customer(connection, Second, "C6", "Fay O'Brien", "person", null, 0, 0,
            (Dimensions.Ladder, "prospect"), (Dimensions.ProspectGrade, "B"), (Dimensions.Segment, "Retail/Students"));

        Execute(connection, $"INSERT INTO snapshot_product_lines (as_of, customer_id, product_line, class, {Clientele.Storage.Snapshots.SnapshotSchema.ProductLineStoredReason}) VALUES (DATE '2024-12-31', 'C2', 'Pumps', 'customer', 'bought 6 times'), " +
            "(DATE '2024-12-31', 'C2', 'Valves', 'prospect', 'buys valves elsewhere')");
        Execute(connection, "INSERT INTO snapshot_buying_roles VALUES (DATE '2024-12-31', 'C2', 'P1', 'Pat Payer', 'CFO', 'payer', 1, false), " +
            "(DATE '2024-12-31', 'C2', 'P2', 'Uma User', 'Engineer', 'user', 0.5, true)");
        Execute(connection, """
            INSERT INTO snapshot_segments VALUES
            (DATE '2024-12-31', 'Retail', NULL, 0, 'Retail', 4, 3, 2, 6400, 900, 0.1, 0.05, 6, 8000, DATE '2025-12-31', false),
            (DATE '2024-12-31', 'Retail/Students', 'Retail', 1, 'Students', 3, 2, 1, 800, 100, NULL, NULL, NULL, NULL, NULL, false),
            (DATE '2024-12-31', 'Manufacturing', NULL, 0, 'Manufacturing', 1, 1, 0, 2500, 400, 0, -0.2, NULL, NULL, NULL, false),
            (DATE '2024-12-31', 'Retail/Families', 'Retail', 1, 'Families', 1, 1, 1, 5600, 800, NULL, NULL, NULL, NULL, NULL, false),
            (DATE '2024-12-31', 'Manufacturing/Machinery', 'Manufacturing', 1, 'Machinery', 1, 1, 0, 2500, 400, NULL, NULL, NULL, NULL, NULL, false),
            (DATE '2024-12-31', 'Healthcare', NULL, 0, 'Healthcare', 0, 0, 0, 0, 0, NULL, NULL, 20, 50000, DATE '2025-12-31', true)
            """);
    }

    public static void Snapshot(DuckDBConnection connection, string asOf, long customers, string options = "{}") =>
        Execute(connection, "INSERT INTO snapshots (as_of, created_at, time_unit, horizon_days, customers, model, scoring_method, options, report) VALUES (CAST($1 AS DATE), TIMESTAMP '2025-01-02 03:04:05', 'day', 365, $2, 'pnbd', 'model', $3, '{}')",
            asOf, customers, options);

    /// <summary>
    /// A customer with value, revenue, orders, P(alive) 0.9 and the given classes, each with the reason "&lt;class&gt; because of &lt;id&gt;":
    /// stored as text, in the dimension's reason column or, for a dimension that renders its reason when read, as an older analysis's
    /// row keeps it (<see cref="Clientele.Storage.Snapshots.SnapshotSchema.StoredReasonsColumn"/>).
    /// </summary>
    public static void Customer(DuckDBConnection connection, string asOf, string id, string name, string kind, double? value, double revenue, int orders,
        params (string Dimension, string Class)[] classes)
    {
        var columns = new List<string> { "as_of", "customer_id", "name", "kind", "value", "revenue", "orders", "p_alive" };
        var values = new List<object?> { asOf, id, name, kind, value, revenue, orders, orders > 0 ? 0.9 : double.NaN };
        var older = new System.Text.Json.Nodes.JsonObject();
        // An older analysis's row has every rendered dimension's key, its value null where that dimension had no reason.
        foreach (var dimension in Dimensions.All.Where(d => !Clientele.Storage.Snapshots.SnapshotSchema.StoresReason(d))) older[dimension] = null;
        foreach (var (dimension, @class) in classes)
        {
            columns.Add(dimension);
            values.Add(@class);
            if (!Clientele.Storage.Snapshots.SnapshotSchema.StoresReason(dimension))
            {
                older[dimension] = $"{@class} because of {id}";
                continue;
            }
            columns.Add(Clientele.Storage.Snapshots.SnapshotSchema.ReasonColumn(dimension));
            values.Add($"{@class} because of {id}");
        }
        columns.Add(Clientele.Storage.Snapshots.SnapshotSchema.StoredReasonsColumn);
        values.Add(older.ToJsonString());
        var placeholders = values.Select((_, i) => i == 0 ? "CAST($1 AS DATE)" : $"${i + 1}");
        Execute(connection, $"INSERT INTO snapshot_customers ({string.Join(", ", columns)}) VALUES ({string.Join(", ", placeholders)})", [.. values]);
    }

    public static void Execute(DuckDBConnection connection, string sql, params object?[] values)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var value in values) command.Parameters.Add(new DuckDBParameter(value ?? DBNull.Value));
        command.ExecuteNonQuery();
    }
}
