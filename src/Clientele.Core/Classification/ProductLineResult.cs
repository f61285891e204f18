namespace Clientele.Classification;

/// <summary>
/// Per product line classes: for each line of <see cref="Lines"/> and each customer of <see cref="CustomerColumns"/>
/// (<c>Class[line][customer]</c>), "customer" (bought the line), "prospect" (a cross-sell candidate: a customer of other
/// lines, or interested in this one) or null (neither); the reason is rendered from the figures (<see cref="Reason"/>).
/// </summary>
public sealed class ProductLineResult
{
    private readonly CustomerColumns _columns;
    private readonly ProductLinesOptions _options;
    private readonly bool[]? _applied;

    /// <summary>
    /// Wraps the classes of the customers of <paramref name="columns"/>, applied with <paramref name="options"/> to
    /// <paramref name="customers"/> (null for all); the columns' orders of and interest in each line are the reasons' figures.
    /// </summary>
    public ProductLineResult(CustomerColumns columns, ProductLinesOptions options, string?[][] @class, IReadOnlyList<int>? customers = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(options);
        (_columns, _options) = (columns, options);
        Lines = columns.ProductLines;
        Class = @class;
        Orders = columns.LineOrders;
        Interest = columns.LineInterest;
        var n = columns.Count;
        if (customers is not null)
        {
            _applied = new bool[n];
            foreach (var i in customers) _applied[i] = true;
        }
        CrossSellCount = new int[n];
        foreach (var perLine in @class)
            for (var i = 0; i < n; i++)
                if (perLine[i] == ProductLines.Prospect) CrossSellCount[i]++;
    }

    /// <summary>The product lines, in the order of <see cref="Class"/>.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>Per line, per customer: "customer", "prospect" or null.</summary>
    public string?[][] Class { get; }

    /// <summary>Per line, per customer: completed orders of the line (a figure the snapshot stores with the class).</summary>
    public int[][] Orders { get; }

    /// <summary>Per line, per customer: interactions about the line (inquiry, quote, trial, ...); a figure the snapshot stores, and the rank of <see cref="CrossSellLines"/>.</summary>
    public int[][] Interest { get; }

    /// <summary>Per customer: the lines it is a prospect for.</summary>
    public int[] CrossSellCount { get; }

    /// <summary>Notes for the run's report.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Customer <paramref name="i"/>'s reason for line <paramref name="line"/> (<see cref="ProductLines.Reason"/>); null for a customer not classified.</summary>
    public string? Reason(int line, int i)
    {
        if (_applied is not null && !_applied[i]) return null;
        var bought = new List<string>();
        for (var l = 0; l < Lines.Count; l++)
            if (Class[l][i] == ProductLines.Customer) bought.Add(Lines[l]);
        return ProductLines.Reason(Lines[line], Orders[line][i], Interest[line][i], bought, _columns.HasBought(i), _options);
    }

    /// <summary>The lines customer <paramref name="i"/> is a prospect for, those it asked about most first, then in the order of <see cref="Lines"/>.</summary>
    public IReadOnlyList<string> CrossSellLines(int i)
    {
        var lines = new List<(int Interest, int Line)>(CrossSellCount[i]);
        for (var l = 0; l < Lines.Count; l++)
            if (Class[l][i] == ProductLines.Prospect) lines.Add((Interest[l][i], l));
        lines.Sort((a, b) => a.Interest != b.Interest ? b.Interest.CompareTo(a.Interest) : a.Line.CompareTo(b.Line));
        return [.. lines.Select(p => Lines[p.Line])];
    }
}
