namespace Clientele.Classification.Internal;

/// <summary>
/// The supply links as adjacency lists in both directions (compressed rows): each distinct seller → buyer pair once,
/// self-links and links naming no customer dropped and counted.
/// </summary>
internal sealed class SupplyGraph
{
    private SupplyGraph(int[] outStart, int[] outBuyer, int[] inStart, int[] inSeller)
    {
        OutStart = outStart;
        OutBuyer = outBuyer;
        InStart = inStart;
        InSeller = inSeller;
    }

    /// <summary>Buyers of seller <c>s</c> are <c>OutBuyer[OutStart[s]..OutStart[s + 1]]</c>, in ascending order.</summary>
    public int[] OutStart { get; }

    public int[] OutBuyer { get; }

    /// <summary>Sellers of buyer <c>b</c> are <c>InSeller[InStart[b]..InStart[b + 1]]</c>, in ascending order.</summary>
    public int[] InStart { get; }

    public int[] InSeller { get; }

    /// <summary>Links naming an index outside the customers.</summary>
    public int Invalid { get; private init; }

    /// <summary>Links from a party to itself.</summary>
    public int SelfLinks { get; private init; }

    /// <summary>Links repeating an earlier seller → buyer pair.</summary>
    public int Duplicates { get; private init; }

    public int OutDegree(int i) => OutStart[i + 1] - OutStart[i];

    public int InDegree(int i) => InStart[i + 1] - InStart[i];

    public static SupplyGraph Build(int[] seller, int[] buyer, int count)
    {
        if (seller.Length != buyer.Length)
        {
            throw new ArgumentException($"SupplySeller has {seller.Length} links but SupplyBuyer {buyer.Length}.", nameof(seller));
        }

        var keys = new long[seller.Length];
        int m = 0, invalid = 0, self = 0;
        for (var k = 0; k < seller.Length; k++)
        {
            int s = seller[k], b = buyer[k];
            if ((uint)s >= (uint)count || (uint)b >= (uint)count)
            {
                invalid++;
            }
            else if (s == b)
            {
                self++;
            }
            else
            {
                keys[m++] = ((long)s << 32) | (uint)b;
            }
        }

        Array.Sort(keys, 0, m);
        var distinct = 0;
        for (var k = 0; k < m; k++)
        {
            if (distinct == 0 || keys[k] != keys[distinct - 1])
            {
                keys[distinct++] = keys[k];
            }
        }

        var outStart = new int[count + 1];
        var outBuyer = new int[distinct];
        var inStart = new int[count + 1];
        for (var k = 0; k < distinct; k++)
        {
            outStart[(int)(keys[k] >> 32) + 1]++;
            inStart[(int)keys[k] + 1]++;
            outBuyer[k] = (int)keys[k];
        }

        for (var i = 0; i < count; i++)
        {
            outStart[i + 1] += outStart[i];
            inStart[i + 1] += inStart[i];
        }

        var inSeller = new int[distinct];
        var next = inStart[..count];
        for (var k = 0; k < distinct; k++)
        {
            inSeller[next[(int)keys[k]]++] = (int)(keys[k] >> 32);
        }

        return new SupplyGraph(outStart, outBuyer, inStart, inSeller)
        {
            Invalid = invalid,
            SelfLinks = self,
            Duplicates = m - distinct,
        };
    }
}
