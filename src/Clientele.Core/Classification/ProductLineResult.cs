namespace Clientele.Classification;

/// <summary>
/// Per product line classes: for each line of <see cref="Lines"/> and each customer of <see cref="CustomerColumns"/>
/// (<c>Class[line][customer]</c>), "customer" (bought the line), "prospect" (a cross-sell candidate: a customer of other
/// lines, or interested in this one) or null (neither), with the reason.
/// </summary>
public sealed class ProductLineResult
{
    /// <summary>
    /// Wraps the classes of <paramref name="customers"/> customers; <paramref name="interest"/> (per line per customer,
    /// interactions about the line) ranks <see cref="CrossSellLines"/>.
    /// </summary>
    public ProductLineResult(int customers, IReadOnlyList<string> lines, string?[][] @class, string?[][] reason, int[][] interest)
    {
        Lines = lines;
        Class = @class;
        Reason = reason;
        Interest = interest;
        var n = customers;
        CrossSellCount = new int[n];
        foreach (var perLine in @class)
            for (var i = 0; i < n; i++)
                if (perLine[i] == "prospect") CrossSellCount[i]++;
    }

    /// <summary>The product lines, in the order of <see cref="Class"/>.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>Per line, per customer: "customer", "prospect" or null.</summary>
    public string?[][] Class { get; }

    /// <summary>Per line, per customer: why.</summary>
    public string?[][] Reason { get; }

    /// <summary>Per line, per customer: interactions about the line (inquiry, quote, trial, ...).</summary>
    public int[][] Interest { get; }

    /// <summary>Per customer: the lines it is a prospect for.</summary>
    public int[] CrossSellCount { get; }

    /// <summary>Notes for the run's report.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The lines customer <paramref name="i"/> is a prospect for, those it asked about most first, then in the order of <see cref="Lines"/>.</summary>
    public IReadOnlyList<string> CrossSellLines(int i)
    {
        var lines = new List<(int Interest, int Line)>(CrossSellCount[i]);
        for (var l = 0; l < Lines.Count; l++)
            if (Class[l][i] == "prospect") lines.Add((Interest[l][i], l));
        lines.Sort((a, b) => a.Interest != b.Interest ? b.Interest.CompareTo(a.Interest) : a.Line.CompareTo(b.Line));
        return [.. lines.Select(p => Lines[p.Line])];
    }
}
