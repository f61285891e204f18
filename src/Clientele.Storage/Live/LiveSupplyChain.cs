using System.Globalization;
using Clientele.Classification;
using Clientele.Customers;
using Clientele.Scoring;
using Clientele.Storage.Snapshots;

namespace Clientele.Storage.Live;

/// <summary>
/// The supply-chain positions a live update moves: the part's own, and those of the parties along its supply links. A
/// position is not a customer's alone (<see cref="SupplyChainPosition"/> walks the supply graph from every direct customer), but
/// it depends only on the parties linked to it, directly or not: the walk is run again over the linked parties of the re-classified
/// customers (their connected part of the supply graph, followed from them over the links read once), each party direct or not as its current
/// row says — the re-classified customers' new rows, the others' rows of the snapshot. A party on a chain that buys from us
/// becomes direct at once, and the parties it sells on to move up the chain (their depth, the seller their reason names,
/// whether their chain is cut off from us); a party whose segment changed is named anew by its buyers' reasons.
/// </summary>
/// <remarks>
/// Parties are taken in the customers' order by code point, as the analysis takes them, so the walk names the same seller. A
/// party with no row in the snapshot (new since the analysis and not re-classified) is outside the walk, as the analysis leaves
/// out a link to a party outside its summary. Nothing here is learned from the base: with no data changed, the walk gives every
/// party the analysis's position and figures back.
/// </remarks>
internal static class LiveSupplyChain
{
    /// <summary>The table of the walked parties' positions: customer_id, the class, then <see cref="Figures"/>.</summary>
    public const string Table = "live_supply";

    /// <summary>
    /// The snapshot columns a position is stored in besides its class: the figures its reason is rendered from
    /// (<see cref="SupplyChainPosition.Declaration"/>), each where the snapshot keeps it.
    /// </summary>
    public static IReadOnlyList<SnapshotFigure> Figures { get; } =
    [
        .. SupplyChainPosition.Declaration.Reason!.Figures.Select(f =>
            SnapshotSchema.FigureColumns.Concat(SnapshotSchema.ReasonFigureColumns).First(c => c.Name == f.Name)),
    ];

    /// <summary>The columns <see cref="Table"/> has and every statement here sets: the class and <see cref="Figures"/>.</summary>
    public static IReadOnlyList<string> Columns { get; } = [Dimensions.SupplyChain, .. Figures.Select(f => f.Name)];

    /// <summary>
    /// The columns a position takes from the walk: <see cref="Columns"/> but the figures that are the party's own (its completed
    /// orders, and the cancelled and returned orders that make it direct), which its own apply gives.
    /// </summary>
    private static IReadOnlyList<string> Walked { get; } = [.. Columns.Except([Orders, Cancelled, Returned])];

    /// <summary>The figures of a position that are the party's own; the walk reads from them whether it is direct.</summary>
    private const string Orders = "orders", Cancelled = "supply_chain_cancelled", Returned = "supply_chain_returned";

    /// <summary>
    /// Walks the supply graph around the re-classified customers (<c>live_days</c>, whose new rows are in <c>live_customers</c>
    /// and old ones in <c>live_old</c>, with <see cref="Columns"/>), writes into <see cref="Table"/> the re-classified customers'
    /// positions and the others' that the walk moved (compared with their stored rows), and the re-classified customers' into their
    /// new rows. Returns the others' moves of class (an overridden class stays), or null when there was nothing to walk: none of
    /// them is on a supply link, or nothing the walk reads has changed (below); their rows then keep the positions they had.
    /// </summary>
    /// <remarks>
    /// The walk reads whether each party is direct, its kind and segment, and the links. When the update follows an import
    /// (<paramref name="importId"/>) that stored no supply link and no customer row of a linked party, and no linked party among
    /// those re-classified became direct or ceased to be (or is new), every position is as it was: a direct reseller's repeat
    /// order costs one lookup of its links, not a walk of a supply graph that may join most of the base (at a million simulated
    /// customers, one part of 50,880 parties).
    /// </remarks>
    public static IReadOnlyList<(string Id, string? From, string? To, DateOnly LiveAsOf)>? Walk(Workspace workspace, SnapshotLoad load, string day, DateOnly analysisAsOf,
        ClassificationOptions options, long? importId)
    {
        var own = new List<(string Seller, string Buyer)>();
        var reclassified = workspace.Texts("SELECT customer_id FROM live_days");
        if (reclassified.Count == 0) return null;
        // By their ids as a parameter: a sharded workspace compares them on each shard (filtered by live_days, the coordinator
        // was sent every link first).
        var dialect = workspace.Dialect;
        using (var command = workspace.Command($"SELECT seller_id, buyer_id FROM supply_links WHERE {dialect.AmongIds("seller_id", "ids")} OR {dialect.AmongIds("buyer_id", "ids")}",
            ("ids", reclassified)))
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            using var reader = command.ExecuteReader();
            while (reader.Read())
                if (!reader.IsDBNull(0) && !reader.IsDBNull(1)) own.Add((reader.GetString(0), reader.GetString(1)));
            LiveTrace.Report("the re-classified customers' supply links", started);
        }
        if (own.Count == 0) return null;
        var linked = own.SelectMany(l => new[] { l.Seller, l.Buyer }).Distinct(StringComparer.Ordinal).ToList();
        if (importId is { } import && !Moved(workspace, linked, import))
        {
            Execute(workspace, $"UPDATE live_customers l SET {string.Join(", ", Walked.Select(c => $"{c} = o.{c}"))} FROM live_old o " +
                "WHERE o.customer_id = l.customer_id AND l.customer_id IN (SELECT unnest($ids))", ("ids", linked));
            return null;
        }
        var links = Linked(workspace, own);
        var parties = links.SelectMany(l => new[] { l.Seller, l.Buyer }).ToHashSet(StringComparer.Ordinal);
        // The parties' rows are read by their ids. (Read as every linked party's, a semi join with the supply links, DuckDB took a
        // third of the time at a million customers, but PostgreSQL 15 over two shards, which put the sharded links on the inner side
        // of a nested loop of async foreign scans, left a row out: docs/scale-out.md, Limits.)
        var byId = ("ids", (object?)parties.ToList());

        // Each linked party as its current row says — the re-classified customers' new rows, the others' in the snapshot: its
        // orders, and the cancelled and returned orders that make a party with no completed order direct by option (stored where
        // they did), with the position stored (compared below); its kind and segment from the customers.
        var rows = new SortedDictionary<string, (bool Part, object?[] Stored, bool Overridden, DateOnly? LiveAsOf, string? Kind, string? Industry, string? Domain, string? Group)>(StringComparer.Ordinal);
        var stored = string.Join(", ", Columns);
        var overridden = $"strpos(', ' || coalesce(overridden, '') || ', ', ', {Dimensions.SupplyChain}, ') > 0";
        using (var command = workspace.Command($"""
            SELECT customer_id, 1, false, CAST(NULL AS DATE), {stored} FROM live_customers
            UNION ALL
            SELECT customer_id, 0, {overridden}, live_as_of, {stored} FROM snapshot_customers
            WHERE as_of = {day} AND customer_id IN (SELECT unnest($ids)) AND customer_id NOT IN (SELECT customer_id FROM live_days)
            """, byId))
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var id = reader.GetString(0);
                if (!parties.Contains(id)) continue;
                var values = new object?[Columns.Count];
                for (var c = 0; c < values.Length; c++) values[c] = reader.IsDBNull(c + 4) ? null : reader.GetValue(c + 4);
                rows[id] = (Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture) == 1, values, reader.GetBoolean(2),
                    reader.IsDBNull(3) ? null : DateOnly.FromDateTime(reader.GetDateTime(3)), null, null, null, null);
            }
            LiveTrace.Report("the linked parties' rows, for the supply chain", started);
        }
        using (var command = workspace.Command("SELECT customer_id, kind, industry, domain, population_group FROM customers WHERE customer_id IN (SELECT unnest($ids))", byId))
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                string? Text(int c) => reader.IsDBNull(c) ? null : reader.GetString(c);
                if (rows.TryGetValue(reader.GetString(0), out var row)) rows[reader.GetString(0)] = row with { Kind = Text(1), Industry = Text(2), Domain = Text(3), Group = Text(4) };
            }
            LiveTrace.Report("the linked parties' kinds and segments, for the supply chain", started);
        }

        var ids = rows.Keys.ToList();
        var index = ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        var summary = new CustomerSummary(ids.Count, analysisAsOf, TimeUnit.Day, []);
        var columns = new CustomerColumns(summary, []);
        var (orders, cancelled, returned) = (Position(Orders), Position(Cancelled), Position(Returned));
        for (var i = 0; i < ids.Count; i++)
        {
            var row = rows[ids[i]];
            int Count(int c) => row.Stored[c] is { } v ? (int)Math.Round(Convert.ToDouble(v, CultureInfo.InvariantCulture)) : 0;
            summary.CustomerId[i] = ids[i];
            summary.Orders[i] = Count(orders);
            summary.PurchaseDays[i] = Count(orders) > 0 ? 1 : 0;
            summary.Returns[i] = Count(returned);
            columns.CancelledOrders[i] = Count(cancelled);
            (columns.Kind[i], columns.Industry[i], columns.Domain[i], columns.PopulationGroup[i]) = (row.Kind, row.Industry, row.Domain, row.Group);
        }
        // A link to a party outside the rows is left out, as the analysis leaves out one to a party outside its summary.
        var kept = links.Where(l => index.ContainsKey(l.Seller) && index.ContainsKey(l.Buyer))
            .Select(l => (Seller: index[l.Seller], Buyer: index[l.Buyer])).Order().ToList();
        columns.SupplySeller = [.. kept.Select(l => l.Seller)];
        columns.SupplyBuyer = [.. kept.Select(l => l.Buyer)];
        var supply = SupplyChainPosition.Apply(columns, options.SupplyChain);

        // The figures are taken by their declarations, which read the analysis's columns and supply chain alone. Written back:
        // the re-classified customers' positions, and the others' where the walk moved them.
        var result = new AnalysisResult(columns, null!, [], null!, null!, supply, null!, null!, null!, null!, null!, null!, [], [])
            { Context = null!, Options = options };
        var written = new List<int>();
        var moves = new List<(string Id, string? From, string? To, DateOnly LiveAsOf)>();
        var position = new CapturedRow(Columns.Count);
        for (var i = 0; i < ids.Count; i++)
        {
            var row = rows[ids[i]];
            if (!row.Part)
            {
                position.Clear();
                position.Text(supply.Result.Class[i]);
                foreach (var figure in Figures) figure.Write(position, result, i);
                position.End();
                if (position.Values.Select((v, c) => Same(v, row.Stored[c])).All(same => same)) continue;
                // Its class moved, unless an override holds it (its figures move all the same).
                if (!Same(position.Values[0], row.Stored[0]) && !row.Overridden)
                    moves.Add((ids[i], (string?)row.Stored[0], supply.Result.Class[i], row.LiveAsOf ?? analysisAsOf));
            }
            written.Add(i);
        }
        var types = new Dictionary<string, string>(StringComparer.Ordinal) { ["customer_id"] = "VARCHAR", [Dimensions.SupplyChain] = "VARCHAR" };
        foreach (var figure in Figures) types[figure.Name] = figure.Type;
        var tableColumns = types.Select(p => (p.Key, p.Value)).ToList();
        LiveUpdate.Temp(workspace, Table, $"SELECT customer_id, {string.Join(", ", Columns)} FROM snapshot_customers WHERE false");
        load.Load(Table, tableColumns, written.Count, (row, item) =>
        {
            var i = written[(int)item];
            row.Text(ids[i]).Text(supply.Result.Class[i]);
            foreach (var figure in Figures) figure.Write(row, result, i);
            row.End();
        });
        Execute(workspace, $"UPDATE live_customers l SET {string.Join(", ", Columns.Select(c => $"{c} = s.{c}"))} FROM {Table} s WHERE s.customer_id = l.customer_id");
        return moves;
    }

    /// <summary>
    /// The parties along the supply links of the re-classified customers that are not among them and whose position the walk moved
    /// (<see cref="Walk"/>): their moves of class recorded in <c>live_moves</c>, then their rows set to the walk's position (an
    /// overridden class kept), stamped with the import (their other figures as of the day they were). Returns how many rows moved.
    /// </summary>
    public static int MoveOthers(Workspace workspace, string day, DateTime stamp, long? importId, IReadOnlyList<(string Id, string? From, string? To, DateOnly LiveAsOf)> moves)
    {
        if (moves.Count > 0)
            Execute(workspace, $"INSERT INTO live_moves SELECT unnest($ids), '{Dimensions.SupplyChain}', unnest($froms), unnest($tos), CAST(unnest($days) AS DATE)",
                ("ids", moves.Select(m => m.Id).ToList()), ("froms", moves.Select(m => m.From).ToList()), ("tos", moves.Select(m => m.To).ToList()),
                ("days", moves.Select(m => m.LiveAsOf.ToDateTime(TimeOnly.MinValue)).ToList()));
        var others = $"{Table} n WHERE n.customer_id NOT IN (SELECT customer_id FROM live_days)";
        // A reason rendered when read states an override over the class computed now.
        Execute(workspace, $"UPDATE snapshot_overrides o SET computed_class = n.{Dimensions.SupplyChain} FROM {others} " +
            $"AND o.as_of = {day} AND o.dimension = '{Dimensions.SupplyChain}' AND o.position = 0 AND o.customer_id = n.customer_id");
        var overridden = $"strpos(', ' || coalesce(s.overridden, '') || ', ', ', {Dimensions.SupplyChain}, ') > 0";
        var set = string.Join(", ", Columns.Select(c => c == Dimensions.SupplyChain
            ? $"{c} = CASE WHEN {overridden} THEN s.{c} ELSE n.{c} END"
            : $"{c} = n.{c}"));
        return Execute(workspace, $"""
            UPDATE snapshot_customers s SET {set}, live_as_of = coalesce(s.live_as_of, {day}), live_at = $stamp, live_import = CAST($import AS INTEGER)
            FROM {others} AND s.as_of = {day} AND s.customer_id = n.customer_id
            """, ("stamp", stamp), ("import", importId));
    }

    /// <summary>
    /// Whether anything the walk reads may have moved with import <paramref name="importId"/>: a supply link or a linked party's
    /// customer row it stored, or a linked party among those re-classified that is new or became direct or ceased to be.
    /// </summary>
    private static bool Moved(Workspace workspace, List<string> linked, long importId)
    {
        if (LiveUpdate.Scalar<long>(workspace, "SELECT count(*) FROM supply_links WHERE import_id = $import", ("import", importId)) > 0) return true;
        if (LiveUpdate.Scalar<long>(workspace, "SELECT count(*) FROM customers WHERE import_id = $import AND customer_id IN (SELECT unnest($ids))", ("import", importId), ("ids", linked)) > 0)
            return true;
        string Direct(string row) => $"(coalesce({row}.{Orders}, 0) > 0 OR coalesce({row}.{Cancelled}, 0) + coalesce({row}.{Returned}, 0) > 0)";
        return LiveUpdate.Scalar<long>(workspace, $"""
            SELECT count(*) FROM live_customers l LEFT JOIN live_old o ON o.customer_id = l.customer_id
            WHERE l.customer_id IN (SELECT unnest($ids)) AND (o.customer_id IS NULL OR {Direct("l")} <> {Direct("o")})
            """, ("ids", linked)) > 0;
    }

    /// <summary>
    /// Every supply link of the parties linked to the re-classified customers, directly or through others (their connected part of
    /// the supply graph): the links are read once, and followed from the re-classified customers' own links in memory (a round of
    /// lookups per link of a chain cost a fifth of a second at a million customers).
    /// </summary>
    private static List<(string Seller, string Buyer)> Linked(Workspace workspace, List<(string Seller, string Buyer)> own)
    {
        var by = new Dictionary<string, List<(string Seller, string Buyer)>>(StringComparer.Ordinal);
        using (var command = workspace.Command("SELECT seller_id, buyer_id FROM supply_links"))
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (reader.IsDBNull(0) || reader.IsDBNull(1)) continue;
                var link = (reader.GetString(0), reader.GetString(1));
                foreach (var party in new[] { link.Item1, link.Item2 })
                {
                    if (!by.TryGetValue(party, out var list)) by[party] = list = [];
                    list.Add(link);
                }
            }
            LiveTrace.Report("the supply links", started);
        }
        var links = new HashSet<(string Seller, string Buyer)>();
        var met = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(own.SelectMany(l => new[] { l.Seller, l.Buyer }).Where(met.Add));
        while (queue.TryDequeue(out var party))
            foreach (var link in by.GetValueOrDefault(party) ?? [])
            {
                links.Add(link);
                if (met.Add(link.Seller)) queue.Enqueue(link.Seller);
                if (met.Add(link.Buyer)) queue.Enqueue(link.Buyer);
            }
        return [.. links];
    }

    /// <summary>Where column <paramref name="name"/> is in <see cref="Columns"/>.</summary>
    private static int Position(string name) => Columns.ToList().IndexOf(name) is var at and >= 0 ? at : throw new InvalidOperationException($"{name} is not a supply-chain column");

    /// <summary>Whether a value the walk gives is the one stored: numbers alike whatever their SQL type, texts by code point, nulls alike.</summary>
    private static bool Same(object? walked, object? stored) => (walked, stored) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
        (string, _) or (_, string) => false,
        _ => Convert.ToDouble(walked, CultureInfo.InvariantCulture).Equals(Convert.ToDouble(stored, CultureInfo.InvariantCulture)),
    };

    /// <summary>A position as the snapshot writer would write it, kept as values to compare with the stored row.</summary>
    private sealed class CapturedRow(int columns) : SnapshotRow(Table, [])
    {
        private readonly List<object?> _values = new(columns);

        public IReadOnlyList<object?> Values => _values;

        public void Clear() => _values.Clear();

        protected override void WriteDate(DateOnly value) => _values.Add(value);

        protected override void WriteText(string? value) => _values.Add(value);

        protected override void WriteNumber(double? value) => _values.Add(value);

        protected override void WriteInteger(int? value) => _values.Add(value);

        protected override void WriteBoolean(bool? value) => _values.Add(value);

        protected override void WriteEnd()
        {
        }
    }


    private static int Execute(Workspace workspace, string sql, params (string Name, object? Value)[] parameters) => LiveUpdate.Execute(workspace, sql, parameters);
}
