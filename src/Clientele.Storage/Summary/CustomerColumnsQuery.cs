using System.Globalization;
using Clientele.Classification;
using Clientele.Customers;
using System.Data.Common;

namespace Clientele.Storage.Summary;

/// <summary>
/// Fills the <see cref="CustomerColumns"/> the classifications read, for the customers of a
/// <see cref="CustomerSummary"/> (same customers, same order) and its as-of date: orders and interactions after
/// that day are ignored, and so are referrals dated after it. The work is done inside the workspace's database
/// (orders are grouped once, per customer and product line); only per-customer results come into memory, read
/// with typed getters into the arrays. What the summary already holds (last purchase, revenue, margin) is taken
/// from it.
/// </summary>
public static class CustomerColumnsQuery
{
    /// <summary>From how many customers the query's temporary tables get statistics (<see cref="CustomerColumnsDb.Analyze"/>).</summary>
    private const int AnalyzeFrom = 10_000;

    /// <summary>The columns of the summary's customers. See <see cref="Read"/> for what is left out.</summary>
    public static CustomerColumns Run(Workspace workspace, CustomerSummary summary, CustomerColumnsQueryOptions? options = null) =>
        Read(workspace, summary, options).Columns;

    /// <summary>
    /// The columns of the summary's customers, with notes on what was left out: supply links naming a party that is
    /// not among the summary's customers (unknown, or known only after the as-of date). Parent accounts, referrers,
    /// referred parties and contacts' organizations outside the summary are left out without a note (−1 for links).
    /// </summary>
    /// <exception cref="WorkspaceException">The summary names customers the workspace does not have (it was computed on another workspace).</exception>
    public static CustomerColumnsQueryResult Read(Workspace workspace, CustomerSummary summary, CustomerColumnsQueryOptions? options = null) =>
        ReadTimed(workspace, summary, options, null);

    /// <summary>
    /// The columns of a part of the base (a live update's few customers, from <see cref="CustomerSummaryQuery"/>'s summary
    /// of them): each customer gets the values the whole base's columns give it, the base-relative ones (product lines,
    /// launches, adoption ranks, followers) read from everyone's first purchases in the order log, or, with
    /// <paramref name="learnedOn"/>, from the first purchases the analysis of that date learned
    /// (<see cref="Snapshots.SnapshotFirstPurchases"/>) and the part's own since. Links to customers outside the part
    /// (parents, referrers, supply links) are −1 or left out, as for anyone outside a summary.
    /// </summary>
    /// <remarks>
    /// With <paramref name="learnedOn"/> a customer's ranks and followers count the population as the analysis saw it, and its
    /// own first purchases since: others' first purchases since the analysis count from the next one. Without it (an analysis
    /// stored before the learned first purchases) the whole order log is read, seconds at a million customers.
    /// </remarks>
    public static CustomerColumns ReadPart(Workspace workspace, CustomerSummary part, CustomerColumnsQueryOptions? options = null, DateOnly? learnedOn = null) =>
        ReadTimed(workspace, part, options, null, partOfBase: true, learnedOn).Columns;

    /// <summary>As <see cref="ReadPart(Workspace, CustomerSummary, CustomerColumnsQueryOptions?, DateOnly?)"/>, reading the part's own rows from <paramref name="tables"/> (made by <see cref="PartTables.Copy"/> for at least its customers).</summary>
    internal static CustomerColumns ReadPart(Workspace workspace, CustomerSummary part, CustomerColumnsQueryOptions options, DateOnly? learnedOn, PartTables tables) =>
        ReadTimed(workspace, part, options, null, partOfBase: true, learnedOn, tables).Columns;

    /// <summary>As <see cref="Read"/>, reporting each statement's first line and time to <paramref name="step"/> (the benchmark's breakdown).</summary>
    internal static CustomerColumnsQueryResult ReadTimed(Workspace workspace, CustomerSummary summary, CustomerColumnsQueryOptions? options, Action<string, TimeSpan>? step,
        bool partOfBase = false, DateOnly? learnedOn = null, PartTables? tables = null)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(summary);
        options ??= new CustomerColumnsQueryOptions();
        options.Validate();
        var sql = new CustomerColumnsSql(workspace.Dialect, summary.AsOf, options, partOfBase, learnedOn, tables, summary.Count);
        var db = new CustomerColumnsDb(workspace, step);
        try
        {
            db.Execute(CustomerColumnsSql.Ids);
            db.AppendCustomers("cc_ids", CustomerColumnsSql.IdColumns, summary, options.SignalWindowDays);
            // The customers' tables are joined to the workspace's tables: their statistics let the engine see that an id comes
            // once (PostgreSQL, which keeps none for a temporary table, took every customer for a match of many rows and looked
            // up each customer's rows on every shard of a sharded workspace, a million times three). A few customers (a live
            // update's) cannot mislead a plan much, and the refresh would cost each update.
            var analyze = summary.Count >= AnalyzeFrom;
            if (analyze) db.Analyze("cc_ids");
            db.Execute(sql.Levels);
            db.Execute(sql.OrderLines);
            if (analyze) db.Analyze("cc_ol");
            db.Execute(sql.OtherOrders);
            if (partOfBase) db.Execute(sql.Population);
            db.Execute(sql.Parties);
            if (analyze) db.Analyze("cc_party");
            var found = 0L;
            db.Query(CustomerColumnsSql.PartyCount, r => found = r.GetInt64(0));
            if (found != summary.Count)
            {
                db.Query(CustomerColumnsSql.MissingParty, r => throw new WorkspaceException(
                    $"the summary names customer {(r.IsDBNull(0) ? "ids" : r.GetString(0))}, which this workspace does not have: compute the summary on the same workspace, then the columns."));
            }
            db.Execute(sql.Lines);
            var lines = new List<string>();
            db.Query(CustomerColumnsSql.ReadLines, r => lines.Add(r.GetString(0)));
            var columns = new CustomerColumns(summary, lines);
            var levels = ReadLevels(db);
            ReadParties(db, sql, columns, levels);
            ReadOrders(db, sql, columns);
            CustomerInteractionColumns.Read(db, sql, columns);
            db.Execute(sql.Launches);
            ReadAdoptionAndFollowers(db, sql, columns);
            var firstPurchases = partOfBase ? [] : ReadFirstPurchases(db, summary.AsOf);
            var notes = new List<string>();
            ReadSupplyLinks(db, sql, columns, notes);
            columns.Contacts = CustomerContactColumns.Read(db, sql, columns.Count, levels[^1]);
            columns.Targets = ReadTargets(db, sql);
            return new CustomerColumnsQueryResult(columns, notes) { FirstPurchases = firstPurchases };
        }
        finally
        {
            foreach (var table in CustomerColumnsSql.TempTables) db.Execute($"DROP TABLE IF EXISTS {table}");
        }
    }

    /// <summary>The values of each categorical column by code; the last entry is contacts' titles.</summary>
    private static string[][] ReadLevels(CustomerColumnsDb db)
    {
        var lists = new List<(int Code, string Value)>[CustomerColumnsSql.PartyLevels.Length + 1];
        for (var c = 0; c < lists.Length; c++) lists[c] = [];
        db.Query(CustomerColumnsSql.ReadLevels, r => lists[r.GetInt32(0)].Add((r.GetInt32(1), r.GetString(2))));
        return [.. lists.Select(list =>
        {
            var values = new string[list.Count];
            foreach (var (code, value) in list) values[code] = value;
            return values;
        })];
    }

    private static void ReadParties(CustomerColumnsDb db, CustomerColumnsSql sql, CustomerColumns columns, string[][] levels)
    {
        var links = new List<(int Customer, string? Parent, string? Referrer)>();
        db.Query(sql.ReadParties, r =>
        {
            var i = r.GetInt32(0);
            columns.Name[i] = r.IsDBNull(1) ? null : r.GetString(1);
            var c = 2;
            columns.Kind[i] = Code(r, c++, levels[0]);
            columns.Industry[i] = Code(r, c++, levels[1]);
            columns.Domain[i] = Code(r, c++, levels[2]);
            columns.PopulationGroup[i] = Code(r, c++, levels[3]);
            columns.Region[i] = Code(r, c++, levels[4]);
            columns.Country[i] = Code(r, c++, levels[5]);
            columns.Channel[i] = Code(r, c++, levels[6]);
            columns.AcquiredAt[i] = r.IsDBNull(c) ? null : r.GetFieldValue<DateOnly>(c);
            columns.IsProminent[i] = r.GetBoolean(++c);
            columns.WalletEstimate[i] = r.IsDBNull(++c) ? null : r.GetDouble(c);
            var parent = r.IsDBNull(++c) ? null : r.GetString(c);
            var referrer = r.IsDBNull(++c) ? null : r.GetString(c);
            if (parent is not null || referrer is not null) links.Add((i, parent, referrer));
        });
        if (links.Count == 0) return;
        var index = new Dictionary<string, int>(columns.Count, StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++) index.Add(columns.CustomerId[i], i);
        foreach (var (i, parent, referrer) in links)
        {
            columns.ParentIndex[i] = parent is not null && index.TryGetValue(parent, out var p) ? p : -1;
            columns.ReferredByIndex[i] = referrer is not null && index.TryGetValue(referrer, out var f) ? f : -1;
        }
    }

    /// <summary>The value of a code column: null for none (a null code).</summary>
    internal static string? Level(DbDataReader r, int column, string[] values) => r.IsDBNull(column) ? null : values[r.GetInt32(column)];

    /// <summary>The value of a code column that says none with −1.</summary>
    private static string? Code(DbDataReader r, int column, string[] values)
    {
        var code = r.GetInt32(column);
        return code < 0 ? null : values[code];
    }

    private static void ReadOrders(CustomerColumnsDb db, CustomerColumnsSql sql, CustomerColumns columns)
    {
        db.Query(CustomerColumnsSql.ReadOrderLines, r =>
        {
            var i = r.GetInt32(0);
            if (!r.IsDBNull(1)) columns.LineOrders[r.GetInt32(1)][i] = r.GetInt32(2);
            columns.RevenueLastYear[i] = r.GetDouble(3);
            columns.PeriodStart[i] = r.IsDBNull(4) ? null : r.GetFieldValue<DateOnly>(4);
        });
        db.Query(CustomerColumnsSql.ReadOtherOrders, r =>
        {
            var i = r.GetInt32(0);
            columns.CancelledOrders[i] = r.GetInt32(1);
            columns.ReturnMargin[i] = r.GetDouble(2);
            columns.RecentReturns[i] = r.GetInt32(3);
        });
        if (sql.GroupsByCustomerFirst)
        {
            db.Query(sql.ReadOrderDays, r => columns.KeptPurchaseDays[r.GetInt32(0)] = r.GetInt32(1));
        }
        else
        {
            // The days of completed orders are the summary's purchase days; the days with only a returned order are added.
            columns.Summary.PurchaseDays.AsSpan().CopyTo(columns.KeptPurchaseDays);
            db.Query(sql.ReturnedOnlyDays, r => columns.KeptPurchaseDays[r.GetInt32(0)] += r.GetInt32(1));
        }
        var unknown = new List<(string ProductId, int Orders)>();
        List<string>? catalogue = null;
        if (sql.GroupsByCustomerFirst)
        {
            catalogue = [];
            db.Query(CustomerColumnsSql.ReadCatalogue, r => catalogue.Add(r.GetString(0)));
        }
        if (sql.ReadUnknownProducts(catalogue) is { } unknownProducts) db.Query(unknownProducts, r => unknown.Add((r.GetString(0), r.GetInt32(1))));
        columns.UnknownProducts = unknown;
        if (sql.ReadSizes is { } sizes)
        {
            db.Query(sizes, r =>
            {
                var i = r.GetInt32(0);
                columns.SizeAttribute[i] = r.GetString(1);
                columns.Size[i] = r.GetDouble(2);
            });
        }
        // The summary holds every customer's revenue and margin by the as-of date.
        var summary = columns.Summary;
        db.Query(sql.ReadReferrals, r =>
        {
            var (referrer, referred) = (r.GetInt32(0), r.GetInt32(1));
            columns.ReferredRevenue[referrer] += summary.Revenue[referred];
            columns.ReferredMargin[referrer] += summary.Margin[referred] ?? summary.Revenue[referred];
        }, PartIds(sql, columns));
    }

    /// <summary>A part's ids as the parameter of its reads by them (<see cref="CustomerColumnsSql.PartIds"/>); none for the whole base.</summary>
    private static (string Name, object? Value)[] PartIds(CustomerColumnsSql sql, CustomerColumns columns) =>
        sql.PartOfBase ? [(CustomerColumnsSql.PartIds, columns.CustomerId.ToList())] : [];

    private static void ReadAdoptionAndFollowers(CustomerColumnsDb db, CustomerColumnsSql sql, CustomerColumns columns)
    {
        db.Query(sql.ReadAdoption, r =>
        {
            var i = r.GetInt32(0);
            columns.NewLinesAdopted[i] = r.GetInt32(1);
            columns.EarliestAdoptionDays[i] = r.GetDouble(2);
            columns.EarliestAdoptionRank[i] = r.GetDouble(3);
        });
        // Per customer the line where the followers most exceed what chance gives (an established line's steady
        // first purchases would otherwise bury a new line's real followers); ties: the first line by name.
        db.Query(sql.ReadFollowers, r =>
        {
            var i = r.GetInt32(0);
            var followers = r.GetInt32(2);
            var expected = r.GetDouble(3);
            var line = columns.ProductLines[r.GetInt32(1)];
            var best = columns.FollowedLine[i];
            var excess = followers - expected;
            var bestExcess = columns.Followers[i] - columns.FollowersExpected[i];
            if (best is not null && (excess < bestExcess || (excess == bestExcess && string.CompareOrdinal(line, best) > 0)))
                return;
            columns.FollowedLine[i] = line;
            columns.Followers[i] = followers;
            columns.FollowersExpected[i] = expected;
            columns.FollowersRevenue[i] = r.GetDouble(4);
        });
    }

    private static List<FirstPurchaseDay> ReadFirstPurchases(CustomerColumnsDb db, DateOnly asOf)
    {
        var days = new List<FirstPurchaseDay>();
        db.Query(CustomerColumnsSql.ReadLearnedFirstPurchases, r => days.Add(new FirstPurchaseDay(
            r.IsDBNull(0) ? null : r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetFieldValue<DateOnly>(2), r.GetBoolean(3),
            r.GetInt64(4), r.IsDBNull(5) ? null : r.GetDecimal(5))));
        return days;
    }

    private static void ReadSupplyLinks(CustomerColumnsDb db, CustomerColumnsSql sql, CustomerColumns columns, List<string> notes)
    {
        var (sellers, buyers) = (new List<int>(), new List<int>());
        var dropped = 0;
        db.Query(sql.ReadSupplyLinks, r =>
        {
            if (r.IsDBNull(0) || r.IsDBNull(1))
            {
                dropped++;
                return;
            }
            sellers.Add(r.GetInt32(0));
            buyers.Add(r.GetInt32(1));
        }, PartIds(sql, columns));
        columns.SupplySeller = [.. sellers];
        columns.SupplyBuyer = [.. buyers];
        if (dropped > 0)
        {
            notes.Add(string.Format(CultureInfo.InvariantCulture,
                "{0:N0} supply link{1} name{2} a party outside the summary (unknown, or known only after the as-of date) and {3} left out.",
                dropped, dropped == 1 ? "" : "s", dropped == 1 ? "s" : "", dropped == 1 ? "was" : "were"));
        }
    }

    private static List<TargetGroup> ReadTargets(CustomerColumnsDb db, CustomerColumnsSql sql)
    {
        var targets = new List<TargetGroup>();
        db.Query(sql.ReadTargets, r => targets.Add(new TargetGroup(
            r.GetString(0),
            r.IsDBNull(1) ? null : r.GetDouble(1),
            r.IsDBNull(2) ? null : r.GetDouble(2),
            r.IsDBNull(3) ? null : r.GetFieldValue<DateOnly>(3))));
        return targets;
    }
}
