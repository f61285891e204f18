using System.Text;
using Clientele.Classification;

namespace Clientele.Storage.Snapshots;

/// <summary>
/// The snapshot tables: one analysis per as-of date. <c>snapshot_customers</c> is wide (one row per customer
/// and as-of date: summary figures, scores, then a class and a reason column per dimension) so a filtered,
/// sorted listing is one scan; the other tables hold what is not one value per customer.
/// </summary>
public static class SnapshotSchema
{
    /// <summary>The figure and score columns of <c>snapshot_customers</c>, after as_of and customer_id, with their SQL types.</summary>
    public static readonly IReadOnlyList<(string Name, string Type, string Meaning)> FigureColumns =
    [
        ("name", "VARCHAR", "display name"),
        ("kind", "VARCHAR", "person or organization"),
        ("frequency", "DOUBLE", "x: repeat purchase days (summary)"),
        ("recency", "DOUBLE", "t_x, in the snapshot's time unit"),
        ("t", "DOUBLE", "T, in the snapshot's time unit (null for non-buyers)"),
        ("monetary_value", "DOUBLE", "mean spend of the repeat purchase days"),
        ("orders", "INTEGER", "completed orders"),
        ("revenue", "DOUBLE", "revenue of completed orders"),
        ("revenue_last_year", "DOUBLE", "revenue of the last 365 days"),
        ("margin", "DOUBLE", "margin of completed orders"),
        ("service_cost", "DOUBLE", "cost to serve (interaction costs)"),
        ("p_alive", "DOUBLE", "P(alive)"),
        ("p_alive_previous", "DOUBLE", "P(alive) a trend lag earlier"),
        ("expected_purchases", "DOUBLE", "expected purchase days in the horizon"),
        ("expected_revenue", "DOUBLE", "expected revenue in the horizon"),
        ("clv", "DOUBLE", "discounted lifetime revenue"),
        ("past_net_value", "DOUBLE", "margin (or revenue) to date minus cost to serve"),
        ("future_net_value", "DOUBLE", "predicted margin (or revenue) minus cost to serve"),
        ("value", "DOUBLE", "past + future net value"),
        ("share_of_wallet", "DOUBLE", "our share of the customer's category spend"),
        ("share_estimated", "BOOLEAN", "whether the wallet was estimated from comparable customers"),
        ("close_probability", "DOUBLE", "a prospect's probability to close"),
        ("supply_depth", "INTEGER", "0 direct, 1 our customer's customer, ..."),
        ("group_value", "DOUBLE", "own value plus every subsidiary's"),
        ("subsidiaries", "INTEGER", "subsidiaries below the account"),
        ("referral_value", "DOUBLE", "value of the customers it referred"),
        ("influence_value", "DOUBLE", "value of the purchases it drew"),
        ("full_value", "DOUBLE", "value + referral value + influence value"),
        ("cross_sell", "VARCHAR", "product lines to offer, best first"),
        ("overridden", "VARCHAR", "dimensions set by an override"),
    ];

    /// <summary>The figure columns that are amounts of money, in the workspace's currency (<see cref="MoneySetting"/>).</summary>
    public static readonly IReadOnlySet<string> MoneyColumns = new HashSet<string>(StringComparer.Ordinal)
    {
        "monetary_value", "revenue", "revenue_last_year", "margin", "service_cost", "expected_revenue", "clv", "past_net_value",
        "future_net_value", "value", "group_value", "referral_value", "influence_value", "full_value",
    };

    /// <summary>The reason column of a dimension.</summary>
    public static string ReasonColumn(string dimension) => dimension + "_reason";

    internal static readonly string[] Tables =
    [
        """
        CREATE TABLE snapshots (
            as_of DATE NOT NULL, created_at TIMESTAMP NOT NULL, time_unit VARCHAR NOT NULL, horizon_days DOUBLE NOT NULL,
            customers BIGINT NOT NULL, model VARCHAR, scoring_method VARCHAR NOT NULL, options VARCHAR NOT NULL, report VARCHAR NOT NULL)
        """,
        CustomersTable(),
        "CREATE TABLE snapshot_product_lines (as_of DATE NOT NULL, customer_id VARCHAR NOT NULL, product_line VARCHAR NOT NULL, class VARCHAR NOT NULL, reason VARCHAR)",
        """
        CREATE TABLE snapshot_buying_roles (
            as_of DATE NOT NULL, customer_id VARCHAR NOT NULL, contact_id VARCHAR NOT NULL, contact_name VARCHAR, title VARCHAR,
            role VARCHAR NOT NULL, weight DOUBLE NOT NULL, inferred BOOLEAN NOT NULL)
        """,
        """
        CREATE TABLE snapshot_segments (
            as_of DATE NOT NULL, path VARCHAR NOT NULL, parent VARCHAR, level INTEGER NOT NULL, name VARCHAR NOT NULL,
            parties BIGINT NOT NULL, actual_customers BIGINT NOT NULL, active_customers BIGINT NOT NULL, value DOUBLE NOT NULL,
            expected_revenue DOUBLE NOT NULL, new_customers_growth DOUBLE, value_growth DOUBLE,
            target_customers DOUBLE, target_value DOUBLE, target_due_at DATE, target_only BOOLEAN NOT NULL)
        """,
    ];

    private static string CustomersTable()
    {
        var sql = new StringBuilder("CREATE TABLE snapshot_customers (as_of DATE NOT NULL, customer_id VARCHAR NOT NULL");
        foreach (var (name, type, _) in FigureColumns) sql.Append($", {name} {type}");
        foreach (var dimension in Dimensions.All) sql.Append($", {dimension} VARCHAR, {ReasonColumn(dimension)} VARCHAR");
        return sql.Append(')').ToString();
    }
}
