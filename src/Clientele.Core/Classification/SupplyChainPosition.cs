using System.Globalization;
using Clientele.Classification.Internal;

namespace Clientele.Classification;

/// <summary>
/// Supply-chain position (DOMAIN.md section 2, article 003): direct customers buy from us; indirect customers are our
/// customers' customers further down the chain; ultimate customers are the end consumers at the bottom.
/// </summary>
/// <remarks>
/// <para>Rules, in order: a party with completed orders is <b>direct</b> (also when it buys through the supply links
/// too; the reason says both), and so, by option, is one whose orders were all cancelled or returned. The others are found by a breadth-first walk along
/// <see cref="CustomerColumns.SupplySeller"/> → <see cref="CustomerColumns.SupplyBuyer"/> from all direct customers at
/// once, so <see cref="SupplyChainResult.Depth"/> is the fewest links from us. A party reached this way that sells on to
/// anyone is <b>indirect</b>; one that sells on to nobody is <b>ultimate</b> when it is a person (or of unknown kind),
/// and <see cref="SupplyChainPositionOptions.LeafOrganizations"/> (default indirect) when it is an organization.</para>
/// <para>Links may hold cycles, self-links, duplicates and indices outside the customers: self-links and bad indices
/// are dropped, duplicates merged, and a cycle cannot loop the walk because each party is visited once. Parties in
/// links that no direct customer reaches (a chain cut off from us: its top buys our goods from someone not in the data)
/// are classified by the same rules with depth counted from the top of their chain, the top at depth 1; a cycle with no
/// top starts at its lowest-numbered party. The reason and <see cref="DimensionResult.Notes"/> say so.</para>
/// <para>Cost: O(n + links · log links) time for the sort of the links; no per-customer allocation but the named seller's.</para>
/// </remarks>
public static class SupplyChainPosition
{
    /// <summary>Buys from us: has completed orders.</summary>
    public const string Direct = "direct";

    /// <summary>Buys our goods from another party in the chain and sells them on.</summary>
    public const string Indirect = "indirect";

    /// <summary>The end consumer at the bottom of the chain.</summary>
    public const string Ultimate = "ultimate";

    /// <summary>The dimension's declaration: its name, title, classes and playbook (<see cref="DimensionDeclaration"/>).</summary>
    public static readonly DimensionDeclaration Declaration = new(Dimensions.SupplyChain, "Supply-chain position")
    {
        Classes = [Direct, Indirect, Ultimate],
        Playbook = new Dictionary<string, string>
        {
            [Direct] = "Serve them directly; where they sell on to others (the reason says), support their resale.",
            [Indirect] = "Reach them through your direct customers: co-marketing and training.",
            [Ultimate] = "Build the brand with end users and feed their demand back to the channel.",
        },
        Routine = new HashSet<string> { Direct },
        // Serving a customer directly is for one we still serve: for a lapsed or lost one the churn status's win-back comes first.
        NotForEndedRelationships = new HashSet<string> { Direct },
        Reason = new ReasonDeclaration(
            [
                new ReasonFigure("supply_depth", "links from us", (r, i) => r.SupplyChain.Depth[i] >= 0 ? r.SupplyChain.Depth[i] : double.NaN) { Shared = true },
                new ReasonFigure("orders", "completed orders", (r, i) => r.Columns.Summary.Orders[i]) { Shared = true },
                new ReasonFigure("supply_chain_cancelled", "cancelled orders of a direct customer without a completed one", (r, i) => r.SupplyChain.Cancelled[i]),
                new ReasonFigure("supply_chain_returned", "returned orders of a direct customer without a completed one", (r, i) => r.SupplyChain.Returned[i]),
                new ReasonFigure("supply_chain_sellers", "parties it buys from along the supply links, where it is in the chain", (r, i) => r.SupplyChain.Sellers[i]),
                new ReasonFigure("supply_chain_sells_on", "parties it sells on to, where it is in the chain", (r, i) => r.SupplyChain.SellsOn[i]),
                new ReasonFigure("supply_chain_route", "below us: 0 reached through a seller, 1 taken as the top of a supply cycle, 2 the top of its chain", (r, i) => r.SupplyChain.Route[i]),
                new ReasonFigure("supply_chain_cut_off", "below us: 1 in a chain cut off from our direct customers, else 0", (r, i) => r.SupplyChain.CutOff[i]),
                new ReasonFigure("supply_chain_party", "at the bottom of a chain: 1 an organization, 2 a person, 0 of unknown kind", (r, i) => r.SupplyChain.Party[i]),
                ReasonFigure.OfText("supply_chain_seller", "the seller the reason names: its id, class and segment (\"C12 (direct, grocery)\")", (r, i) => r.SupplyChain.Seller[i]),
            ],
            (_, row, context) => Reason(row, context.Options.SupplyChain)),
    };

    /// <summary>Classifies every customer; see the remarks for the rules.</summary>
    /// <exception cref="ArgumentException">The supply columns differ in length, or <see cref="SupplyChainPositionOptions.LeafOrganizations"/> is neither "indirect" nor "ultimate".</exception>
    public static SupplyChainResult Classify(CustomerColumns columns, SupplyChainPositionOptions options) => Apply(columns, options);

    /// <summary>
    /// The position and reason of the customers <paramref name="customers"/> (indices into <paramref name="columns"/>; null for
    /// all); the others' entries stay null (their depths are filled). Nothing is learned from the base, but a position is not the
    /// customer's alone: the whole supply graph (<see cref="CustomerColumns.SupplySeller"/>, <see cref="CustomerColumns.SupplyBuyer"/>)
    /// is walked from the direct customers (a customer's depth is its shortest route from one), and the reason names the seller
    /// it buys from and that seller's class. The notes are about the whole graph.
    /// </summary>
    /// <exception cref="ArgumentException">The supply columns differ in length, or <see cref="SupplyChainPositionOptions.LeafOrganizations"/> is neither "indirect" nor "ultimate".</exception>
    public static SupplyChainResult Apply(CustomerColumns columns, SupplyChainPositionOptions options, IReadOnlyList<int>? customers = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(options);
        var leafOrganizations = options.LeafOrganizations?.Trim().ToLowerInvariant() switch
        {
            Indirect => Indirect,
            Ultimate => Ultimate,
            var other => throw new ArgumentException(
                $"LeafOrganizations must be \"indirect\" or \"ultimate\", not \"{other}\".", nameof(options)),
        };

        var n = columns.Count;
        var graph = SupplyGraph.Build(columns.SupplySeller, columns.SupplyBuyer, n);
        var depth = new int[n];
        Array.Fill(depth, -1);
        var via = new int[n];
        Array.Fill(via, -1);
        var cutOff = new bool[n];
        var queue = new int[n];
        int head = 0, tail = 0;
        for (var i = 0; i < n; i++)
        {
            if (columns.HasBought(i) || (options.DirectIncludesCancelledOrReturned
                    && columns.CancelledOrders[i] + columns.Summary.Returns[i] > 0))
            {
                depth[i] = 0;
                queue[tail++] = i;
            }
        }

        var backLinks = Walk(graph, depth, via, cutOff, queue, ref head, ref tail);

        // Chains cut off from us: start from their tops (in links, sold to by nobody), then from what is left (cycles).
        int cutTops = 0, cutCycles = 0;
        for (var pass = 0; pass < 2; pass++)
        {
            for (var i = 0; i < n; i++)
            {
                if (depth[i] >= 0 || graph.OutDegree(i) + graph.InDegree(i) == 0 || (pass == 0 && graph.InDegree(i) > 0))
                {
                    continue;
                }

                if (pass == 0) cutTops++;
                else cutCycles++;
                depth[i] = 1;
                cutOff[i] = true;
                queue[tail++] = i;
                backLinks += Walk(graph, depth, via, cutOff, queue, ref head, ref tail);
            }
        }

        var classes = new string?[n];
        int cutParties = 0, directInChain = 0;
        for (var i = 0; i < n; i++)
        {
            if (depth[i] == 0)
            {
                classes[i] = Direct;
            }
            else if (depth[i] > 0)
            {
                if (cutOff[i]) cutParties++;
                classes[i] = graph.OutDegree(i) > 0 ? Indirect
                    : PartyKind.IsOrganization(columns, i) ? leafOrganizations
                    : Ultimate;
            }
        }

        for (var i = 0; i < n; i++)
        {
            if (depth[i] == 0 && graph.InDegree(i) > 0) directInChain++;
        }

        var (cancelled, returned, sellers, sellsOn, route, cut, party) = (NaNs(n), NaNs(n), NaNs(n), NaNs(n), NaNs(n), NaNs(n), NaNs(n));
        var seller = new string?[n];
        var count = customers?.Count ?? n;
        for (var k = 0; k < count; k++)
        {
            var i = customers?[k] ?? k;
            if (depth[i] < 0) continue;
            (sellers[i], sellsOn[i]) = (graph.InDegree(i), graph.OutDegree(i));
            if (depth[i] == 0)
            {
                if (columns.Summary.Orders[i] <= 0) (cancelled[i], returned[i]) = (columns.CancelledOrders[i], columns.Summary.Returns[i]);
                if (graph.InDegree(i) > 0) seller[i] = Seller(columns, classes, graph.InSeller[graph.InStart[i]]);
                continue;
            }
            route[i] = via[i] >= 0 ? 0 : graph.InDegree(i) > 0 ? 1 : 2;
            if (via[i] >= 0) seller[i] = Seller(columns, classes, via[i]);
            else if (graph.InDegree(i) > 0) seller[i] = Seller(columns, classes, graph.InSeller[graph.InStart[i]]);
            cut[i] = cutOff[i] ? 1 : 0;
            if (graph.OutDegree(i) == 0) party[i] = PartyKind.IsOrganization(columns, i) ? 1 : PartyKind.IsPerson(columns, i) ? 2 : 0;
        }

        if (customers is not null)
        {
            // The sellers' classes were needed for the reasons; the result holds the classes of the customers applied to only.
            var applied = new string?[n];
            foreach (var i in customers) applied[i] = classes[i];
            classes = applied;
        }

        var notes = new List<string>();
        if (columns.SupplySeller.Length == 0)
            notes.Add("the data has no supply links: every party with completed orders is direct, and nobody can be found indirect or ultimate (import supply_links to trace who buys our goods from our customers)");
        if (graph.Invalid > 0) notes.Add($"{Count(graph.Invalid)} supply links name no known customer and were ignored.");
        if (graph.SelfLinks > 0) notes.Add($"{Count(graph.SelfLinks)} supply links from a party to itself were ignored.");
        if (graph.Duplicates > 0) notes.Add($"{Count(graph.Duplicates)} repeated supply links were counted once.");
        if (directInChain > 0) notes.Add($"{Count(directInChain)} direct customers also buy through the supply chain; they stay direct.");
        if (backLinks > 0) notes.Add($"{Count(backLinks)} supply links lead back up or across the chain (cycles or parallel routes); depth is the shortest route from us.");
        if (cutParties > 0)
        {
            notes.Add($"{Count(cutParties)} parties sit in supply chains cut off from our direct customers ({Count(cutTops)} chain tops"
                + (cutCycles > 0 ? $", {Count(cutCycles)} cycles with no top" : "")
                + "); they are classified by the same rules, depth counted from the top of their chain (the top at depth 1).");
        }

        var result = new DimensionResult(Dimensions.SupplyChain, classes, [],
            "rules: direct = completed orders with us; the others traced breadth-first along supply links from the direct customers")
        {
            Notes = notes,
        };
        return new SupplyChainResult(result, depth)
        {
            Cancelled = cancelled,
            Returned = returned,
            Sellers = sellers,
            SellsOn = sellsOn,
            Route = route,
            CutOff = cut,
            Party = party,
            Seller = seller,
        };
    }

    /// <summary>Breadth-first from the queued parties; returns the links that lead to a party already at the same depth or higher up.</summary>
    private static int Walk(SupplyGraph graph, int[] depth, int[] via, bool[] cutOff, int[] queue, ref int head, ref int tail)
    {
        var back = 0;
        while (head < tail)
        {
            var a = queue[head++];
            for (var k = graph.OutStart[a]; k < graph.OutStart[a + 1]; k++)
            {
                var b = graph.OutBuyer[k];
                if (depth[b] < 0)
                {
                    depth[b] = depth[a] + 1;
                    via[b] = a;
                    cutOff[b] = cutOff[a];
                    queue[tail++] = b;
                }
                else if (depth[b] > 0 && depth[b] <= depth[a])
                {
                    back++;
                }
            }
        }

        return back;
    }

    /// <summary>
    /// Why a party holds its position, from the figures stored for it (<see cref="Declaration"/>): its completed orders with us, or
    /// the seller it buys from at its depth, whom it sells on to, and what it is at the bottom of a chain; for a party in no
    /// chain, that it is in none. A pure function of the row and the options.
    /// </summary>
    public static string Reason(ReasonRow row, SupplyChainPositionOptions options)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(options);
        var f = row.Figures;
        if (double.IsNaN(f[0])) return "not in the supply chain: no completed orders with us and no supply links";
        var depth = (int)f[0];
        var (sellers, sellsOn) = ((int)f[4], (int)f[5]);
        if (depth == 0)
        {
            var orders = (int)f[1];
            var text = orders > 0
                ? $"direct: {Count(orders)} completed {Plural(orders, "order", "orders")} with us"
                : $"direct: no completed order, but {Count((int)f[2])} cancelled and {Count((int)f[3])} returned orders with us (directIncludesCancelledOrReturned)";
            if (sellers > 0) text += $"; also buys through the supply chain from {Sellers(row.Texts[9], sellers)}";
            return sellsOn > 0 ? $"{text}; sells on to {Parties(sellsOn)}" : text;
        }

        var d = depth.ToString(CultureInfo.InvariantCulture);
        var from = f[6] switch
        {
            0 => $"buys from {Sellers(row.Texts[9], sellers)} at depth {d}",
            1 => $"buys from {Sellers(row.Texts[9], sellers)} in a supply cycle, taken as its top at depth {d}",
            _ => $"buys from nobody in our data and has no orders with us: the top of its chain, at depth {d}",
        };
        var cut = f[7] == 1 && f[6] == 0
            ? "; its chain is cut off from us (nobody up it has orders with us), so depth counts from the chain's top at depth 1"
            : f[7] == 1 ? "; a chain cut off from us (nobody up it has orders with us)" : "";
        if (sellsOn > 0)
        {
            return $"indirect: {from}; sells on to {Parties(sellsOn)}{cut}";
        }

        if (f[8] == 1)
        {
            return options.LeafOrganizations?.Trim().ToLowerInvariant() == Indirect
                ? $"indirect: {from}; sells on to nobody in our data, but an organization at the bottom of a chain buys for resale or its own use (leafOrganizations = indirect){cut}"
                : $"ultimate: {from}; sells on to nobody: an organization at the bottom of the chain (leafOrganizations = ultimate){cut}";
        }

        return f[8] == 2
            ? $"ultimate: {from}; a person who sells on to nobody: an end consumer{cut}"
            : $"ultimate: {from}; sells on to nobody and its kind is unknown, so taken as an end consumer{cut}";
    }

    /// <summary>"C12 (direct, grocery)": the seller a reason names, with its class and segment.</summary>
    private static string Seller(CustomerColumns columns, string?[] classes, int seller)
    {
        var segment = columns.Domain[seller] ?? columns.PopulationGroup[seller] ?? columns.Industry[seller] ?? columns.Kind[seller];
        return segment is null ? $"{columns.CustomerId[seller]} ({classes[seller]})" : $"{columns.CustomerId[seller]} ({classes[seller]}, {segment})";
    }

    /// <summary>The seller, plus " and 2 other suppliers" when the buyer buys from more.</summary>
    private static string Sellers(string? seller, int sellers)
    {
        var others = sellers - 1;
        return others > 0 ? $"{seller} and {Count(others)} other {Plural(others, "supplier", "suppliers")}" : $"{seller}";
    }

    private static double[] NaNs(int n)
    {
        var values = new double[n];
        Array.Fill(values, double.NaN);
        return values;
    }

    private static string Parties(int count) => $"{Count(count)} {Plural(count, "party", "parties")}";

    private static string Plural(int count, string one, string many) => count == 1 ? one : many;

    private static string Count(int count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
