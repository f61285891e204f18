namespace Clientele.Clv.Fitting;

/// <summary>
/// Adaptive Gauss-Legendre quadrature (15 points, interval halving until two levels agree), for smooth
/// integrands on a finite interval: the lifetime integral of the Pareto/NBD count distribution, and the part of the
/// Pareto/NBD likelihood's death integral where its series would converge slowly (with the gradient alongside).
/// </summary>
internal static class Quadrature
{
    private static readonly double[] Nodes =
    [
        0.0, 0.2011940939974345, 0.3941513470775634, 0.5709721726085388, 0.7244177313601701,
        0.8482065834104272, 0.9372733924007060, 0.9879925180204854,
    ];

    private static readonly double[] Weights =
    [
        0.2025782419255613, 0.1984314853271116, 0.1861610000155622, 0.1662692058169939, 0.1395706779261543,
        0.1071592204671719, 0.0703660474881081, 0.0307532419961173,
    ];

    /// <summary>∫ f over [a, b], to a relative tolerance (absolute where the integral is tiny).</summary>
    public static double Integrate(Func<double, double> f, double a, double b, double tolerance = 1e-12) =>
        Adapt(f, a, b, Rule(f, a, b), tolerance, 0);

    private static double Adapt(Func<double, double> f, double a, double b, double whole, double tolerance, int depth)
    {
        var middle = (a + b) / 2;
        var left = Rule(f, a, middle);
        var right = Rule(f, middle, b);
        if (depth >= 30 || Math.Abs(left + right - whole) <= tolerance * Math.Max(Math.Abs(left + right), 1e-300) + 1e-300)
            return left + right;
        return Adapt(f, a, middle, left, tolerance, depth + 1) + Adapt(f, middle, b, right, tolerance, depth + 1);
    }

    /// <summary>Writes a vector integrand's components at a point to the span.</summary>
    public delegate void VectorIntegrand(double point, Span<double> values);

    /// <summary>
    /// ∫ f over the panels between consecutive <paramref name="breaks"/>, for a vector integrand whose component 0 is
    /// positive (a density) and whose other components are that density times a factor. Intervals are halved until
    /// component 0 agrees to <paramref name="tolerance"/> relative and each other component to <paramref name="tolerance"/>
    /// × (its size + component 0's size); pieces below 1e-4 of the tolerance on the whole need no precision of their own,
    /// and at most <paramref name="maxIntervals"/> intervals are made, so the cost is bounded whatever the integrand.
    /// </summary>
    public static void Integrate(VectorIntegrand f, int components, ReadOnlySpan<double> breaks, Span<double> result, double tolerance = 1e-12, int maxIntervals = 4000)
    {
        var panels = new double[breaks.Length - 1][];
        var estimate = 0.0;
        for (var i = 0; i < panels.Length; i++)
        {
            panels[i] = new double[components];
            Rule(f, breaks[i], breaks[i + 1], panels[i]);
            estimate += panels[i][0];
        }
        var total = new double[components];
        var state = new AdaptState(tolerance, 1e-4 * tolerance * Math.Abs(estimate), maxIntervals);
        for (var i = 0; i < panels.Length; i++) Adapt(f, breaks[i], breaks[i + 1], panels[i], state, 0, total);
        total.CopyTo(result);
    }

    private sealed class AdaptState(double tolerance, double floor, int intervals)
    {
        public double Tolerance { get; } = tolerance;
        public double Floor { get; } = floor;
        public int Intervals { get; set; } = intervals;
    }

    private static void Adapt(VectorIntegrand f, double a, double b, double[] whole, AdaptState state, int depth, double[] total)
    {
        var middle = (a + b) / 2;
        var left = new double[whole.Length];
        var right = new double[whole.Length];
        Rule(f, a, middle, left);
        Rule(f, middle, b, right);
        state.Intervals -= 2;
        // A non-finite piece never agrees with anything: stop there (the total is then non-finite) rather than halve on.
        var agreed = depth >= 30 || state.Intervals <= 0 || !double.IsFinite(left[0] + right[0]) || !double.IsFinite(state.Floor);
        if (!agreed)
        {
            var scale = Math.Abs(left[0] + right[0]);
            agreed = Math.Abs(left[0] + right[0] - whole[0]) <= state.Tolerance * scale + state.Floor + 1e-300;
            for (var k = 1; agreed && k < whole.Length; k++)
                agreed = Math.Abs(left[k] + right[k] - whole[k]) <= state.Tolerance * (Math.Abs(left[k] + right[k]) + scale) + state.Floor + 1e-300;
        }
        if (agreed)
        {
            for (var k = 0; k < whole.Length; k++) total[k] += left[k] + right[k];
            return;
        }
        Adapt(f, a, middle, left, state, depth + 1, total);
        Adapt(f, middle, b, right, state, depth + 1, total);
    }

    private static void Rule(VectorIntegrand f, double a, double b, double[] sum)
    {
        var half = (b - a) / 2;
        var center = (a + b) / 2;
        Span<double> values = stackalloc double[sum.Length];
        Array.Clear(sum);
        for (var i = 0; i < Nodes.Length; i++)
        {
            for (var side = i == 0 ? 1 : -1; side <= 1; side += 2)
            {
                f(center + side * half * Nodes[i], values);
                for (var k = 0; k < sum.Length; k++) sum[k] += Weights[i] * values[k];
            }
        }
        for (var k = 0; k < sum.Length; k++) sum[k] *= half;
    }

    private static double Rule(Func<double, double> f, double a, double b)
    {
        var half = (b - a) / 2;
        var center = (a + b) / 2;
        var sum = Weights[0] * f(center);
        for (var i = 1; i < Nodes.Length; i++) sum += Weights[i] * (f(center - half * Nodes[i]) + f(center + half * Nodes[i]));
        return sum * half;
    }
}
