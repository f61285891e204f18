using System.Globalization;

namespace Clientele.Storage.Summary;

/// <summary>
/// The statements of <see cref="CustomerColumnsQuery"/>. The summary's customer ids are written to <c>cc_ids</c> (the dialect's bulk writer)
/// with their index <c>r</c> and the start of their churn-signal window (from the summary's last purchase day);
/// every result carries that index, not the id, and leaves out customers the summary does not have.
/// Completed orders are read once, grouped by customer and product line into <c>cc_ol</c>; the few returned and
/// cancelled ones likewise into <c>cc_other</c> (the status filter skips the completed ones cheaply). An order's or
/// interaction's product line is its own <c>product_line</c>, else the line of its <c>product_id</c> in <c>products</c>
/// (<see cref="LineOf"/>).
/// Dates and windows are written into the text (validated integers and formatted dates), not bound.
/// <para>
/// For a part of the base (<paramref name="partOfBase"/>: a live update's few customers), what is relative to the whole
/// base — the product lines, each line's launch, the rank of a customer's first purchase of a new line among everyone's,
/// and the followers in its region — is read from everyone's first purchase per line (<c>cc_pop</c>, <c>cc_pop_other</c>),
/// so that each customer gets the values the whole base's query gives it. With <paramref name="learnedOn"/> (the as-of date
/// of an analysis that stored them, <see cref="Snapshots.SnapshotFirstPurchases"/>) they are read instead from the
/// population's first purchases per line, region and day the analysis learned (tens of thousands of rows at a million customers, read where stored), plus
/// each customer's own first purchases dated after it: the order log is read for the part's customers alone.
/// </para>
/// </summary>
internal sealed class CustomerColumnsSql(SqlDialect dialect, DateOnly asOf, CustomerColumnsQueryOptions options, bool partOfBase = false, DateOnly? learnedOn = null,
    PartTables? tables = null, int customers = int.MaxValue)
{
    /// <summary>
    /// Up to how many customers a part reads its adoption ranks and followers by joining each first purchase to the learned
    /// days (<see cref="JoinedAdoption"/>, <see cref="JoinedFollowers"/>) rather than by running sums and as-of joins
    /// (<see cref="LearnedAdoption"/>, <see cref="LearnedFollowers"/>): both give the same values (the live update tests
    /// compare one customer at a time with a batch), the join is cheaper for a few customers, the running sums for many.
    /// An engine without an as-of join (<see cref="SqlDialect.HasAsofJoin"/>: PostgreSQL) always joins.
    /// </summary>
    public const int JoinedUpTo = 50;

    /// <summary>Whether the part is few enough customers for the joined forms.</summary>
    private bool Few => customers <= JoinedUpTo || !dialect.HasAsofJoin;

    /// <summary>Where the customers' own rows are read (statements that join them to <c>cc_ids</c> or <c>cc_party</c>).</summary>
    private readonly PartTables _own = tables ?? PartTables.Workspace;

    /// <summary>The temporary tables, dropped at the end.</summary>
    public static readonly string[] TempTables = ["cc_ids", "cc_party", "cc_levels", "cc_ol", "cc_other", "cc_lines", "cc_launch", "cc_pop", "cc_pop_other"];

    /// <summary>Whether the statements group the orders by the customer before joining them (<see cref="SqlDialect.GroupsByCustomerFirst"/>).</summary>
    public bool GroupsByCustomerFirst => dialect.GroupsByCustomerFirst;

    /// <summary>Whether the customers are a part of the base (see the remarks).</summary>
    public bool PartOfBase => partOfBase;

    /// <summary>The name of the parameter that holds a part's customer ids (the summary's), for the statements that read a part's rows by them.</summary>
    public const string PartIds = "part_ids";

    /// <summary>Whether a part of the base reads the learned first purchases rather than everyone's in the order log.</summary>
    private bool Learned => partOfBase && learnedOn is not null;

    /// <summary>
    /// For a part of the base: every customer's first completed order per line (time, amount), of the customers the whole
    /// base's summary would hold (known by the as-of date), and the first other order per line.
    /// </summary>
    /// <remarks>With a learned analysis nothing is made: the statements read the stored rows themselves (<see cref="LearnedFirsts"/>).</remarks>
    public IReadOnlyList<string> Population => Learned ? [] : [
        .. Temp("cc_pop", $"""
            SELECT o.customer_id, {LineOf("o")} AS line, min(o.ordered_at) AS first_at, {FirstAmount} AS first_amount
            FROM orders o {ProductOf("o")} JOIN customers c ON c.customer_id = o.customer_id
            WHERE o.ordered_at < {NextDay} AND o.status = 'completed' AND (c.acquired_at IS NULL OR c.acquired_at < {NextDay})
            GROUP BY 1, 2
            """),
        .. Temp("cc_pop_other", $"""
            SELECT {LineOf("o")} AS line, min(o.ordered_at) AS first_at
            FROM orders o {ProductOf("o")} JOIN customers c ON c.customer_id = o.customer_id
            WHERE o.ordered_at < {NextDay} AND o.status <> 'completed' AND (c.acquired_at IS NULL OR c.acquired_at < {NextDay})
            GROUP BY 1
            """),
    ];

    /// <summary>The amount of the first of the orders aliased <c>o</c> (by time, then id).</summary>
    private string FirstAmount => dialect.ArgMinBy("o.amount", ["o.ordered_at", "o.order_id"]);

    /// <summary>The statements that make the temporary table <paramref name="name"/> of <paramref name="query"/>'s rows (replacing one).</summary>
    private IReadOnlyList<string> Temp(string name, string query) => dialect.ReplaceTempTable(name, query);

    /// <summary>
    /// For a part of the base with a learned analysis: the population's first purchases it stored (see
    /// <see cref="Snapshots.SnapshotFirstPurchases"/>) as a subquery (line, region, day, completed, n, amount), which the
    /// statements read with their own filters on the line and region pushed down: copying the tens of thousands of rows into a
    /// temporary table first cost each live update 20-27 ms at a million customers, the reads from the stored table 1-3 ms each.
    /// </summary>
    private string LearnedFirsts => $"""
        (SELECT product_line AS line, region, day, completed, customers AS n, first_amount AS amount
         FROM snapshot_first_purchases WHERE as_of = {Date(learnedOn!.Value)})
        """;

    /// <summary>
    /// The statement that makes the learned first purchases of a whole base's columns (<see cref="Snapshots.SnapshotFirstPurchases"/>):
    /// completed first purchases per line, region and day (customers, sum of first amounts), each line's earliest other
    /// (returned or cancelled) order, and the earliest completed order of no line. Read after <see cref="Launches"/>.
    /// </summary>
    public static string ReadLearnedFirstPurchases => $"""
        SELECT o.line, lv.v, CAST(o.first_at AS DATE) AS day, true, count(*), sum({Exact("o.first_amount")})
        FROM cc_ol o JOIN cc_party p USING (r) LEFT JOIN cc_levels lv ON lv.col = {RegionLevel} AND lv.code = p.region
        WHERE o.line IS NOT NULL
        GROUP BY 1, 2, 3
        UNION ALL
        SELECT NULL, NULL, CAST(min(first_at) AS DATE), true, count(*), NULL FROM cc_ol WHERE line IS NULL HAVING count(*) > 0
        UNION ALL
        SELECT line, NULL, CAST(min(first_at) AS DATE), false, count(*), NULL FROM cc_other GROUP BY line
        """;

    private static string Exact(string expression) => CustomerSummaryQuery.Exact(expression);

    /// <summary>
    /// Every first order per line the launches and the lines read (line, first_at): the customers' own; everyone's for a
    /// part of the base; the learned days and the part's own for a part with a learned analysis.
    /// </summary>
    private string AllFirsts => Learned
        ? $"SELECT line, CAST(day AS TIMESTAMP) AS first_at FROM {LearnedFirsts} pop UNION ALL SELECT line, first_at FROM cc_ol UNION ALL SELECT line, first_at FROM cc_other"
        : partOfBase
            ? "SELECT line, first_at FROM cc_pop UNION ALL SELECT line, first_at FROM cc_pop_other"
            : "SELECT line, first_at FROM cc_ol UNION ALL SELECT line, first_at FROM cc_other";

    /// <summary>The categorical columns of customers read as codes into <c>cc_levels</c> (column number = index).</summary>
    public static readonly string[] PartyLevels = ["kind", "industry", "domain", "population_group", "region", "country", "channel"];

    private static readonly int RegionLevel = Array.IndexOf(PartyLevels, "region");

    private string AsOfDate => Date(asOf);

    /// <summary>
    /// The product line of the rows aliased <paramref name="alias"/> (orders or interactions): their own, else their
    /// product's. Goes with <see cref="ProductOf"/>, which joins the product as <c>{alias}_p</c>.
    /// </summary>
    public static string LineOf(string alias) => $"coalesce({alias}.product_line, {alias}_p.product_line)";

    /// <summary>The join that <see cref="LineOf"/> reads: the row's product in <c>products</c>, if any.</summary>
    public static string ProductOf(string alias) => $"LEFT JOIN products {alias}_p ON {alias}_p.product_id = {alias}.product_id";

    /// <summary>Orders and interactions before this instant count.</summary>
    private string NextDay => Timestamp(asOf.AddDays(1));

    /// <summary>RevenueLastYear: the 365 days up to and including the as-of date.</summary>
    private string YearStart => Timestamp(asOf.AddDays(-364));

    /// <summary>Filled by the dialect's bulk writer: the summary's ids, their index and the start of their signal window.</summary>
    /// <remarks>A table of that name left by an earlier query on this connection is dropped first (the <c>finally</c> of a failed one drops them too).</remarks>
    public static IReadOnlyList<string> Ids =>
        ["DROP TABLE IF EXISTS cc_ids", "CREATE TEMP TABLE cc_ids (customer_id VARCHAR NOT NULL, r INTEGER NOT NULL, window_start TIMESTAMP NOT NULL)"];

    /// <summary>The columns of <c>cc_ids</c> the bulk writer fills, in order.</summary>
    public static IReadOnlyList<string> IdColumns => ["customer_id", "r", "window_start"];

    /// <summary>
    /// The summary's customers found in <c>customers</c> (all of them, unless the summary came from another
    /// workspace), with their first completed order (<c>first_at</c>) and region code (−1 for none). Kept narrow:
    /// writing a temporary table costs, and the other attributes are read once, in <see cref="ReadParties"/>.
    /// </summary>
    public IReadOnlyList<string> Parties => Temp("cc_party", $"""
        SELECT customer_id, r, window_start, f.first_at, coalesce(lv.code, -1) AS region
        FROM cc_ids JOIN {_own.Customers} c USING (customer_id)
        LEFT JOIN (SELECT r, min(first_at) AS first_at FROM cc_ol GROUP BY r) f USING (r)
        LEFT JOIN cc_levels lv ON lv.col = {RegionLevel} AND lv.v = c.region
        """);

    /// <summary>How many of the summary's customers <c>customers</c> has.</summary>
    public static string PartyCount => "SELECT count(*) FROM cc_party";

    /// <summary>The first summary customer that <c>customers</c> lacks, or nothing.</summary>
    public static string MissingParty => """
        SELECT min(customer_id) FROM cc_ids WHERE customer_id NOT IN (SELECT customer_id FROM cc_party)
        """;

    /// <summary>The distinct values of each categorical column, numbered; parties and contacts read their codes.</summary>
    /// <remarks>
    /// For a part of the base with learned first purchases, the values of its own customers and contacts alone: codes only
    /// number values within the query (the learned first purchases name regions by value), and a million customers' distinct
    /// values cost a scan of them all.
    /// </remarks>
    public IReadOnlyList<string> Levels
    {
        get
        {
            var (customers, contacts) = Learned
                ? ($"(SELECT * FROM {_own.Customers} WHERE customer_id IN (SELECT customer_id FROM cc_ids)) own_customers",
                   $"(SELECT * FROM {_own.Contacts} WHERE customer_id IN (SELECT customer_id FROM cc_ids)) own_contacts")
                : ("customers", "contacts");
            var parts = PartyLevels.Select((column, i) =>
                $"SELECT {i} AS col, v, (row_number() OVER (ORDER BY v) - 1)::INTEGER AS code FROM (SELECT DISTINCT {column} AS v FROM {customers} WHERE {column} IS NOT NULL) l{i}")
                .Append($"SELECT {PartyLevels.Length} AS col, v, (row_number() OVER (ORDER BY v) - 1)::INTEGER AS code FROM (SELECT DISTINCT title AS v FROM {contacts} WHERE title IS NOT NULL) lt");
            return Temp("cc_levels", string.Join(" UNION ALL ", parts));
        }
    }

    public static string ReadLevels => "SELECT col, code, v FROM cc_levels";

    /// <summary>
    /// r, name, a code per <see cref="PartyLevels"/> (−1 for none), acquired_at, is_prominent, wallet_estimate,
    /// parent_id, referred_by. Categorical columns come as codes of <c>cc_levels</c>, so that a million rows bring
    /// integers, not strings, into memory; the few parent and referrer ids are looked up in memory (two joins to a
    /// million-row table cost more).
    /// </summary>
    public string ReadParties
    {
        get
        {
            var codes = string.Concat(PartyLevels.Select((column, i) => i == RegionLevel ? "p.region, " : $"coalesce(lv{i}.code, -1), "));
            var joins = string.Concat(PartyLevels.Select((column, i) => i == RegionLevel ? "" : $"\nLEFT JOIN cc_levels lv{i} ON lv{i}.col = {i} AND lv{i}.v = c.{column}"));
            return $"""
                SELECT p.r, c.name, {codes}CAST(c.acquired_at AS DATE), coalesce(c.is_prominent, false), c.wallet_estimate,
                       c.parent_id, c.referred_by
                FROM cc_party p JOIN {_own.Customers} c USING (customer_id){joins}
                """;
        }
    }

    /// <summary>
    /// The one pass over completed orders, per customer and product line (null included): orders, first order (its
    /// time and amount), revenue of the last 365 days, the earliest period_start. Joining the orders to the index first and grouping by the
    /// integer measured faster than grouping by the id (DuckDB); where the engine groups by the customer first
    /// (<see cref="SqlDialect.GroupsByCustomerFirst"/>), <see cref="CustomerOrderLines"/>.
    /// </summary>
    public IReadOnlyList<string> OrderLines => Temp("cc_ol", dialect.GroupsByCustomerFirst ? CustomerOrderLines : $"""
        SELECT p.r, {LineOf("o")} AS line, count(*)::INTEGER AS completed,
               min(o.ordered_at) AS first_at, {FirstAmount} AS first_amount,
               sum({Exact("o.amount")}) FILTER (WHERE o.ordered_at >= {YearStart}) AS revenue_year, min(o.period_start) AS period_start
        FROM {_own.Orders} o JOIN cc_ids p USING (customer_id) {ProductOf("o")}
        WHERE o.ordered_at < {NextDay} AND o.status = 'completed'
        GROUP BY 1, 2
        """);

    /// <summary>
    /// <see cref="OrderLines"/> grouped by the customer first: the completed orders per customer, product line and, for orders
    /// without a line, product (so that the product's line can be looked up after), one level over the orders alone — what a
    /// shard answers for its customers —, then joined to the index and the products and summed per line. The first order of a
    /// line is the earliest of its groups' first orders (by time, then id), as over the orders themselves.
    /// </summary>
    private string CustomerOrderLines => $"""
        SELECT p.r, {LineOf("g")} AS line, sum(g.completed)::INTEGER AS completed, min(g.first_at) AS first_at,
               {dialect.ArgMinBy("g.first_amount", ["g.first_at", "g.first_id"])} AS first_amount, sum(g.revenue_year) AS revenue_year,
               min(g.period_start) AS period_start
        FROM (SELECT o.customer_id, o.product_line, CASE WHEN o.product_line IS NULL THEN o.product_id END AS product_id,
                     count(*) AS completed, min(o.ordered_at) AS first_at, {FirstAmount} AS first_amount,
                     {dialect.ArgMinBy("o.order_id", ["o.ordered_at", "o.order_id"])} AS first_id,
                     sum({Exact("o.amount")}) FILTER (WHERE o.ordered_at >= {YearStart}) AS revenue_year, min(o.period_start) AS period_start
              FROM {_own.Orders} o
              WHERE o.ordered_at < {NextDay} AND o.status = 'completed'
              GROUP BY 1, 2, 3) g
        JOIN cc_ids p USING (customer_id) {ProductOf("g")}
        GROUP BY 1, 2
        """;

    /// <summary>Returned and cancelled orders per customer and line: cancelled, return margin, returns in the signal window, first order.</summary>
    public IReadOnlyList<string> OtherOrders => Temp("cc_other", $"""
        SELECT p.r, {LineOf("o")} AS line,
               count(*) FILTER (WHERE o.status = 'cancelled')::INTEGER AS cancelled,
               coalesce(sum({Exact("o.margin")}) FILTER (WHERE o.status = 'returned'), 0) AS return_margin,
               count(*) FILTER (WHERE o.status = 'returned' AND o.ordered_at >= p.window_start)::INTEGER AS recent_returns,
               min(o.ordered_at) AS first_at
        FROM {_own.Orders} o JOIN cc_ids p USING (customer_id) {ProductOf("o")}
        WHERE o.ordered_at < {NextDay} AND o.status <> 'completed'
        GROUP BY 1, 2
        """);

    /// <summary>The product lines, numbered in code-point order of their names (the order of <see cref="Classification.CustomerColumns.ProductLines"/>).</summary>
    public IReadOnlyList<string> Lines => Temp("cc_lines", $"""
        SELECT line, (row_number() OVER (ORDER BY {dialect.OrdinalText("line")}) - 1)::INTEGER AS code FROM (
            SELECT line FROM ({AllFirsts}) firsts WHERE line IS NOT NULL
            UNION SELECT product_line FROM products WHERE product_line IS NOT NULL) lines
        """);

    public static string ReadLines => "SELECT line FROM cc_lines ORDER BY code";

    /// <summary>
    /// r, line code (null for orders without a line), completed orders, the customer's revenue of the last 365 days over
    /// all its lines (an exact sum, so it does not depend on the order the lines' rows come in) and the earliest period_start
    /// of its completed orders (a date, or null).
    /// </summary>
    public static string ReadOrderLines => """
        SELECT o.r, l.code, o.completed, CAST(coalesce(sum(o.revenue_year) OVER (PARTITION BY o.r), 0) AS DOUBLE PRECISION),
               CAST(min(o.period_start) OVER (PARTITION BY o.r) AS DATE)
        FROM cc_ol o LEFT JOIN cc_lines l USING (line)
        """;

    /// <summary>
    /// r and purchase occasions (days with a completed or returned order). Days cannot be summed over lines, so this is a
    /// pass of its own. Where the engine groups by the customer first (<see cref="SqlDialect.GroupsByCustomerFirst"/>) it
    /// counts every such day of the orders; elsewhere only the days with a returned order and no completed one
    /// (<see cref="ReturnedOnlyDays"/>), to be added to the summary's purchase days.
    /// </summary>
    public string ReadOrderDays => $"""
        SELECT p.r, g.days FROM (
            SELECT o.customer_id, count(DISTINCT CAST(o.ordered_at AS DATE))::INTEGER AS days
            FROM {_own.Orders} o
            WHERE o.ordered_at < {NextDay} AND o.status IN ('completed', 'returned')
            GROUP BY 1) g
        JOIN cc_ids p USING (customer_id)
        """;

    /// <summary>
    /// r and the days with a returned order but no completed one (none: no row): with the summary's purchase days (the days of
    /// completed orders, <see cref="CustomerDays"/>) the purchase occasions, without counting the distinct days of every order
    /// again (3.8 s of the columns' 17 s at a million customers).
    /// </summary>
    public string ReturnedOnlyDays => $"""
        SELECT p.r, count(*)::INTEGER FROM (
            SELECT DISTINCT customer_id, CAST(ordered_at AS DATE) AS day FROM {_own.Orders}
            WHERE ordered_at < {NextDay} AND status = 'returned') x
        JOIN cc_ids p USING (customer_id)
        WHERE NOT EXISTS (SELECT 1 FROM {_own.Days} d WHERE d.customer_id = x.customer_id AND d.day = x.day)
        GROUP BY p.r
        """;

    /// <summary>
    /// Product ids of completed orders by the as-of date that a non-empty <c>products</c> table lacks, with their
    /// order counts, most orders first (then by id). Nothing when <c>products</c> is empty: without a catalogue no id
    /// is a misspelling, and lines come from the orders alone.
    /// </summary>
    /// <remarks>
    /// Grouped by the customer first (<see cref="SqlDialect.GroupsByCustomerFirst"/>), the catalogue's ids
    /// (<paramref name="catalogue"/>, read by <see cref="ReadCatalogue"/>; none: nothing to read) are written into the statement
    /// as one array, which goes to the shards with it, so that only the orders of unknown products leave them (a subquery's
    /// array would be compared on the coordinator, every order brought there first).
    /// </remarks>
    public string? ReadUnknownProducts(IReadOnlyCollection<string>? catalogue) => dialect.GroupsByCustomerFirst
        ? catalogue is null or { Count: 0 } ? null : $"""
            SELECT g.product_id, sum(g.n)::INTEGER AS n
            FROM (SELECT o.customer_id, o.product_id, count(*) AS n
                  FROM {_own.Orders} o
                  WHERE o.ordered_at < {NextDay} AND o.status = 'completed' AND o.product_id IS NOT NULL
                    AND o.product_id <> ALL (ARRAY[{string.Join(", ", catalogue.Select(Schema.WorkspaceSchema.Literal))}]::VARCHAR[])
                  GROUP BY 1, 2) g
            JOIN cc_ids p USING (customer_id)
            GROUP BY g.product_id
            ORDER BY n DESC, {dialect.OrdinalText("g.product_id")}
            """
        : $"""
            SELECT o.product_id, count(*)::INTEGER AS n
            FROM {_own.Orders} o JOIN cc_ids p USING (customer_id)
            WHERE o.ordered_at < {NextDay} AND o.status = 'completed' AND o.product_id IS NOT NULL
              AND EXISTS (SELECT 1 FROM products)
              AND o.product_id NOT IN (SELECT product_id FROM products)
            GROUP BY o.product_id
            ORDER BY n DESC, {dialect.OrdinalText("o.product_id")}
            """;

    /// <summary>The catalogue's product ids, for <see cref="ReadUnknownProducts"/> where the engine groups by the customer first.</summary>
    public const string ReadCatalogue = "SELECT product_id FROM products";

    /// <summary>
    /// r, attribute name, size: for customers whose <c>attributes</c> hold one of the size attributes (key matched
    /// ignoring case) as a positive number, the first of them in the options' order (ties of spelling: the first key
    /// by name). The attributes' members and their numbers are the dialect's (<see cref="SqlDialect.JsonMembers"/>).
    /// </summary>
    public string? ReadSizes
    {
        get
        {
            if (options.SizeAttributes.Count == 0) return null;
            var names = string.Join(", ", options.SizeAttributes.Select((name, rank) =>
                $"('{name.ToLowerInvariant().Replace("'", "''", StringComparison.Ordinal)}', {rank})"));
            return $"""
                SELECT r, key, size FROM (
                    SELECT p.r, {dialect.JsonMemberKey("e")} AS key, {dialect.JsonMemberNumber("e")} AS size,
                           row_number() OVER (PARTITION BY p.r ORDER BY s.rank, {dialect.OrdinalText(dialect.JsonMemberKey("e"))}) AS k
                    FROM cc_party p JOIN {_own.Customers} c USING (customer_id), {dialect.JsonMembers("c.attributes")} e
                    JOIN (VALUES {names}) s(name, rank) ON lower({dialect.JsonMemberKey("e")}) = s.name
                    WHERE c.attributes IS NOT NULL AND {dialect.JsonMemberNumber("e")} > 0) sizes
                WHERE k = 1
                """;
        }
    }

    /// <summary>r, cancelled, return margin, returns in the signal window (per line: to be summed).</summary>
    /// <summary>r, cancelled orders, return margin and recent returns, each summed over the customer's lines (exactly, so in any order).</summary>
    public static string ReadOtherOrders =>
        "SELECT r, sum(cancelled)::INTEGER, CAST(sum(return_margin) AS DOUBLE PRECISION), sum(recent_returns)::INTEGER FROM cc_other GROUP BY r";

    /// <summary>r, line code, interactions about the line.</summary>
    public string ReadLineInterest => dialect.GroupsByCustomerFirst
        ? $"""
            SELECT p.r, l.code, sum(g.n)::INTEGER
            FROM (SELECT i.customer_id, i.product_line, CASE WHEN i.product_line IS NULL THEN i.product_id END AS product_id, count(*) AS n
                  FROM {_own.Interactions} i WHERE i.occurred_at < {NextDay}
                  GROUP BY 1, 2, 3) g
            JOIN cc_party p USING (customer_id) {ProductOf("g")} JOIN cc_lines l ON l.line = {LineOf("g")}
            GROUP BY p.r, l.code
            """
        : $"""
        SELECT p.r, l.code, count(*)::INTEGER
        FROM {_own.Interactions} i JOIN cc_party p USING (customer_id) {ProductOf("i")} JOIN cc_lines l ON l.line = {LineOf("i")}
        WHERE i.occurred_at < {NextDay}
        GROUP BY p.r, l.code
        """;

    /// <summary>
    /// r, survey answers, promoters, detractors, positive reviews, negative reviews, positive, negative, last touch,
    /// opportunity outcome, recent complaints, recent low scores, recent service cost, prospect touches (inquiries,
    /// visits, trials, quotes and opportunities before the first completed order; all of them without one).
    /// Each interaction's kind is made a small number once (<c>kc</c>: 1 survey, 2 review, 3 complaint,
    /// 4 opportunity, 5 other prospect touch) and its score 10·score against <c>m</c>, the top of its scale (10 for
    /// surveys, 5 for reviews when the data gives none), so that integer scores meet the cut-offs exactly:
    /// promoter 10·score ≥ 9·m, detractor ≤ 6·m, positive review ≥ 8·m, negative review and low score ≤ 4·m.
    /// </summary>
    public string ReadInteractions => dialect.GroupsByCustomerFirst ? CustomerInteractions : $"""
        SELECT c.r,
               count(*) FILTER (WHERE i.kc = 1 AND i.score IS NOT NULL)::INTEGER,
               count(*) FILTER (WHERE i.kc = 1 AND i.s10 >= 9 * i.m)::INTEGER,
               count(*) FILTER (WHERE i.kc = 1 AND i.s10 <= 6 * i.m)::INTEGER,
               count(*) FILTER (WHERE i.kc = 2 AND i.s10 >= 8 * i.m)::INTEGER,
               count(*) FILTER (WHERE i.kc = 2 AND i.s10 <= 4 * i.m)::INTEGER,
               count(*) FILTER (WHERE i.sentiment = 'positive')::INTEGER,
               count(*) FILTER (WHERE i.sentiment = 'negative')::INTEGER,
               CAST(max(i.occurred_at) AS DATE),
               lower({dialect.ArgMaxBy("i.tag", ["i.occurred_at", "i.interaction_id"], "i.kc = 4")}), -- the latest; on one instant, the highest id
               count(*) FILTER (WHERE i.kc = 3 AND i.occurred_at >= c.window_start)::INTEGER,
               count(*) FILTER (WHERE i.kc IN (1, 2) AND i.s10 <= 4 * i.m AND i.occurred_at >= c.window_start)::INTEGER,
               coalesce(CAST(sum({Exact("i.cost")}) FILTER (WHERE i.occurred_at >= c.window_start) AS DOUBLE PRECISION), 0),
               count(*) FILTER (WHERE i.kc >= 4 AND (c.first_at IS NULL OR i.occurred_at < c.first_at))::INTEGER
        FROM {ScoredInteractions} i
        JOIN cc_party c USING (customer_id)
        GROUP BY c.r
        """;

    /// <summary>
    /// The interactions by the as-of date, each with its kind as a small number (<c>kc</c>), its score times ten (<c>s10</c>) and
    /// the top of its scale (<c>m</c>); see <see cref="ReadInteractions"/>. Written with <c>CASE</c> rather than <c>coalesce</c>,
    /// which postgres_fdw (PostgreSQL 15) does not send to a shard: the aggregates that read it would be computed on the coordinator.
    /// </summary>
    private string ScoredInteractions => $"""
        (SELECT customer_id, interaction_id, occurred_at, sentiment, cost, tag, score, 10 * score AS s10,
                CASE lower(kind) WHEN 'survey' THEN 1 WHEN 'review' THEN 2 WHEN 'complaint' THEN 3 WHEN 'opportunity' THEN 4
                     WHEN 'inquiry' THEN 5 WHEN 'visit' THEN 5 WHEN 'trial' THEN 5 WHEN 'quote' THEN 5 ELSE 0 END AS kc,
                CASE WHEN scale_max IS NOT NULL THEN scale_max WHEN lower(kind) = 'review' THEN 5 ELSE 10 END AS m
         FROM {_own.Interactions} WHERE occurred_at < {NextDay})
        """;

    /// <summary>
    /// <see cref="ReadInteractions"/> grouped by the customer first (<see cref="SqlDialect.GroupsByCustomerFirst"/>): one level
    /// over the interactions alone — what a shard answers for its customers —, where what depends on the customer's own signal
    /// window or first order (recent complaints, low scores and service cost; touches before the first order) comes as the
    /// times (and costs) of the interactions that may count, compared with the customer's window and first order after.
    /// </summary>
    private string CustomerInteractions => $"""
        SELECT c.r, g.answers, g.promoters, g.detractors, g.good_reviews, g.bad_reviews, g.positive, g.negative, g.last_touch, g.outcome,
               (SELECT count(*) FROM unnest(g.complaints) t(at) WHERE t.at >= c.window_start)::INTEGER,
               (SELECT count(*) FROM unnest(g.low_scores) t(at) WHERE t.at >= c.window_start)::INTEGER,
               coalesce(CAST((SELECT sum(t.cost) FROM unnest(g.cost_at, g.costs) t(at, cost) WHERE t.at >= c.window_start) AS DOUBLE PRECISION), 0),
               (SELECT count(*) FROM unnest(g.touches) t(at) WHERE c.first_at IS NULL OR t.at < c.first_at)::INTEGER
        FROM (SELECT i.customer_id,
                     count(*) FILTER (WHERE i.kc = 1 AND i.score IS NOT NULL)::INTEGER AS answers,
                     count(*) FILTER (WHERE i.kc = 1 AND i.s10 >= 9 * i.m)::INTEGER AS promoters,
                     count(*) FILTER (WHERE i.kc = 1 AND i.s10 <= 6 * i.m)::INTEGER AS detractors,
                     count(*) FILTER (WHERE i.kc = 2 AND i.s10 >= 8 * i.m)::INTEGER AS good_reviews,
                     count(*) FILTER (WHERE i.kc = 2 AND i.s10 <= 4 * i.m)::INTEGER AS bad_reviews,
                     count(*) FILTER (WHERE i.sentiment = 'positive')::INTEGER AS positive,
                     count(*) FILTER (WHERE i.sentiment = 'negative')::INTEGER AS negative,
                     CAST(max(i.occurred_at) AS DATE) AS last_touch,
                     lower({dialect.ArgMaxBy("i.tag", ["i.occurred_at", "i.interaction_id"], "i.kc = 4")}) AS outcome,
                     array_agg(i.occurred_at) FILTER (WHERE i.kc = 3) AS complaints,
                     array_agg(i.occurred_at) FILTER (WHERE i.kc IN (1, 2) AND i.s10 <= 4 * i.m) AS low_scores,
                     array_agg(i.occurred_at) FILTER (WHERE i.cost IS NOT NULL) AS cost_at,
                     array_agg({Exact("i.cost")}) FILTER (WHERE i.cost IS NOT NULL) AS costs,
                     array_agg(i.occurred_at) FILTER (WHERE i.kc >= 4) AS touches
              FROM {ScoredInteractions} i
              GROUP BY 1) g
        JOIN cc_party c USING (customer_id)
        """;

    /// <summary>
    /// r, kind, tag (lower case), count, latest: the tags of complaints in the signal window and of all suggestions,
    /// counted per customer; the most frequent complaint tag and the suggestions' list are made from them.
    /// </summary>
    /// <remarks>
    /// The same where the engine groups by the customer first (<see cref="SqlDialect.GroupsByCustomerFirst"/>): only the tagged
    /// complaints and suggestions leave a shard, and grouping them there per customer, tag and day would leave about as many.
    /// </remarks>
    public string ReadTags => $"""
        SELECT p.r, i.k = 'complaint', i.tag, count(*)::INTEGER, max(i.occurred_at)
        FROM (SELECT customer_id, lower(kind) AS k, lower(tag) AS tag, occurred_at FROM {_own.Interactions}
              WHERE occurred_at < {NextDay} AND tag IS NOT NULL AND lower(kind) IN ('complaint', 'suggestion')) i
        JOIN cc_party p USING (customer_id)
        WHERE i.k = 'suggestion' OR i.occurred_at >= p.window_start
        GROUP BY p.r, i.k, i.tag
        """;

    /// <summary>
    /// Per line: its launch (earliest launched_at of its products, else its first order in the data), whether it
    /// is new, and the days it was on sale within the data (from the later of launch and the data's first order).
    /// </summary>
    public IReadOnlyList<string> Launches => Temp("cc_launch", $"""
        WITH launch AS (
            SELECT l.line, l.code, CAST(coalesce(pr.launched, o.first_at) AS DATE) AS launch_day
            FROM cc_lines l
            LEFT JOIN (SELECT product_line AS line, min(launched_at) AS launched FROM products WHERE product_line IS NOT NULL GROUP BY product_line) pr USING (line)
            LEFT JOIN (SELECT line, min(first_at) AS first_at FROM ({AllFirsts}) firsts WHERE line IS NOT NULL GROUP BY line) o USING (line)
        ), data AS (SELECT CAST(min(first_at) AS DATE) AS first_day FROM ({AllFirsts}) firsts)
        SELECT line, code, launch_day,
               launch_day > data.first_day + {options.NewLineMinDaysAfterFirstOrder} AS is_new,
               greatest({dialect.DayDiff("greatest(launch_day, data.first_day)", AsOfDate)} + 1, 1) AS days_on_sale
        FROM launch, data
        """);

    /// <summary>r, new lines bought, fewest days from launch to first purchase, best percent rank among the line's first purchases.</summary>
    public string ReadAdoption => Learned ? (Few ? JoinedAdoption : LearnedAdoption) : partOfBase
        ? """
            SELECT r, count(*)::INTEGER, min(days)::DOUBLE PRECISION, min(rank) FROM (
                SELECT p.r, CAST(o.first_at AS DATE) - n.launch_day AS days,
                       percent_rank() OVER (PARTITION BY o.line ORDER BY CAST(o.first_at AS DATE)) AS rank
                FROM cc_pop o JOIN cc_launch n USING (line) LEFT JOIN cc_ids p USING (customer_id)
                WHERE n.is_new) ranked
            WHERE r IS NOT NULL
            GROUP BY r
            """
        : """
            SELECT r, count(*)::INTEGER, min(days)::DOUBLE PRECISION, min(rank) FROM (
                SELECT o.r, CAST(o.first_at AS DATE) - n.launch_day AS days,
                       percent_rank() OVER (PARTITION BY o.line ORDER BY CAST(o.first_at AS DATE)) AS rank
                FROM cc_ol o JOIN cc_launch n USING (line)
                WHERE n.is_new) ranked
            GROUP BY r
            """;

    /// <summary>
    /// <see cref="ReadAdoption"/> from the learned first purchases: a customer's rank among the line's first purchases is
    /// those learned before its day over all of them less one (percent_rank), its own counted in when it is dated after the
    /// analysis (one learned on or before it is the analysis's already).
    /// </summary>
    /// <remarks>
    /// The learned days of the part's lines are summed per line in day order, and each of the part's first purchases takes
    /// the running count of the latest learned day before its own (an as-of join): joining each to every learned day of its
    /// line and summing cost 0.4-1.6 s for 1,000 customers at a million. Only the part's lines are summed: the running sums
    /// of every learned day cost one customer's update some 0.2 s.
    /// </remarks>
    private string LearnedAdoption => $"""
        -- adoption ranks from the learned first purchases
        WITH own AS (
            SELECT o.r, o.line, CAST(o.first_at AS DATE) AS day, CAST(o.first_at AS DATE) > {Date(learnedOn!.Value)} AS added, n.launch_day
            FROM cc_ol o JOIN cc_launch n USING (line)
            WHERE n.is_new
        ), per_day AS (
            SELECT line, day, sum(n) AS n FROM {LearnedFirsts} pop WHERE completed AND line IN (SELECT line FROM own) GROUP BY line, day
        ), upto AS (
            SELECT line, day, sum(n) OVER (PARTITION BY line ORDER BY day) AS n FROM per_day
        ), per_line AS (
            SELECT line, sum(n) AS n FROM per_day GROUP BY line
        ), ranked AS (
            SELECT own.r, own.day - own.launch_day AS days,
                   coalesce(upto.n, 0) AS earlier,
                   coalesce(per_line.n, 0) + CASE WHEN own.added THEN 1 ELSE 0 END AS total
            FROM own ASOF LEFT JOIN upto ON upto.line = own.line AND own.day > upto.day
            LEFT JOIN per_line ON per_line.line = own.line
        )
        SELECT r, count(*)::INTEGER, min(days)::DOUBLE, min(CASE WHEN total > 1 THEN earlier::DOUBLE / (total - 1)::DOUBLE ELSE 0 END)
        FROM ranked GROUP BY r
        """;

    /// <summary>
    /// <see cref="ReadFollowers"/> from the learned first purchases: the learned first purchases of the line in the
    /// customer's region within its window, its own counted in when it is dated after the analysis.
    /// </summary>
    /// <remarks>
    /// As <see cref="LearnedAdoption"/>: running sums per line and region in day order (the part's lines and regions only),
    /// and the window's count and amount the difference of the running sums at its last day and before its first (two as-of
    /// joins). No region is a group of its own (the key is the region, or '' with a flag that it is none).
    /// </remarks>
    private string LearnedFollowers
    {
        get
        {
            var (min, max) = (options.FollowerMinDays, options.FollowerMaxDays);
            var self = min == 0 ? "CASE WHEN own.added THEN 1 ELSE 0 END" : "0";
            var selfAmount = min == 0 ? $"CASE WHEN own.added THEN coalesce({Exact("own.first_amount")}, 0) ELSE 0 END" : "0";
            const string Same = "line = own.line AND {0}.region_key = own.region_key AND {0}.no_region = own.no_region";
            return $"""
                -- followers from the learned first purchases
                WITH own AS (
                    SELECT o.r, n.code, o.line, c.region, CAST(o.first_at AS DATE) AS day, o.first_amount, n.days_on_sale,
                           CAST(o.first_at AS DATE) > {Date(learnedOn!.Value)} AS added,
                           coalesce(c.region, '') AS region_key, c.region IS NULL AS no_region
                    FROM cc_ol o JOIN cc_launch n USING (line) JOIN cc_party q USING (r) JOIN {_own.Customers} c ON c.customer_id = q.customer_id
                ), per_day AS (
                    SELECT p.line, coalesce(p.region, '') AS region_key, p.region IS NULL AS no_region, p.day, sum(p.n) AS n, sum(p.amount) AS amount
                    FROM {LearnedFirsts} p SEMI JOIN own ON own.line = p.line AND own.region_key = coalesce(p.region, '') AND own.no_region = (p.region IS NULL)
                    WHERE p.completed
                    GROUP BY ALL
                ), upto AS (
                    SELECT line, region_key, no_region, day, sum(n) OVER g AS n, sum(amount) OVER g AS amount FROM per_day
                    WINDOW g AS (PARTITION BY line, region_key, no_region ORDER BY day)
                ), per_group AS (
                    SELECT line, region_key, no_region, sum(n) AS n FROM per_day GROUP BY ALL
                ), w AS (
                    SELECT own.r, own.code,
                           coalesce(last.n, 0) - coalesce(before.n, 0) + {self} AS followers,
                           (coalesce(per_group.n, 0) + CASE WHEN own.added THEN 1 ELSE 0 END) * {max - min + 1} / own.days_on_sale AS expected,
                           coalesce(last.amount, 0) - coalesce(before.amount, 0) + {selfAmount} AS revenue
                    FROM own
                    ASOF LEFT JOIN upto last ON last.{string.Format(CultureInfo.InvariantCulture, Same, "last")} AND own.day + {max} >= last.day
                    ASOF LEFT JOIN upto before ON before.{string.Format(CultureInfo.InvariantCulture, Same, "before")} AND own.day + {min} > before.day
                    LEFT JOIN per_group ON per_group.{string.Format(CultureInfo.InvariantCulture, Same, "per_group")}
                )
                SELECT r, code, followers::INTEGER, expected, coalesce(CAST(revenue AS DOUBLE), 0) FROM w WHERE followers > 0
                """;
        }
    }

    /// <summary>
    /// <see cref="LearnedAdoption"/> for a few customers: each first purchase joined to every learned day of its line and
    /// summed, cheaper than running sums for a handful of rows (the as-of joins cost one customer's update tens of
    /// milliseconds more under load).
    /// </summary>
    private string JoinedAdoption => $"""
        -- adoption ranks from the learned first purchases (joined)
        WITH own AS (
            SELECT o.r, o.line, CAST(o.first_at AS DATE) AS day, CAST(o.first_at AS DATE) > {Date(learnedOn!.Value)} AS added, n.launch_day
            FROM cc_ol o JOIN cc_launch n USING (line)
            WHERE n.is_new
        ), ranked AS (
            SELECT own.r, own.day - own.launch_day AS days,
                   coalesce(sum(p.n) FILTER (WHERE p.day < own.day), 0) AS earlier,
                   coalesce(sum(p.n), 0) + CASE WHEN own.added THEN 1 ELSE 0 END AS total
            FROM own LEFT JOIN {LearnedFirsts} p ON p.completed AND p.line = own.line
            GROUP BY own.r, own.line, own.day, own.launch_day, own.added
        )
        SELECT r, count(*)::INTEGER, min(days)::DOUBLE PRECISION, min(CASE WHEN total > 1 THEN earlier::DOUBLE PRECISION / (total - 1)::DOUBLE PRECISION ELSE 0 END)
        FROM ranked GROUP BY r
        """;

    /// <summary><see cref="LearnedFollowers"/> for a few customers, as <see cref="JoinedAdoption"/>.</summary>
    private string JoinedFollowers
    {
        get
        {
            var (min, max) = (options.FollowerMinDays, options.FollowerMaxDays);
            var self = min == 0 ? "CASE WHEN own.added THEN 1 ELSE 0 END" : "0";
            var selfAmount = min == 0 ? $"CASE WHEN own.added THEN coalesce({Exact("own.first_amount")}, 0) ELSE 0 END" : "0";
            return $"""
                -- followers from the learned first purchases (joined)
                WITH own AS (
                    SELECT o.r, n.code, o.line, c.region, CAST(o.first_at AS DATE) AS day, o.first_amount, n.days_on_sale,
                           CAST(o.first_at AS DATE) > {Date(learnedOn!.Value)} AS added
                    FROM cc_ol o JOIN cc_launch n USING (line) JOIN cc_party q USING (r) JOIN {_own.Customers} c ON c.customer_id = q.customer_id
                ), w AS (
                    SELECT own.r, own.code,
                           coalesce(sum(p.n) FILTER (WHERE p.day BETWEEN own.day + {min} AND own.day + {max}), 0) + {self} AS followers,
                           (coalesce(sum(p.n), 0) + CASE WHEN own.added THEN 1 ELSE 0 END) * {max - min + 1} / own.days_on_sale AS expected,
                           coalesce(sum(p.amount) FILTER (WHERE p.day BETWEEN own.day + {min} AND own.day + {max}), 0) + {selfAmount} AS revenue
                    FROM own LEFT JOIN {LearnedFirsts} p ON p.completed AND p.line = own.line AND p.region IS NOT DISTINCT FROM own.region
                    GROUP BY own.r, own.code, own.line, own.region, own.day, own.first_amount, own.days_on_sale, own.added
                )
                SELECT r, code, followers::INTEGER, expected, coalesce(CAST(revenue AS DOUBLE PRECISION), 0) FROM w WHERE followers > 0
                """;
        }
    }

    /// <summary>
    /// r, line code, followers, expected followers, followers' first-order revenue, for every first purchase of a line
    /// with followers: the other customers of the same region (no region is a group of its own) whose first purchase
    /// of the line came FollowerMinDays..FollowerMaxDays later. Everyone who first bought a line on the same day in the
    /// same region has the same followers, so the range window runs over the first purchases counted per line, region
    /// and day (thousands of rows), not over the customers (millions), and the customers join their day's figures.
    /// </summary>
    public string ReadFollowers
    {
        get
        {
            if (Learned) return Few ? JoinedFollowers : LearnedFollowers;
            var (min, max) = (options.FollowerMinDays, options.FollowerMaxDays);
            // For a part of the base, everyone's first purchases make the days; the region is coded as cc_party codes it.
            var firsts = partOfBase
                ? $"""
                    SELECT p.r, n.code AS line, coalesce(lv.code, -1) AS region, CAST(o.first_at AS DATE) - DATE '1970-01-01' AS d, o.first_amount
                    FROM cc_pop o JOIN cc_launch n USING (line) JOIN customers c ON c.customer_id = o.customer_id
                    LEFT JOIN cc_levels lv ON lv.col = {RegionLevel} AND lv.v = c.region
                    LEFT JOIN cc_ids p ON p.customer_id = o.customer_id
                    """
                : """
                    SELECT o.r, n.code AS line, p.region, CAST(o.first_at AS DATE) - DATE '1970-01-01' AS d, o.first_amount
                    FROM cc_ol o JOIN cc_launch n USING (line) JOIN cc_party p USING (r)
                    """;
            return $"""
                WITH f AS (
                    {firsts}
                ), days AS (
                    SELECT line, region, d, count(*) AS n, sum({Exact("first_amount")}) AS amount FROM f GROUP BY line, region, d
                ), w AS (
                    SELECT days.line, region, d, sum(n) OVER win AS followers, sum(amount) OVER win AS revenue,
                           CAST(sum(n) OVER (PARTITION BY days.line, region) * {max - min + 1} AS DOUBLE PRECISION) / n.days_on_sale AS expected
                    FROM days JOIN cc_launch n ON n.code = days.line
                    WINDOW win AS (PARTITION BY days.line, region ORDER BY d RANGE BETWEEN {min} FOLLOWING AND {max} FOLLOWING)
                )
                SELECT f.r, f.line, w.followers::INTEGER, w.expected, coalesce(CAST(w.revenue AS DOUBLE PRECISION), 0)
                FROM f JOIN w USING (line, region, d)
                WHERE w.followers > 0 AND f.r IS NOT NULL
                """;
        }
    }

    /// <summary>
    /// Referrer r and referred r of the referrals made by the as-of date (undated ones included), in the order of the two, so
    /// that a referrer's referred margins are summed in the same order by every run and engine (unordered, the join's order
    /// changed the last digits of a referral value from one run to the next at a million customers).
    /// </summary>
    /// <remarks>
    /// For a part of the base only the referrals its customers made are read (both ends must be among them), by the referrer's key
    /// and the part's ids (<see cref="PartIds"/>), not all of them (on PostgreSQL at a million customers a scan of 112,296
    /// referrals, 16 ms in one database and 62 ms over three shards, for every live update).
    /// </remarks>
    public string ReadReferrals => $"""
        SELECT a.r, b.r FROM {(partOfBase ? $"(SELECT * FROM referrals WHERE {dialect.AmongIds("referrer_id", PartIds)})" : "referrals")} f
        JOIN cc_party a ON a.customer_id = f.referrer_id
        JOIN cc_party b ON b.customer_id = f.referred_id
        WHERE f.occurred_at IS NULL OR f.occurred_at < {NextDay}
        ORDER BY a.r, b.r
        """;

    /// <summary>Seller r and buyer r of every supply link; null where the id is not a customer of the summary.</summary>
    /// <remarks>
    /// For a part of the base only the links it takes part in (by the part's ids, <see cref="PartIds"/>): the others would be left
    /// out (and noted) anyway. (Filtered by <c>cc_ids</c> instead, a sharded workspace brought all 53,835 links of a million
    /// customers to the coordinator for each live update: 49 ms, against 5 ms.)
    /// </remarks>
    public string ReadSupplyLinks => $"""
        SELECT s.r, b.r FROM {(partOfBase ? $"(SELECT * FROM supply_links WHERE {dialect.AmongIds("seller_id", PartIds)} OR {dialect.AmongIds("buyer_id", PartIds)})" : "supply_links")} l
        LEFT JOIN cc_party s ON s.customer_id = l.seller_id
        LEFT JOIN cc_party b ON b.customer_id = l.buyer_id
        ORDER BY s.r NULLS LAST, b.r NULLS LAST
        """;

    /// <summary>The contacts of the summary's customers, unordered: r, contact_id, name, title code.</summary>
    public string ReadContacts => $"""
        SELECT p.r, c.contact_id, c.name, lv.code
        FROM {_own.Contacts} c JOIN cc_party p USING (customer_id)
        LEFT JOIN cc_levels lv ON lv.col = {PartyLevels.Length} AND lv.v = c.title
        """;

    /// <summary>contact_id, role, weight (default 1) of every buying role; a role given for several deals comes once per deal.</summary>
    /// <remarks>For a part of the base the roles of its contacts alone (a million customers' roles are read in seconds' fractions otherwise).</remarks>
    public string ReadRoles => "SELECT contact_id, role, coalesce(weight, 1) FROM buying_roles" +
        (partOfBase ? $" WHERE contact_id IN (SELECT contact_id FROM {_own.Contacts} WHERE customer_id IN (SELECT customer_id FROM cc_ids))" : "");

    public string ReadTargets => $"SELECT segment_path, planned_customers, planned_value, CAST(due_at AS DATE) FROM targets ORDER BY {dialect.OrdinalText("segment_path")}";

    private static string Date(DateOnly day) => "DATE '" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "'";

    private static string Timestamp(DateOnly day) => "TIMESTAMP '" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "'";
}
