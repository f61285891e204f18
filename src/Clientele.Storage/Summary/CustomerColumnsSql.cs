using System.Globalization;

namespace Clientele.Storage.Summary;

/// <summary>
/// The statements of <see cref="CustomerColumnsQuery"/>. The summary's customer ids are appended to <c>cc_ids</c>
/// with their index <c>r</c>; every result carries that index, not the id, and leaves out customers the summary
/// does not have.
/// Orders are read once, grouped by customer and product line into <c>cc_ol</c>; everything about orders comes
/// from that table except returns in the signal window (one filtered pass over the returned orders).
/// Dates and windows are written into the text (validated integers and formatted dates), not bound.
/// </summary>
internal sealed class CustomerColumnsSql(DateOnly asOf, CustomerColumnsQueryOptions options)
{
    /// <summary>The temporary tables, dropped at the end.</summary>
    public static readonly string[] TempTables = ["cc_ids", "cc_party", "cc_levels", "cc_ol", "cc_lines", "cc_cust", "cc_launch", "cc_contacts"];

    /// <summary>The categorical columns of customers read as codes into <c>cc_levels</c> (column number = index).</summary>
    public static readonly string[] PartyLevels = ["kind", "industry", "domain", "population_group", "region", "country", "channel"];

    private const string ProspectKinds = "'inquiry', 'visit', 'trial', 'quote', 'opportunity'";

    private string AsOfDate => Date(asOf);

    /// <summary>Orders and interactions before this instant count.</summary>
    private string NextDay => Timestamp(asOf.AddDays(1));

    /// <summary>RevenueLastYear: the 365 days up to and including the as-of date.</summary>
    private string YearStart => Timestamp(asOf.AddDays(-364));

    /// <summary>Filled by the appender with the summary's ids.</summary>
    public static string Ids => "CREATE OR REPLACE TEMP TABLE cc_ids (customer_id VARCHAR NOT NULL, r INTEGER NOT NULL)";

    /// <summary>The summary's customers found in <c>customers</c> (all of them, unless the summary came from another workspace).</summary>
    public static string Parties => """
        CREATE OR REPLACE TEMP TABLE cc_party AS
        SELECT customer_id, r, lv.code AS region
        FROM cc_ids JOIN customers c USING (customer_id)
        LEFT JOIN cc_levels lv ON lv.col = 4 AND lv.v = c.region
        """;

    /// <summary>The first summary customer that <c>customers</c> lacks, or nothing.</summary>
    public static string MissingParty => """
        SELECT min(customer_id) FROM cc_ids WHERE customer_id NOT IN (SELECT customer_id FROM cc_party)
        """;

    /// <summary>The distinct values of each categorical column, numbered; parties and contacts read their codes.</summary>
    public static string Levels
    {
        get
        {
            var parts = PartyLevels.Select((column, i) =>
                $"SELECT {i} AS col, v, (row_number() OVER (ORDER BY v) - 1)::INTEGER AS code FROM (SELECT DISTINCT {column} AS v FROM customers WHERE {column} IS NOT NULL)")
                .Append($"SELECT {PartyLevels.Length} AS col, v, (row_number() OVER (ORDER BY v) - 1)::INTEGER AS code FROM (SELECT DISTINCT title AS v FROM contacts WHERE title IS NOT NULL)");
            return "CREATE OR REPLACE TEMP TABLE cc_levels AS " + string.Join(" UNION ALL ", parts);
        }
    }

    public static string ReadLevels => "SELECT col, code, v FROM cc_levels";

    /// <summary>r, name, a code per <see cref="PartyLevels"/>, acquired_at, is_prominent, wallet_estimate, parent r, referrer r.</summary>
    public static string ReadParties
    {
        get
        {
            var codes = string.Concat(PartyLevels.Select((_, i) => $"lv{i}.code, "));
            var joins = string.Concat(PartyLevels.Select((column, i) => $" LEFT JOIN cc_levels lv{i} ON lv{i}.col = {i} AND lv{i}.v = c.{column}"));
            return $"""
                SELECT p.r, c.name, {codes}CAST(c.acquired_at AS DATE), c.is_prominent, c.wallet_estimate, par.r, ref.r
                FROM customers c JOIN cc_party p USING (customer_id)
                LEFT JOIN cc_party par ON par.customer_id = c.parent_id
                LEFT JOIN cc_party ref ON ref.customer_id = c.referred_by{joins}
                """;
        }
    }

    /// <summary>The one pass over orders: per customer and product line (null included).</summary>
    public string OrderLines => $"""
        CREATE OR REPLACE TEMP TABLE cc_ol AS
        SELECT p.r, o.product_line AS line,
               count(*) FILTER (WHERE o.done)::INTEGER AS completed,
               min(o.ordered_at) FILTER (WHERE o.done) AS first_at,
               arg_min(o.amount, o.ordered_at) FILTER (WHERE o.done) AS first_amount,
               max(o.ordered_at) FILTER (WHERE o.done) AS last_at,
               sum(o.amount) FILTER (WHERE o.done) AS revenue,
               sum(o.margin) FILTER (WHERE o.done) AS margin,
               count(*) FILTER (WHERE o.status = 'cancelled')::INTEGER AS cancelled,
               sum(o.margin) FILTER (WHERE o.status = 'returned') AS return_margin,
               sum(o.amount) FILTER (WHERE o.done AND o.ordered_at >= {YearStart}) AS revenue_year,
               min(o.ordered_at) AS first_any
        FROM (SELECT *, status = 'completed' AS done FROM orders WHERE ordered_at < {NextDay}) o
        JOIN cc_party p USING (customer_id)
        GROUP BY p.r, o.product_line
        """;

    public static string Lines => """
        CREATE OR REPLACE TEMP TABLE cc_lines AS
        SELECT line, (row_number() OVER (ORDER BY line) - 1)::INTEGER AS code FROM (
            SELECT line FROM cc_ol WHERE line IS NOT NULL
            UNION SELECT product_line FROM products WHERE product_line IS NOT NULL)
        """;

    public static string ReadLines => "SELECT line FROM cc_lines ORDER BY code";

    /// <summary>Every customer with its first completed order, last purchase day, start of the signal window and order totals.</summary>
    public string Customers => $"""
        CREATE OR REPLACE TEMP TABLE cc_cust AS
        SELECT p.customer_id, p.r, a.first_at, a.last_day,
               CAST(coalesce(a.last_day, {AsOfDate}) - {options.SignalWindowDays} AS TIMESTAMP) AS window_start,
               coalesce(a.revenue, 0) AS revenue, coalesce(a.margin, a.revenue, 0) AS margin_or_revenue,
               a.cancelled, coalesce(a.return_margin, 0) AS return_margin, coalesce(a.revenue_year, 0) AS revenue_year
        FROM cc_party p LEFT JOIN (
            SELECT r, min(first_at) AS first_at, CAST(max(last_at) AS DATE) AS last_day, sum(revenue) AS revenue,
                   sum(margin) AS margin, sum(cancelled) AS cancelled, sum(return_margin) AS return_margin,
                   sum(revenue_year) AS revenue_year
            FROM cc_ol GROUP BY r) a USING (r)
        """;

    /// <summary>r, cancelled, return margin, revenue last year, returns in the signal window; customers with orders.</summary>
    public string ReadOrderTotals => $"""
        SELECT c.r, c.cancelled::INTEGER, c.return_margin, c.revenue_year, coalesce(rr.n, 0)::INTEGER
        FROM cc_cust c LEFT JOIN (
            SELECT c.r, count(*) AS n FROM orders o JOIN cc_cust c USING (customer_id)
            WHERE o.status = 'returned' AND o.ordered_at < {NextDay} AND o.ordered_at >= c.window_start
            GROUP BY c.r) rr USING (r)
        WHERE c.cancelled IS NOT NULL
        """;

    public static string ReadLineOrders => "SELECT o.r, l.code, o.completed FROM cc_ol o JOIN cc_lines l USING (line) WHERE o.completed > 0";

    public string ReadLineInterest => $"""
        SELECT p.r, l.code, count(*)::INTEGER
        FROM interactions i JOIN cc_party p USING (customer_id) JOIN cc_lines l ON l.line = i.product_line
        WHERE i.occurred_at < {NextDay}
        GROUP BY p.r, l.code
        """;

    /// <summary>
    /// r, survey answers, promoters, detractors, positive reviews, negative reviews, positive, negative, prospect
    /// touches, last touch, opportunity outcome, recent complaints, recent low scores, recent service cost.
    /// Scores compare as products so that integer scores meet the cut-offs exactly (9 of 10 is 10·9 ≥ 9·10).
    /// </summary>
    public string ReadInteractions => $"""
        SELECT c.r,
               count(*) FILTER (WHERE i.k = 'survey' AND i.score IS NOT NULL)::INTEGER,
               count(*) FILTER (WHERE i.k = 'survey' AND 10 * i.score >= 9 * coalesce(i.scale_max, 10))::INTEGER,
               count(*) FILTER (WHERE i.k = 'survey' AND 10 * i.score <= 6 * coalesce(i.scale_max, 10))::INTEGER,
               count(*) FILTER (WHERE i.k = 'review' AND 5 * i.score >= 4 * coalesce(i.scale_max, 5))::INTEGER,
               count(*) FILTER (WHERE i.k = 'review' AND 5 * i.score <= 2 * coalesce(i.scale_max, 5))::INTEGER,
               count(*) FILTER (WHERE i.sentiment = 'positive')::INTEGER,
               count(*) FILTER (WHERE i.sentiment = 'negative')::INTEGER,
               count(*) FILTER (WHERE i.k IN ({ProspectKinds}) AND (c.first_at IS NULL OR i.occurred_at < c.first_at))::INTEGER,
               CAST(max(i.occurred_at) AS DATE),
               arg_max(lower(i.tag), i.occurred_at) FILTER (WHERE i.k = 'opportunity'),
               count(*) FILTER (WHERE i.k = 'complaint' AND i.occurred_at >= c.window_start)::INTEGER,
               count(*) FILTER (WHERE i.occurred_at >= c.window_start AND (
                   (i.k = 'survey' AND 10 * i.score <= 4 * coalesce(i.scale_max, 10))
                   OR (i.k = 'review' AND 5 * i.score <= 2 * coalesce(i.scale_max, 5))))::INTEGER,
               coalesce(sum(i.cost) FILTER (WHERE i.occurred_at >= c.window_start), 0)
        FROM (SELECT customer_id, occurred_at, lower(kind) AS k, score, scale_max, sentiment, cost, tag
              FROM interactions WHERE occurred_at < {NextDay}) i
        JOIN cc_cust c USING (customer_id)
        GROUP BY c.r
        """;

    /// <summary>r, the most frequent complaint tag in the signal window (ties: the latest, then the last by name).</summary>
    public string ReadComplaintTags => $"""
        SELECT r, arg_max(tag, struct_pack(n := n, last_at := last_at, tag := tag)) FROM (
            SELECT c.r, lower(i.tag) AS tag, count(*) AS n, max(i.occurred_at) AS last_at
            FROM interactions i JOIN cc_cust c USING (customer_id)
            WHERE lower(i.kind) = 'complaint' AND i.tag IS NOT NULL
              AND i.occurred_at < {NextDay} AND i.occurred_at >= c.window_start
            GROUP BY c.r, lower(i.tag))
        GROUP BY r
        """;

    /// <summary>r, "tag:count, ..." of the suggestions, most frequent first, then by name.</summary>
    public string ReadSuggestionTags => $"""
        SELECT r, string_agg(tag || ':' || n, ', ' ORDER BY n DESC, tag) FROM (
            SELECT p.r, lower(i.tag) AS tag, count(*) AS n
            FROM interactions i JOIN cc_party p USING (customer_id)
            WHERE lower(i.kind) = 'suggestion' AND i.tag IS NOT NULL AND i.occurred_at < {NextDay}
            GROUP BY p.r, lower(i.tag))
        GROUP BY r
        """;

    /// <summary>
    /// Per line: its launch (earliest launched_at of its products, else its first order in the data), whether it
    /// is new, and the days it was on sale within the data (from the later of launch and the data's first order).
    /// </summary>
    public string Launches => $"""
        CREATE OR REPLACE TEMP TABLE cc_launch AS
        WITH launch AS (
            SELECT l.line, l.code, CAST(coalesce(pr.launched, o.first_any) AS DATE) AS launch_day
            FROM cc_lines l
            LEFT JOIN (SELECT product_line AS line, min(launched_at) AS launched FROM products WHERE product_line IS NOT NULL GROUP BY product_line) pr USING (line)
            LEFT JOIN (SELECT line, min(first_any) AS first_any FROM cc_ol WHERE line IS NOT NULL GROUP BY line) o USING (line)
        ), data AS (SELECT CAST(min(first_any) AS DATE) AS first_day FROM cc_ol)
        SELECT line, code, launch_day,
               launch_day > data.first_day + {options.NewLineMinDaysAfterFirstOrder} AS is_new,
               greatest(date_diff('day', greatest(launch_day, data.first_day), {AsOfDate}) + 1, 1) AS days_on_sale
        FROM launch, data
        """;

    /// <summary>r, new lines bought, fewest days from launch to first purchase, best percent rank among the line's first purchases.</summary>
    public static string ReadAdoption => """
        SELECT r, count(*)::INTEGER, min(days)::DOUBLE, min(rank) FROM (
            SELECT o.r, CAST(o.first_at AS DATE) - n.launch_day AS days,
                   percent_rank() OVER (PARTITION BY o.line ORDER BY CAST(o.first_at AS DATE)) AS rank
            FROM cc_ol o JOIN cc_launch n USING (line)
            WHERE n.is_new AND o.completed > 0)
        GROUP BY r
        """;

    /// <summary>
    /// r, line code, followers, expected followers, followers' first-order revenue: per line and region, the other
    /// customers whose first purchase of the line came FollowerMinDays..FollowerMaxDays later (a range frame over the
    /// first-purchase day), the line with the most followers beyond chance (followers − expected) kept per customer (ties: the first
    /// line by name: the rank <c>k</c> of the line within its region, below 2^20 lines).
    /// </summary>
    public string ReadFollowers
    {
        get
        {
            var (min, max) = (options.FollowerMinDays, options.FollowerMaxDays);
            return $"""
                WITH f AS (
                    SELECT o.r, n.code AS line, p.region, CAST(o.first_at AS DATE) - DATE '1970-01-01' AS d, o.first_amount
                    FROM cc_ol o JOIN cc_party p USING (r) JOIN cc_launch n USING (line)
                    WHERE o.completed > 0
                ), w AS (
                    SELECT r, line, region, count(*) OVER win AS followers, sum(first_amount) OVER win AS revenue
                    FROM f
                    WINDOW win AS (PARTITION BY line, region ORDER BY d RANGE BETWEEN {min} FOLLOWING AND {max} FOLLOWING)
                ), e AS (
                    SELECT line, region, expected, row_number() OVER (PARTITION BY region ORDER BY expected DESC, line DESC) AS k
                    FROM (SELECT f.line, f.region, count(*) * {max - min + 1} / any_value(n.days_on_sale) AS expected
                          FROM f JOIN cc_launch n ON n.code = f.line
                          GROUP BY f.line, f.region)
                )
                SELECT w.r, arg_max(w.line, (w.followers - e.expected) * 1048576 + e.k), arg_max(w.followers, (w.followers - e.expected) * 1048576 + e.k)::INTEGER,
                       arg_max(e.expected, (w.followers - e.expected) * 1048576 + e.k), arg_max(coalesce(w.revenue, 0), (w.followers - e.expected) * 1048576 + e.k)
                FROM w JOIN e ON e.line = w.line AND e.region IS NOT DISTINCT FROM w.region
                WHERE w.followers > 0
                GROUP BY w.r
                """;
        }
    }

    /// <summary>r of the referrer, revenue and margin (revenue where none) of the parties it referred by the as-of date.</summary>
    public string ReadReferred => $"""
        SELECT p.r, sum(c.revenue), sum(c.margin_or_revenue)
        FROM referrals f
        JOIN cc_party p ON p.customer_id = f.referrer_id
        JOIN cc_cust c ON c.customer_id = f.referred_id
        WHERE f.occurred_at IS NULL OR f.occurred_at < {NextDay}
        GROUP BY p.r
        """;

    /// <summary>Seller r and buyer r of every supply link; null where the id is not a customer of the summary.</summary>
    public static string ReadSupplyLinks => """
        SELECT s.r, b.r FROM supply_links l
        LEFT JOIN cc_party s ON s.customer_id = l.seller_id
        LEFT JOIN cc_party b ON b.customer_id = l.buyer_id
        ORDER BY s.r NULLS LAST, b.r NULLS LAST
        """;

    public static string Contacts => """
        CREATE OR REPLACE TEMP TABLE cc_contacts AS
        SELECT c.contact_id, (row_number() OVER (ORDER BY c.contact_id) - 1)::INTEGER AS k, p.r AS r, c.name, c.title
        FROM contacts c JOIN cc_party p USING (customer_id)
        """;

    /// <summary>k, customer r, contact_id, name, title code.</summary>
    public static string ReadContacts => $"""
        SELECT k.k, k.r, k.contact_id, k.name, lv.code
        FROM cc_contacts k LEFT JOIN cc_levels lv ON lv.col = {PartyLevels.Length} AND lv.v = k.title
        ORDER BY k.k
        """;

    /// <summary>Contact k, role, weight (default 1; the highest where deals repeat a role).</summary>
    public static string ReadRoles => """
        SELECT k.k, b.role, max(coalesce(b.weight, 1))
        FROM buying_roles b JOIN cc_contacts k USING (contact_id)
        GROUP BY k.k, b.role
        ORDER BY k.k, b.role
        """;

    public static string ReadTargets => "SELECT segment_path, planned_customers, planned_value, CAST(due_at AS DATE) FROM targets ORDER BY segment_path";

    private static string Date(DateOnly day) => "DATE '" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "'";

    private static string Timestamp(DateOnly day) => "TIMESTAMP '" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "'";
}
