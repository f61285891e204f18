using System.Globalization;
using Clientele.Clv.Fitting;
using Clientele.Customers;

namespace Clientele.Clv;

/// <summary>
/// The input of the repeat-purchase models, as columns: per row the frequency x (repeat purchases),
/// the recency t_x (time of the last repeat purchase since the first), the age T (time since the first
/// purchase) and a weight (how many customers share this row; 1 when not compressed). Times are in
/// one unit throughout (days or weeks), the unit the fitted rates are then per.
/// </summary>
public sealed class RepeatPurchases
{
    private readonly double[] _frequency;
    private readonly double[] _recency;
    private readonly double[] _age;
    private readonly double[] _weight;

    private RepeatPurchases(double[] frequency, double[] recency, double[] age, double[] weight)
    {
        _frequency = frequency;
        _recency = recency;
        _age = age;
        _weight = weight;
        Customers = weight.Sum();
    }

    /// <summary>x: repeat purchases per row.</summary>
    public ReadOnlySpan<double> Frequency => _frequency;

    /// <summary>t_x: from the first to the last purchase (0 without repeats).</summary>
    public ReadOnlySpan<double> Recency => _recency;

    /// <summary>T: from the first purchase to the end of the calibration period.</summary>
    public ReadOnlySpan<double> Age => _age;

    /// <summary>How many customers each row stands for.</summary>
    public ReadOnlySpan<double> Weight => _weight;

    // The columns themselves, for the likelihood loops (read-only by convention; never handed out publicly).
    internal double[] FrequencyColumn => _frequency;
    internal double[] RecencyColumn => _recency;
    internal double[] AgeColumn => _age;
    internal double[] WeightColumn => _weight;

    /// <summary>The number of rows.</summary>
    public int Rows => _frequency.Length;

    /// <summary>The number of customers: the sum of the weights.</summary>
    public double Customers { get; }

    /// <summary>
    /// Checks and copies the columns. Throws <see cref="ClvDataException"/> naming the first bad row and field:
    /// a value that is not finite or beyond <see cref="ClvDataException.LargestValue"/>, a negative value, a fractional
    /// frequency, T before the last purchase, a recency without repeat purchases, repeat purchases with recency 0
    /// (so also T 0 with repeats), a weight that is not positive.
    /// </summary>
    public static RepeatPurchases Create(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, ReadOnlySpan<double> weight = default)
    {
        if (recency.Length != frequency.Length || age.Length != frequency.Length || (!weight.IsEmpty && weight.Length != frequency.Length))
            throw new ClvDataException($"the columns differ in length: frequency {frequency.Length}, recency {recency.Length}, T {age.Length}, weight {weight.Length}.");
        for (var i = 0; i < frequency.Length; i++)
        {
            double x = frequency[i], tx = recency[i], t = age[i];
            var w = weight.IsEmpty ? 1 : weight[i];
            if (Problem(x, tx, t, w) is { } problem) throw ClvDataException.ForRow(i, problem.Field,
                string.Create(CultureInfo.InvariantCulture, $"frequency {x}, recency {tx}, T {t}, weight {w}"), problem.Rule);
        }
        var weights = weight.IsEmpty ? Enumerable.Repeat(1.0, frequency.Length).ToArray() : weight.ToArray();
        return new RepeatPurchases(frequency.ToArray(), recency.ToArray(), age.ToArray(), weights);
    }

    /// <summary>The customers of a summary who have bought (T known), in the summary's time unit.</summary>
    public static RepeatPurchases From(CustomerSummary summary)
    {
        var buyers = Enumerable.Range(0, summary.Count).Where(i => !double.IsNaN(summary.T[i])).ToArray();
        return Create(
            buyers.Select(i => summary.Frequency[i]).ToArray(),
            buyers.Select(i => summary.Recency[i]).ToArray(),
            buyers.Select(i => summary.T[i]).ToArray());
    }

    /// <summary>
    /// Customers with the same (x, t_x, T) as one row whose weight is their count: millions of customers
    /// become tens of thousands of rows, and every likelihood is the same. Rows keep the order of their first occurrence.
    /// </summary>
    public RepeatPurchases Compress()
    {
        var index = new Dictionary<(double, double, double), int>();
        var x = new List<double>();
        var tx = new List<double>();
        var t = new List<double>();
        var w = new List<double>();
        for (var i = 0; i < _frequency.Length; i++)
        {
            var key = (_frequency[i], _recency[i], _age[i]);
            if (index.TryGetValue(key, out var row))
            {
                w[row] += _weight[i];
                continue;
            }
            index[key] = x.Count;
            x.Add(key.Item1);
            tx.Add(key.Item2);
            t.Add(key.Item3);
            w.Add(_weight[i]);
        }
        return new RepeatPurchases([.. x], [.. tx], [.. t], [.. w]);
    }

    /// <summary>
    /// Every <paramref name="stride"/>-th row from the first, with its weight: an evenly spaced sample of the rows (of the
    /// customers, for compressed rows in the order of their first occurrence), for a fit's starting point.
    /// </summary>
    internal RepeatPurchases EveryRow(int stride) =>
        new(EvenSample.Take(_frequency, stride), EvenSample.Take(_recency, stride), EvenSample.Take(_age, stride), EvenSample.Take(_weight, stride));

    private (double[] Distinct, int[] Index)? _frequencies;

    /// <summary>
    /// The distinct frequencies, and for each row the index of its frequency among them: the likelihoods'
    /// gamma terms depend on x alone, so they are computed once per distinct x (computed once, then kept).
    /// </summary>
    internal (double[] Distinct, int[] Index) DistinctFrequencies()
    {
        if (_frequencies is { } known) return known;
        var positions = new Dictionary<double, int>();
        var index = new int[_frequency.Length];
        for (var i = 0; i < _frequency.Length; i++)
        {
            if (!positions.TryGetValue(_frequency[i], out var k))
            {
                k = positions.Count;
                positions[_frequency[i]] = k;
            }
            index[i] = k;
        }
        var distinct = new double[positions.Count];
        foreach (var (x, k) in positions) distinct[k] = x;
        _frequencies = (distinct, index);
        return _frequencies.Value;
    }

    private (double[] Frequency, double[] Age, double[] LastRecency, int[] Index)? _frequencyAges;

    /// <summary>
    /// The distinct (x, T) pairs, each with the largest t_x of its rows below T (NaN when every row has t_x = T), and for each
    /// row the index of its pair: Pareto/NBD's ln I(T) depends on x and T alone (computed once, then kept).
    /// </summary>
    internal (double[] Frequency, double[] Age, double[] LastRecency, int[] Index) DistinctFrequencyAges()
    {
        if (_frequencyAges is { } known) return known;
        var positions = new Dictionary<(double, double), int>();
        var index = new int[_frequency.Length];
        var last = new List<double>();
        for (var i = 0; i < _frequency.Length; i++)
        {
            var key = (_frequency[i], _age[i]);
            if (!positions.TryGetValue(key, out var k))
            {
                k = positions.Count;
                positions[key] = k;
                last.Add(double.NaN);
            }
            index[i] = k;
            if (_recency[i] < _age[i] && !(_recency[i] <= last[k])) last[k] = _recency[i];
        }
        var frequency = new double[positions.Count];
        var age = new double[positions.Count];
        foreach (var ((x, t), k) in positions) (frequency[k], age[k]) = (x, t);
        _frequencyAges = (frequency, age, [.. last], index);
        return _frequencyAges.Value;
    }

    /// <summary>Whether any customer made a repeat purchase (the models need some to identify their parameters).</summary>
    public bool HasRepeatBuyers()
    {
        foreach (var x in _frequency) if (x > 0) return true;
        return false;
    }


    /// <summary>The field and rule a row breaks, or null (checked without allocating: millions of rows pass through here).</summary>
    private static (string Field, string Rule)? Problem(double x, double tx, double t, double w)
    {
        if (ClvDataException.Magnitude(x) is { } rx) return ("frequency", rx);
        if (ClvDataException.Magnitude(tx) is { } rtx) return ("recency", rtx);
        if (ClvDataException.Magnitude(t) is { } rt) return ("T", rt);
        if (ClvDataException.Magnitude(w) is { } rw) return ("weight", rw);
        if (x < 0 || x != Math.Floor(x)) return ("frequency", "needs a frequency that is a whole number >= 0");
        if (tx < 0) return ("recency", "has a negative recency");
        if (t < tx) return ("T", "has T < recency: the calibration period cannot end before the last purchase");
        if (x == 0 && tx != 0) return ("recency", "has a recency but no repeat purchase (recency must be 0 when frequency is 0)");
        if (x > 0 && tx == 0) return ("recency", "has repeat purchases but recency 0 (a repeat purchase comes after the first, so its recency is > 0)");
        if (w <= 0) return ("weight", "has a weight that is not positive (a weight is how many customers the row stands for)");
        return null;
    }
}
