namespace Clientele.Clv.Fitting;

/// <summary>A per-row term of a likelihood: adds the row's weighted contribution to <c>gradient</c> and returns its weighted value.</summary>
internal delegate double RowTerm(int row, ReadOnlySpan<double> parameters, Span<double> gradient);

/// <summary>
/// Sums a likelihood over rows in parallel chunks. Each chunk's partial sum is kept apart and the partials
/// are added in chunk order, so the result is the same on one core or many.
/// </summary>
internal static class WeightedSum
{
    private const int ChunkRows = 4096;

    public static double Sum(int rows, ReadOnlySpan<double> parameters, Span<double> gradient, RowTerm term)
    {
        var n = parameters.Length;
        var chunks = (rows + ChunkRows - 1) / ChunkRows;
        if (chunks <= 1)
        {
            // One chunk (a compressed data set of a few thousand rows): no threads to start.
            gradient.Clear();
            var single = 0.0;
            for (var i = 0; i < rows; i++) single += term(i, parameters, gradient);
            return single;
        }
        var values = new double[chunks];
        var gradients = new double[chunks * n];
        var p = parameters.ToArray();
        Parallel.For(0, chunks, c =>
        {
            var g = gradients.AsSpan(c * n, n);
            var sum = 0.0;
            for (int i = c * ChunkRows, end = Math.Min(rows, i + ChunkRows); i < end; i++) sum += term(i, p, g);
            values[c] = sum;
        });
        gradient.Clear();
        var total = 0.0;
        for (var c = 0; c < chunks; c++)
        {
            total += values[c];
            for (var k = 0; k < n; k++) gradient[k] += gradients[c * n + k];
        }
        return total;
    }
}
