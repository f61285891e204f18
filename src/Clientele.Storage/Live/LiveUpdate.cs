using System.Globalization;
using Clientele.Classification;
using Clientele.Customers;
using Clientele.Scoring;
using Clientele.Storage.Analysis;
using Clientele.Storage.Snapshots;
using Clientele.Storage.Summary;

namespace Clientele.Storage.Live;

/// <summary>
/// Re-classifies a few customers at once with what the latest analysis learned, without learning anything again: their
/// summary and columns are read for them alone, scored with the stored models (<see cref="CustomerScoring.Apply"/>) and
/// classified with the stored context (<see cref="CustomerAnalysis.Apply"/>); their rows of the latest snapshot are
/// rewritten in place, marked live, and every class that moved is recorded in <c>class_changes</c> with the import
/// that moved it. Every read (listings, profiles, segments, exports, the report) shows the live rows at once.
/// </summary>
/// <remarks>
/// <para>
/// Each customer is taken as of its own latest order or interaction — for a referrer, also the latest referral it made and
/// the latest first purchase of a customer it referred — at least the analysis's as-of date (<see cref="LiveDays"/>), so its
/// live row is a function of the stored context and the data alone: applying events one at a time or all at once gives the
/// same rows. The others' scores stay as of the analysis; time passing is caught by the next analysis.
/// </para>
/// <para>
/// Every dimension is applied again. What rests on other customers is read from their current rows or walked again: a
/// referrer's <c>referral_value</c> sums the margin of the customers it referred as their rows are now
/// (<see cref="ReferralValues"/>), and a referrer whose referred customer bought is re-classified with it, as of that purchase
/// (its referrals bought, the ladder's advocacy, the influence roles); the supply-chain positions are walked again around the
/// customers re-classified (<see cref="LiveSupplyChain"/>): a party on a chain that buys from us becomes direct, and the
/// parties it sells on to move up the chain, their rows stamped with the import while their other classes stay. The account
/// hierarchies' <c>group_value</c> and <c>subsidiaries</c> are the analysis's moved by what changed since
/// (<see cref="RollUpGroups"/>): a subsidiary's change of value moves every parent above it, whose row is stamped with the
/// import while its classes stay. Followers and new-line adoption ranks count the population's first purchases the analysis
/// stored plus the customer's own since (docs/live.md, the intended exception). A class the analysis set by
/// an override stays; an override set or removed since applies from the next analysis, as before.
/// </para>
/// </remarks>
public static class LiveUpdate
{
    /// <summary>Figure columns a live update takes from the row it replaces, then moves by what changed (<see cref="RollUpGroups"/>).</summary>
    public static readonly IReadOnlyList<string> KeptFigures = ["group_value", "subsidiaries"];

    /// <summary>The most customers one live update re-classifies: an import that names more is left to the next analysis, and says so.</summary>
    public const int MaxCustomers = 20_000;

    /// <summary>Re-classifies the customers import <paramref name="importId"/> named (<see cref="ImportedCustomers"/>), unless there are more than <see cref="MaxCustomers"/>.</summary>
    public static LiveResult AfterImport(Workspace workspace, long importId, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var customers = ImportedCustomers.Of(workspace, importId);
        if (customers.Count > MaxCustomers && SnapshotQuery.List(workspace).Count > 0)
            return LiveResult.NotUpdated(string.Create(CultureInfo.InvariantCulture,
                $"import #{importId} named {customers.Count:N0} customers, more than a live update re-classifies ({MaxCustomers:N0}): run `clientele analyze` to include them."),
                SnapshotQuery.Resolve(workspace, null));
        return Refresh(workspace, customers, importId, at);
    }

    /// <summary>
    /// Re-classifies <paramref name="customers"/> (and the referrers of those referred by them) with the latest analysis's
    /// context, in one transaction. Unknown ids are left out; without an analysis, or with one stored before live updates,
    /// nothing is changed and the result says why.
    /// </summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="customers">The customers an import or an event batch named.</param>
    /// <param name="importId">The import (or event batch) that caused it, recorded with each change.</param>
    /// <param name="at">When (UTC).</param>
    public static LiveResult Refresh(Workspace workspace, IReadOnlyCollection<string> customers, long? importId, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(customers);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var steps = new Dictionary<string, double>(StringComparer.Ordinal);
        void Step(string name)
        {
            steps[name] = steps.GetValueOrDefault(name) + clock.Elapsed.TotalSeconds;
            clock.Restart();
        }
        if (StoredContext.Latest(workspace, StoredOptions) is not { } stored)
            return LiveResult.NotUpdated("there is no analysis yet to update: run `clientele analyze` and later changes will update its classes live.");
        var (analysisAsOf, context, options, learnedOn) = (stored.Snapshot.AsOf, stored.Context, stored.Options, stored.FirstPurchasesLearnedOn);
        if (context.Classification is not { } classification)
            return LiveResult.NotUpdated($"the latest analysis (as of {analysisAsOf:yyyy-MM-dd}) was stored before live updates: analyze again and later changes will update its classes live.", analysisAsOf);
        if (customers.Count == 0) return new LiveResult(analysisAsOf, 0, [], null);

        var ids = WithReferrers(workspace, customers);
        Step("context");
        var unit = Enum.Parse<TimeUnit>(context.TimeUnit, ignoreCase: true);
        var columnOptions = new CustomerColumnsQueryOptions { SignalWindowDays = options.Churn.SignalWindowDays, SizeAttributes = options.Strategy.SizeAttributes };
        using var load = workspace.Dialect.SnapshotLoad(workspace);
        var refreshed = 0;
        Temp(workspace, "live_customers", "SELECT * FROM snapshot_customers WHERE false");
        Temp(workspace, "live_product_lines", "SELECT * FROM snapshot_product_lines WHERE false");
        Temp(workspace, "live_buying_roles", "SELECT * FROM snapshot_buying_roles WHERE false");
        Temp(workspace, "live_days", "SELECT CAST(NULL AS VARCHAR) AS customer_id, CAST(NULL AS DATE) AS live_as_of WHERE false");
        try
        {
            // The customers' own rows, read from the big tables once: the summary and the columns are some thirty statements.
            var part = PartTables.Copy(workspace, ids);
            Step("own rows");
            var days = LiveDays(workspace, part, ids, analysisAsOf);
            Step("context");
            foreach (var group in days.GroupBy(d => d.Value, d => d.Key))
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var summary = CustomerSummaryQuery.Run(workspace, group.Key, unit, [.. group], part);
                LiveTrace.Report("the customers' summary (one statement)", started);
                Step("summary");
                if (summary.Count == 0) continue;
                var columns = CustomerColumnsQuery.ReadPart(workspace, summary, columnOptions, learnedOn, part);
                Step("columns");
                var learned = context.Scoring.Learned;
                var scores = CustomerScoring.Apply(learned, columns, options.Scoring);
                var scoring = new ScoringResult(scores, learned.Model, learned.Parameters, context.Scoring.Fit, learned.Spend, context.Scoring.SpendFit, [], [])
                    { BaseMarginRate = learned.BaseMarginRate };
                // No override is applied here: those the analysis applied are kept with their rows (Store), and one set or removed
                // since applies from the next analysis, as an override always has.
                var result = CustomerAnalysis.Apply(classification, columns, scoring, options, []);
                Step("scores and classes");
                started = System.Diagnostics.Stopwatch.GetTimestamp();
                SnapshotWriter.WriteCustomers(load, result, "live_customers", analysisAsOf);
                LiveTrace.Report("SnapshotWriter.WriteCustomers", started);
                started = System.Diagnostics.Stopwatch.GetTimestamp();
                SnapshotWriter.WriteProductLines(load, result, "live_product_lines", analysisAsOf);
                SnapshotWriter.WriteBuyingRoles(load, result, "live_buying_roles", analysisAsOf);
                LiveTrace.Report("SnapshotWriter.WriteProductLines and WriteBuyingRoles", started);
                Execute(workspace, "INSERT INTO live_days SELECT unnest($ids), CAST($day AS DATE)", ("ids", summary.CustomerId.ToList()), ("day", group.Key.ToDateTime(TimeOnly.MinValue)));
                refreshed += summary.Count;
                Step("rows");
            }
            var (changes, groups, chain) = Store(workspace, part, load, analysisAsOf, options, context.Scoring.Learned.UsesMargin, importId, at);
            Step("store");
            return new LiveResult(analysisAsOf, refreshed, changes, null)
            {
                ParentsMoved = groups,
                ChainMoved = chain,
                Steps = [.. steps.Select(p => new Analysis.AnalysisStep(p.Key, Math.Round(p.Value, 4)))],
            };
        }
        finally
        {
            foreach (var table in new[] { "live_customers", "live_product_lines", "live_buying_roles", "live_days", "live_moves", "live_old", "live_roll", LiveSupplyChain.Table })
                Execute(workspace, workspace.Dialect.DropTempTable(table));
            PartTables.Drop(workspace);
        }
    }

    /// <summary>Rewrites the rows in one transaction: keeps what a live update does not re-apply, records the moves, replaces the snapshot's rows.</summary>
    private static (IReadOnlyList<ClassChange> Changes, int ParentsMoved, int ChainMoved) Store(Workspace workspace, PartTables part, SnapshotLoad load, DateOnly analysisAsOf,
        ClassificationOptions options, bool usesMargin, long? importId, DateTime at)
    {
        var day = $"DATE '{analysisAsOf:yyyy-MM-dd}'";
        var kept = string.Join(", ", KeptFigures.Select(c => $"{c} = o.{c}"));
        using var transaction = workspace.Db.BeginTransaction();
        // The rewritten customers' rows as the snapshot has them, taken once and only the columns read below: each statement
        // joining the snapshot's million rows cost tens of milliseconds, and all its columns (the reasons) seconds for a batch.
        var oldColumns = string.Join(", ", KeptFigures.Concat(Dimensions.All).Concat(LiveSupplyChain.Columns).Append("overridden").Append("value").Distinct());
        Temp(workspace, "live_old", $"SELECT customer_id, {oldColumns} FROM snapshot_customers WHERE as_of = {day} AND customer_id IN (SELECT customer_id FROM live_days)");
        Execute(workspace, $"UPDATE live_customers l SET {kept} FROM live_old o WHERE o.customer_id = l.customer_id");
        ReferralValues(workspace, day, usesMargin);
        // The supply chain around them walked again: their positions, and below those of the parties along their links.
        var walked = LiveSupplyChain.Walk(workspace, load, day, analysisAsOf, options, importId);
        // A class the analysis set by override stays, with its reason.
        Execute(workspace, "UPDATE live_customers l SET overridden = o.overridden FROM live_old o WHERE o.customer_id = l.customer_id");
        // The overridden classes' reasons come from the snapshot for the (few) overridden customers alone.
        // Each statement would scan the snapshot's ids again: skipped when no rewritten customer has an override (the rule).
        var overridden = $"(SELECT * FROM snapshot_customers WHERE as_of = {day} AND customer_id IN (SELECT customer_id FROM live_old WHERE overridden IS NOT NULL))";
        if (Scalar<long>(workspace, "SELECT count(*) FROM live_old WHERE overridden IS NOT NULL") > 0)
            foreach (var d in Dimensions.All)
            {
                // overridden lists the dimensions, joined by ", " (SnapshotWriter).
                var isOverridden = $"o.customer_id = l.customer_id AND strpos(', ' || o.overridden || ', ', ', {d}, ') > 0";
                if (SnapshotSchema.StoresReason(d))
                {
                    Execute(workspace, $"UPDATE live_customers l SET {d} = o.{d}, {SnapshotSchema.ReasonColumn(d)} = o.{SnapshotSchema.ReasonColumn(d)} FROM {overridden} o WHERE {isOverridden}");
                    continue;
                }
                // A reason rendered when read states the override over the class computed now (the live row's, before the override is put back).
                Execute(workspace, $"UPDATE snapshot_overrides s SET computed_class = l.{d} FROM live_customers l " +
                    $"WHERE s.as_of = {day} AND s.dimension = '{d}' AND s.position = 0 AND s.customer_id = l.customer_id");
                Execute(workspace, $"UPDATE live_customers l SET {d} = o.{d} FROM {overridden} o WHERE {isOverridden}");
            }
        // The rows and the snapshot carry one instant, later than the snapshot's previous one (even when the clock is not),
        // so a kept listing reads exactly the rows rewritten since it was made (SnapshotListing.CatchUp).
        var stamp = Scalar<DateTime>(workspace, $"SELECT CASE WHEN live_at >= $at THEN live_at + INTERVAL '1 microsecond' ELSE CAST($at AS TIMESTAMP) END FROM snapshots WHERE as_of = {day}", ("at", at));
        Execute(workspace, $"UPDATE live_customers l SET live_as_of = d.live_as_of, live_at = $stamp, live_import = CAST($import AS INTEGER) FROM live_days d WHERE d.customer_id = l.customer_id", ("stamp", stamp), ("import", importId));
        var parentsMoved = RollUpGroups(workspace, part, day, stamp, importId);
        var moved = string.Join(" UNION ALL ", Dimensions.All.Select(d =>
            $"SELECT l.customer_id, '{d}' AS dimension, o.{d} AS from_class, l.{d} AS to_class FROM live_customers l " +
            $"LEFT JOIN live_old o ON o.customer_id = l.customer_id WHERE o.{d} IS DISTINCT FROM l.{d}"));
        Temp(workspace, "live_moves", $"SELECT m.*, d.live_as_of FROM ({moved}) m JOIN live_days d USING (customer_id)");
        var chainMoved = walked is null ? 0 : LiveSupplyChain.MoveOthers(workspace, day, stamp, importId, walked);
        Execute(workspace, $"INSERT INTO class_changes SELECT {day}, customer_id, dimension, from_class, to_class, CAST($at AS TIMESTAMP), CAST($import AS INTEGER), live_as_of FROM live_moves", ("at", at), ("import", importId));
        foreach (var (table, live) in new[] { ("snapshot_customers", "live_customers"), ("snapshot_product_lines", "live_product_lines"), ("snapshot_buying_roles", "live_buying_roles") })
        {
            Execute(workspace, $"DELETE FROM {table} WHERE as_of = {day} AND customer_id IN (SELECT customer_id FROM live_days)");
            // The live tables were made from these tables' own columns, in their order.
            Execute(workspace, $"INSERT INTO {table} SELECT * FROM {live}");
        }
        // The listings kept in memory see the later instant and read the rows stamped with it; a customer new since the
        // analysis is counted in: the count moves by the rows written less those they replaced (a count of the snapshot's
        // rows read all of them, on a sharded workspace sent from every shard: 0.9 s at a million customers).
        Execute(workspace, $"UPDATE snapshots SET live_at = $stamp, customers = customers + (SELECT count(*) FROM live_customers) - (SELECT count(*) FROM live_old) WHERE as_of = {day}", ("stamp", stamp));
        var changes = new List<ClassChange>();
        using (var command = workspace.Command($"SELECT customer_id, dimension, from_class, to_class, live_as_of FROM live_moves ORDER BY {workspace.Dialect.OrdinalText("customer_id")}, {workspace.Dialect.OrdinalText("dimension")}"))
        {
            using var reader = command.ExecuteReader();
            while (reader.Read())
                changes.Add(new ClassChange(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.GetFieldValue<DateOnly>(4), at, importId));
        }
        var committing = System.Diagnostics.Stopwatch.GetTimestamp();
        LiveCommit.Commit(workspace, transaction);
        LiveTrace.Report("commit", committing);
        return (changes, parentsMoved, chainMoved);
    }

    /// <summary>
    /// The rewritten customers' referral value as the analysis sums it (<see cref="InfluenceRoles"/>: the margin of the customers each
    /// referred, their revenue where they have no margin or values are revenues) over the referrals each made by its own day, from
    /// the referred customers' current rows (the new ones of those rewritten with it, the snapshot's of the others); and their full
    /// value with it. Their apply summed only the referred customers updated with them and as of the same day.
    /// </summary>
    /// <remarks>
    /// Each table is read on its own, filtered by the few ids (on a sharded workspace a scan of the shards), and the sums are made
    /// here in the analysis's order (each referrer's referred customers by code point): a join of the sharded referrals or
    /// snapshot rows inside one statement put them on the inner side of a nested loop, where PostgreSQL 15's async foreign scans
    /// over two shards were seen to leave out a row (<see cref="LiveSupplyChain"/>).
    /// </remarks>
    private static void ReferralValues(Workspace workspace, string day, bool usesMargin)
    {
        var referrals = new List<(string Referrer, string Referred)>();
        var days = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        using (var command = workspace.Command("SELECT customer_id, live_as_of FROM live_days"))
        using (var reader = command.ExecuteReader())
            while (reader.Read()) days[reader.GetString(0)] = reader.GetDateTime(1).Date.AddDays(1);
        using (var command = workspace.Command("SELECT referrer_id, referred_id, occurred_at FROM referrals WHERE referrer_id IN (SELECT customer_id FROM live_days)"))
        using (var reader = command.ExecuteReader())
            while (reader.Read())
                // Made by the referrer's own day (an undated referral always), as the analysis counts them by its as-of date.
                if (!reader.IsDBNull(1) && (reader.IsDBNull(2) || reader.GetDateTime(2) < days[reader.GetString(0)]))
                    referrals.Add((reader.GetString(0), reader.GetString(1)));
        if (referrals.Count > 0)
        {
            var worth = new Dictionary<string, double>(StringComparer.Ordinal);
            var money = usesMargin ? "coalesce(margin, revenue)" : "revenue";
            using (var command = workspace.Command($"""
                SELECT customer_id, {money} FROM live_customers
                UNION ALL
                SELECT customer_id, {money} FROM snapshot_customers
                WHERE as_of = {day} AND customer_id IN (SELECT unnest($ids)) AND customer_id NOT IN (SELECT customer_id FROM live_days)
                """, ("ids", referrals.Select(r => r.Referred).Distinct(StringComparer.Ordinal).ToList())))
            using (var reader = command.ExecuteReader())
                while (reader.Read())
                    if (!reader.IsDBNull(1)) worth[reader.GetString(0)] = reader.GetDouble(1);
            // A referred customer without a row (not a customer of the analysis, nor updated since) counts nothing, as in the analysis.
            var sums = referrals.OrderBy(r => r.Referrer, StringComparer.Ordinal).ThenBy(r => r.Referred, StringComparer.Ordinal)
                .GroupBy(r => r.Referrer, StringComparer.Ordinal)
                .Select(g => (Id: g.Key, Value: g.Aggregate(0.0, (sum, r) => sum + worth.GetValueOrDefault(r.Referred))))
                .ToList();
            Execute(workspace, "UPDATE live_customers l SET referral_value = r.v FROM (SELECT unnest($ids) AS customer_id, unnest($values) AS v) r WHERE r.customer_id = l.customer_id",
                ("ids", sums.Select(s => s.Id).ToList()), ("values", sums.Select(s => s.Value).ToList()));
        }
        Execute(workspace, "UPDATE live_customers SET full_value = value + coalesce(referral_value, 0) + coalesce(influence_value, 0)");
    }

    /// <summary>The most levels of parents a live update climbs; a longer chain is taken for a cycle.</summary>
    private const int MaxHierarchyDepth = 64;

    /// <summary>
    /// Rolls the rewritten customers' changes of value up their account hierarchies, as the analysis's roll-up
    /// (<see cref="AccountHierarchy"/>) adds them: each parent's, grandparent's, ... <c>group_value</c> moves by the change of
    /// its subsidiary's value, its <c>subsidiaries</c> by one for a subsidiary new since the analysis, and a rewritten parent's
    /// own change moves its own group value. The parents are read level by level from the customers (a parameterised
    /// lookup of a few ids, which a sharded workspace answers on the shards). A customer whose chain of parents returns to
    /// itself or runs past <see cref="MaxHierarchyDepth"/> levels (a cycle, which the analysis broke at its lowest-numbered
    /// account) is left out: those groups' values wait for the next analysis. Returns how many parents' groups moved.
    /// </summary>
    private static int RollUpGroups(Workspace workspace, PartTables part, string day, DateTime stamp, long? importId)
    {
        // Each rewritten customer with a parent: the change of its value since the row it replaces, and whether it is new.
        var changed = new List<(string Id, string Parent, double Delta, bool Added)>();
        using (var command = workspace.Command($"""
            SELECT l.customer_id, p.parent_id, coalesce(l.value, 0) - coalesce(o.value, 0), CASE WHEN o.customer_id IS NULL THEN 1 ELSE 0 END
            FROM live_customers l JOIN {part.Customers} p ON p.customer_id = l.customer_id LEFT JOIN live_old o ON o.customer_id = l.customer_id
            WHERE p.parent_id IS NOT NULL AND p.parent_id <> l.customer_id
            """))
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var (delta, added) = (reader.GetDouble(2), reader.GetInt32(3) == 1);
                if (delta != 0 || added) changed.Add((reader.GetString(0), reader.GetString(1), delta, added));
            }
            LiveTrace.Report("the rewritten customers' changes of value, for their parents", started);
        }
        if (changed.Count == 0) return 0;
        // Summed in the customers' order by code point, whatever the engine returned them in, so both engines add alike.
        changed.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        // Every customer met climbing, with its parent (null: none); an id looked up and not found is no customer.
        var parents = new Dictionary<string, string?>(StringComparer.Ordinal);
        var looked = new HashSet<string>(StringComparer.Ordinal);
        var wanted = changed.Select(c => c.Parent).ToHashSet(StringComparer.Ordinal);
        for (var level = 0; wanted.Count > 0 && level <= MaxHierarchyDepth; level++)
        {
            looked.UnionWith(wanted);
            using var command = workspace.Command("SELECT customer_id, parent_id FROM customers WHERE customer_id IN (SELECT unnest($ids))", ("ids", wanted.ToList()));
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            using (var reader = command.ExecuteReader())
                while (reader.Read()) parents[reader.GetString(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
            LiveTrace.Report("the parents of a level of the rewritten customers' hierarchies", started);
            wanted = parents.Values.Where(p => p is not null && !looked.Contains(p)).Select(p => p!).ToHashSet(StringComparer.Ordinal);
        }
        // Per ancestor, in the order of the customers below it: the sum of their changes and the subsidiaries added.
        var roll = new SortedDictionary<string, (double Delta, int Added)>(StringComparer.Ordinal);
        foreach (var (id, parent, delta, added) in changed)
        {
            var chain = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal) { id };
            // A parent that is not a customer is no parent (the analysis's rule); the chain stops there.
            for (var at = parent; at is not null && parents.ContainsKey(at); at = parents[at])
            {
                if (!seen.Add(at) || chain.Count >= MaxHierarchyDepth)
                {
                    chain = null;
                    break;
                }
                chain.Add(at);
            }
            foreach (var ancestor in chain ?? [])
            {
                var (sum, count) = roll.GetValueOrDefault(ancestor);
                roll[ancestor] = (sum + delta, count + (added ? 1 : 0));
            }
        }
        if (roll.Count == 0) return 0;
        Temp(workspace, "live_roll", "SELECT CAST(NULL AS VARCHAR) AS customer_id, CAST(NULL AS DOUBLE PRECISION) AS delta, CAST(NULL AS INTEGER) AS added WHERE false");
        Execute(workspace, "INSERT INTO live_roll SELECT unnest($ids), unnest($deltas), unnest($added)",
            ("ids", roll.Keys.ToList()), ("deltas", roll.Values.Select(v => v.Delta).ToList()), ("added", roll.Values.Select(v => v.Added).ToList()));
        // Rewritten customers: the group total the row had (its own value where it had no subsidiaries), its own change, its subsidiaries'.
        Execute(workspace, """
            UPDATE live_customers l SET subsidiaries = coalesce(o.subsidiaries, 0) + coalesce(r.added, 0),
                group_value = CASE WHEN coalesce(o.subsidiaries, 0) + coalesce(r.added, 0) > 0
                    THEN coalesce(o.group_value, o.value, 0) + (coalesce(l.value, 0) - coalesce(o.value, 0)) + coalesce(r.delta, 0) END
            FROM live_old o LEFT JOIN live_roll r ON r.customer_id = o.customer_id
            WHERE o.customer_id = l.customer_id AND (o.subsidiaries > 0 OR r.customer_id IS NOT NULL)
            """);
        Execute(workspace, """
            UPDATE live_customers l SET subsidiaries = r.added, group_value = CASE WHEN r.added > 0 THEN coalesce(l.value, 0) + r.delta END
            FROM live_roll r WHERE r.customer_id = l.customer_id AND NOT EXISTS (SELECT 1 FROM live_old o WHERE o.customer_id = l.customer_id)
            """);
        var rewritten = Scalar<long>(workspace, "SELECT count(*) FROM live_roll WHERE customer_id IN (SELECT customer_id FROM live_customers)");
        // The others keep their classes and figures; only their group's move. Stamped as updated live by this import (their
        // figures as of the day they were), so the listings kept in memory read them again (SnapshotListing.CatchUp). A parent
        // the analysis did not have (new since, and not re-classified) has no row to move.
        var others = Execute(workspace, $"""
            UPDATE snapshot_customers s SET subsidiaries = coalesce(s.subsidiaries, 0) + r.added,
                group_value = CASE WHEN coalesce(s.subsidiaries, 0) + r.added > 0 THEN coalesce(s.group_value, s.value, 0) + r.delta END,
                live_as_of = coalesce(s.live_as_of, {day}), live_at = $stamp, live_import = CAST($import AS INTEGER)
            FROM live_roll r
            WHERE s.as_of = {day} AND s.customer_id = r.customer_id AND r.customer_id NOT IN (SELECT customer_id FROM live_days)
            """, ("stamp", stamp), ("import", importId));
        return (int)rewritten + others;
    }

    /// <summary>The customers, and the referrers of those among them who were referred: a referrer's referrals bought may have moved.</summary>
    private static List<string> WithReferrers(Workspace workspace, IReadOnlyCollection<string> customers)
    {
        var ids = new HashSet<string>(customers, StringComparer.Ordinal);
        using var command = workspace.Command("SELECT DISTINCT referrer_id FROM referrals WHERE referred_id IN (SELECT unnest($ids))", ("ids", ids.ToList()));
        using var reader = command.ExecuteReader();
        while (reader.Read()) ids.Add(reader.GetString(0));
        return [.. ids.Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Each known customer's live day: its latest order or interaction and, for a referrer, the latest referral it made and the
    /// latest first purchase of a customer it referred (the day that referral became one that bought), at least the analysis's
    /// as-of date. A referrer's referrals made and bought are counted by its own day: taken as of the analysis, a referral
    /// made or bought since would not count for it until the next analysis.
    /// </summary>
    private static Dictionary<string, DateOnly> LiveDays(Workspace workspace, PartTables part, List<string> ids, DateOnly analysisAsOf)
    {
        var days = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        using var command = workspace.Command($"""
            SELECT c.customer_id, greatest($as_of, coalesce(CAST(o.last AS DATE), $as_of), coalesce(CAST(i.last AS DATE), $as_of), coalesce(rf.last, $as_of))
            FROM {part.Customers} c
            LEFT JOIN (SELECT customer_id, max(ordered_at) AS last FROM {part.Orders} WHERE customer_id IN (SELECT unnest($ids)) GROUP BY customer_id) o USING (customer_id)
            LEFT JOIN (SELECT customer_id, max(occurred_at) AS last FROM {part.Interactions} WHERE customer_id IN (SELECT unnest($ids)) GROUP BY customer_id) i USING (customer_id)
            LEFT JOIN (SELECT f.referrer_id AS customer_id, max(greatest(coalesce(CAST(f.occurred_at AS DATE), $as_of), coalesce(d.day, $as_of))) AS last
                       FROM referrals f LEFT JOIN (SELECT customer_id, min(day) AS day FROM {part.ReferredDays} GROUP BY customer_id) d ON d.customer_id = f.referred_id
                       WHERE f.referrer_id IN (SELECT unnest($ids)) GROUP BY f.referrer_id) rf USING (customer_id)
            WHERE c.customer_id IN (SELECT unnest($ids))
            """, ("as_of", analysisAsOf.ToDateTime(TimeOnly.MinValue)), ("ids", ids));
        using var reader = command.ExecuteReader();
        while (reader.Read()) days[reader.GetString(0)] = DateOnly.FromDateTime(reader.GetDateTime(1));
        return days;
    }

    private static ClassificationOptions StoredOptions(Workspace workspace, DateOnly asOf) => SnapshotQuery.OptionsOf(workspace, asOf);

    /// <summary>Makes the temporary table <paramref name="name"/> of <paramref name="query"/>'s rows, replacing one (<see cref="SqlDialect.ReplaceTempTable"/>).</summary>
    internal static void Temp(Workspace workspace, string name, string query)
    {
        foreach (var sql in workspace.Dialect.ReplaceTempTable(name, query)) Execute(workspace, sql);
    }

    internal static T Scalar<T>(Workspace workspace, string sql, params (string Name, object? Value)[] parameters)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var command = workspace.Command(sql, parameters);
        var result = (T)command.ExecuteScalar()!;
        LiveTrace.Report(sql, started);
        return result;
    }

    /// <summary>Runs <paramref name="sql"/>; the rows it changed.</summary>
    internal static int Execute(Workspace workspace, string sql, params (string Name, object? Value)[] parameters)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var command = workspace.Command(sql, parameters);
        var rows = command.ExecuteNonQuery();
        LiveTrace.Report(sql, started);
        return rows;
    }
}

/// <summary>What a live update did.</summary>
/// <param name="AnalysisAsOf">The analysis it updated, or null when there was none.</param>
/// <param name="Customers">Customers re-classified.</param>
/// <param name="Changes">The classes that moved.</param>
/// <param name="NotUpdatedBecause">Why nothing was updated, or null.</param>
public sealed record LiveResult(DateOnly? AnalysisAsOf, int Customers, IReadOnlyList<ClassChange> Changes, string? NotUpdatedBecause)
{
    /// <summary>Nothing updated, and why.</summary>
    public static LiveResult NotUpdated(string why, DateOnly? analysisAsOf = null) => new(analysisAsOf, 0, [], why);

    /// <summary>Parent accounts whose <c>group_value</c> or <c>subsidiaries</c> moved with the customers re-classified (their classes stay).</summary>
    public int ParentsMoved { get; init; }

    /// <summary>
    /// Parties along the supply links of the customers re-classified, not re-classified themselves, whose supply-chain position or
    /// its figures moved with them (a seller became direct, so its buyers moved up the chain).
    /// </summary>
    public int ChainMoved { get; init; }

    /// <summary>The update's steps and their wall time: reading the context, the summary and columns of the customers, their scores and classes, their rows, storing them.</summary>
    public IReadOnlyList<Analysis.AnalysisStep> Steps { get; init; } = [];

    /// <summary>How many moves <see cref="Text"/> lists.</summary>
    public const int Listed = 10;

    /// <summary>
    /// What happened, in words: "Updated live with the analysis of 2025-12-31: 1 customer re-classified, 1 class moved:
    /// C0000065 churn status lost → active." The first <see cref="Listed"/> moves are named.
    /// </summary>
    public string Text
    {
        get
        {
            if (NotUpdatedBecause is { } why) return $"Not updated live: {why}";
            var moves = Changes.Take(Listed).Select(c => $"{c.CustomerId} {Dimensions.Title(c.Dimension).ToLowerInvariant()} {c.From ?? "(none)"} → {c.To ?? "(none)"}");
            var more = Changes.Count > Listed ? string.Create(CultureInfo.InvariantCulture, $"; {Changes.Count - Listed:N0} more (`clientele changes` lists them)") : "";
            return string.Create(CultureInfo.InvariantCulture,
                $"Updated live with the analysis of {AnalysisAsOf:yyyy-MM-dd}: {Customers:N0} {(Customers == 1 ? "customer" : "customers")} re-classified, ") +
                (Changes.Count == 0 ? "no class moved" : string.Create(CultureInfo.InvariantCulture, $"{Changes.Count:N0} {(Changes.Count == 1 ? "class" : "classes")} moved: {string.Join("; ", moves)}{more}")) +
                (ParentsMoved == 0 ? "" : string.Create(CultureInfo.InvariantCulture,
                    $"; the group value of {ParentsMoved:N0} parent {(ParentsMoved == 1 ? "account" : "accounts")} above {(Customers == 1 ? "it" : "them")} moved")) +
                (ChainMoved == 0 ? "" : string.Create(CultureInfo.InvariantCulture,
                    $"; the supply-chain position of {ChainMoved:N0} {(ChainMoved == 1 ? "party" : "parties")} along {(Customers == 1 ? "its" : "their")} supply links moved")) +
                (ParentsMoved + ChainMoved == 0 ? "." : " (`clientele customer` shows it).");
        }
    }
}

/// <summary>One class a live update changed.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Dimension">The dimension.</param>
/// <param name="From">The class before (null: none, or a customer new since the analysis).</param>
/// <param name="To">The class now (null: the dimension no longer applies).</param>
/// <param name="LiveAsOf">The day the customer's new figures are as of.</param>
/// <param name="ChangedAt">When (UTC).</param>
/// <param name="ImportId">The import or event batch that caused it.</param>
public sealed record ClassChange(string CustomerId, string Dimension, string? From, string? To, DateOnly LiveAsOf, DateTime ChangedAt, long? ImportId);
