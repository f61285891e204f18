namespace Clientele.Clv.Fitting;

/// <summary>
/// The evenly spaced sample a large fit starts from (<c>WarmStartRows</c> of the Pareto/NBD and Gamma-Gamma fit options):
/// every k-th row from the first, so that about half the threshold's rows remain.
/// </summary>
internal static class EvenSample
{
    /// <summary>Whether <paramref name="rows"/> rows are enough for a start from a sample under the threshold <paramref name="warmStartRows"/> (0: never).</summary>
    public static bool Applies(int rows, int warmStartRows) => warmStartRows > 0 && rows > warmStartRows;

    /// <summary>The k of every k-th row: about half of <paramref name="warmStartRows"/> rows remain, and at most half of the rows.</summary>
    public static int Stride(int rows, int warmStartRows) => Math.Max(2, rows / Math.Max(1, warmStartRows / 2));

    /// <summary>Every <paramref name="stride"/>-th value of <paramref name="column"/>, from the first.</summary>
    public static double[] Take(double[] column, int stride)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        var taken = new double[(column.Length + stride - 1) / stride];
        for (var k = 0; k < taken.Length; k++) taken[k] = column[k * stride];
        return taken;
    }
}
