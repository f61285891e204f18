namespace Clientele.Classification.Internal;

/// <summary>Quantiles of a column restricted to some customers, for the quantile cuts of the value dimensions.</summary>
internal static class ValueQuantile
{
    /// <summary>
    /// The <paramref name="p"/>-quantile (0-1) of ascending <paramref name="sorted"/> values by linear interpolation between
    /// order statistics (Hyndman and Fan 1996, type 7: R's and NumPy's default); NaN for no values.
    /// With "above the (1 − s)-quantile" a cut keeps about a share s of distinct values above it and none of a tie at the top.
    /// </summary>
    public static double Of(double[] sorted, double p)
    {
        if (sorted.Length == 0) return double.NaN;
        var h = (sorted.Length - 1) * Math.Clamp(p, 0, 1);
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /// <summary>The finite values of <paramref name="values"/> at the customers where <paramref name="include"/> holds, sorted ascending.</summary>
    public static double[] Sorted(int count, Func<int, bool> include, Func<int, double> values)
    {
        var list = new List<double>();
        for (var i = 0; i < count; i++)
        {
            if (!include(i)) continue;
            var v = values(i);
            if (double.IsFinite(v)) list.Add(v);
        }
        var array = list.ToArray();
        Array.Sort(array);
        return array;
    }
}
