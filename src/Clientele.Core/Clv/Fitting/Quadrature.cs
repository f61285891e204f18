namespace Clientele.Clv.Fitting;

/// <summary>
/// Adaptive Gauss-Legendre quadrature (15 points, interval halving until two levels agree), for smooth
/// integrands on a finite interval: the lifetime integral of the Pareto/NBD count distribution.
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

    private static double Rule(Func<double, double> f, double a, double b)
    {
        var half = (b - a) / 2;
        var center = (a + b) / 2;
        var sum = Weights[0] * f(center);
        for (var i = 1; i < Nodes.Length; i++) sum += Weights[i] * (f(center - half * Nodes[i]) + f(center + half * Nodes[i]));
        return sum * half;
    }
}
