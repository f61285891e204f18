namespace Clientele.Classification;

/// <summary>
/// One dimension's answer for every customer: the class and the reason (the figures and thresholds that
/// decided it, in words an analyst reads). A null class means the dimension does not apply to the customer
/// (a value tier for a prospect); its reason then says why.
/// </summary>
/// <param name="Dimension">The dimension's name, e.g. "ladder" (<see cref="Dimensions"/>).</param>
/// <param name="Class">The class per customer, or null where the dimension does not apply.</param>
/// <param name="Reason">The reason per customer.</param>
/// <param name="Method">How the classes were decided, e.g. "model: Pareto/NBD P(alive)" or "rules: no model could be fitted".</param>
public sealed record DimensionResult(string Dimension, string?[] Class, string?[] Reason, string Method)
{
    /// <summary>
    /// The figures a reason rendered when read needs that no other result holds (<see cref="ReasonDeclaration.Figures"/>), row by
    /// row: customer i's from index i × the dimension's count; NaN where none. Empty for a dimension that keeps none here.
    /// </summary>
    public double[] Figures { get; init; } = [];

    /// <summary>The text a reason rendered when read needs that no other result holds, one per customer (null for none); empty where none is kept.</summary>
    public string?[] FigureTexts { get; init; } = [];

    /// <summary>Notes for the run's report (fallbacks, what was estimated, how many were skipped and why).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The answers of the <paramref name="count"/> customers from index <paramref name="start"/>, in order, with the same method and notes.</summary>
    public DimensionResult Slice(int start, int count)
    {
        var per = Class.Length == 0 ? 0 : Figures.Length / Class.Length;
        return new DimensionResult(Dimension, Class[start..(start + count)], Reason.Length == 0 ? [] : Reason[start..(start + count)], Method)
        {
            Figures = Figures[(start * per)..((start + count) * per)],
            FigureTexts = FigureTexts.Length == 0 ? [] : FigureTexts[start..(start + count)],
            Notes = Notes,
        };
    }

    /// <summary>Customers per class (nulls counted under "n/a"), in descending order of count (classes of equal count in the order first met).</summary>
    public IReadOnlyList<KeyValuePair<string, int>> Counts()
    {
        // Tallied in one pass: grouping kept every customer's class in its group, a second per analysis of a million customers.
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        var tallies = new List<int>();
        foreach (var c in Class)
        {
            var name = c ?? "n/a";
            if (position.TryGetValue(name, out var k))
            {
                tallies[k]++;
                continue;
            }
            position[name] = names.Count;
            names.Add(name);
            tallies.Add(1);
        }
        return [.. names.Select((name, k) => KeyValuePair.Create(name, tallies[k])).OrderByDescending(p => p.Value)];
    }
}
