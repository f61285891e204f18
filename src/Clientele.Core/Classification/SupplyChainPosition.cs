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
/// <para>Cost: O(n + links · log links) time for the sort of the links; no per-customer allocation but the reason.</para>
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
            [Direct] = "Serve directly and support their resale.",
            [Indirect] = "Reach them through your direct customers: co-marketing and training.",
            [Ultimate] = "Build the brand with end users and feed their demand back to the channel.",
        },
        Routine = new HashSet<string> { Direct },
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
        var reasons = new string?[n];
        int cutParties = 0, directInChain = 0;
        var directReasons = new string?[1024]; // most direct customers have no links: their reasons are shared by order count
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

        var count = customers?.Count ?? n;
        for (var k = 0; k < count; k++)
        {
            var i = customers?[k] ?? k;
            reasons[i] = Reason(columns, graph, classes, depth, via, cutOff, leafOrganizations, directReasons, i);
        }

        if (customers is not null)
        {
            // The sellers' classes were needed for the reasons; the result holds the classes of the customers applied to only.
            var applied = new string?[n];
            foreach (var i in customers) applied[i] = classes[i];
            classes = applied;
        }

        var notes = new List<string>();
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

        var result = new DimensionResult(Dimensions.SupplyChain, classes, reasons,
            "rules: direct = completed orders with us; the others traced breadth-first along supply links from the direct customers")
        {
            Notes = notes,
        };
        return new SupplyChainResult(result, depth);
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

    private static string? Reason(CustomerColumns columns, SupplyGraph graph, string?[] classes, int[] depth, int[] via,
        bool[] cutOff, string leafOrganizations, string?[] directReasons, int i)
    {
        var sellsOn = graph.OutDegree(i);
        if (depth[i] < 0)
        {
            return "not in the supply chain: no completed orders with us and no supply links";
        }

        if (depth[i] == 0)
        {
            var orders = columns.Summary.Orders[i];
            if (orders > 0 && graph.InDegree(i) == 0 && sellsOn == 0 && orders < directReasons.Length)
            {
                return directReasons[orders] ??= $"direct: {Count(orders)} completed {Plural(orders, "order", "orders")} with us";
            }

            var text = orders > 0
                ? $"direct: {Count(orders)} completed {Plural(orders, "order", "orders")} with us"
                : $"direct: no completed order, but {Count(columns.CancelledOrders[i])} cancelled and {Count(columns.Summary.Returns[i])} returned orders with us (directIncludesCancelledOrReturned)";
            if (graph.InDegree(i) > 0)
            {
                text += $"; also buys through the supply chain from {Sellers(columns, graph, classes, graph.InSeller[graph.InStart[i]], i)}";
            }

            return sellsOn > 0 ? $"{text}; sells on to {Parties(sellsOn)}" : text;
        }

        var d = depth[i].ToString(CultureInfo.InvariantCulture);
        var from = via[i] >= 0
            ? $"buys from {Sellers(columns, graph, classes, via[i], i)} at depth {d}"
            : graph.InDegree(i) > 0
                ? $"buys from {Sellers(columns, graph, classes, graph.InSeller[graph.InStart[i]], i)} in a supply cycle, taken as its top at depth {d}"
                : $"buys from nobody in our data and has no orders with us: the top of its chain, at depth {d}";
        var cut = cutOff[i] && via[i] >= 0
            ? "; its chain is cut off from us (nobody up it has orders with us), so depth counts from the chain's top at depth 1"
            : cutOff[i] ? "; a chain cut off from us (nobody up it has orders with us)" : "";
        if (sellsOn > 0)
        {
            return $"indirect: {from}; sells on to {Parties(sellsOn)}{cut}";
        }

        if (PartyKind.IsOrganization(columns, i))
        {
            return leafOrganizations == Indirect
                ? $"indirect: {from}; sells on to nobody in our data, but an organization at the bottom of a chain buys for resale or its own use (leafOrganizations = indirect){cut}"
                : $"ultimate: {from}; sells on to nobody: an organization at the bottom of the chain (leafOrganizations = ultimate){cut}";
        }

        return PartyKind.IsPerson(columns, i)
            ? $"ultimate: {from}; a person who sells on to nobody: an end consumer{cut}"
            : $"ultimate: {from}; sells on to nobody and its kind is unknown, so taken as an end consumer{cut}";
    }

    /// <summary>"C12 (direct, grocery)", plus " and 2 other suppliers" when <paramref name="buyer"/> buys from more.</summary>
    private static string Sellers(CustomerColumns columns, SupplyGraph graph, string?[] classes, int seller, int buyer)
    {
        var segment = columns.Domain[seller] ?? columns.PopulationGroup[seller] ?? columns.Industry[seller] ?? columns.Kind[seller];
        var text = segment is null
            ? $"{columns.CustomerId[seller]} ({classes[seller]})"
            : $"{columns.CustomerId[seller]} ({classes[seller]}, {segment})";
        var others = graph.InDegree(buyer) - 1;
        return others > 0 ? $"{text} and {Count(others)} other {Plural(others, "supplier", "suppliers")}" : text;
    }

    private static string Parties(int count) => $"{Count(count)} {Plural(count, "party", "parties")}";

    private static string Plural(int count, string one, string many) => count == 1 ? one : many;

    private static string Count(int count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
