namespace Clientele.Clv.Fitting;

/// <summary>The function to minimise: its value at a point, with the gradient written to <c>gradient</c>. Non-finite values mark points to avoid.</summary>
internal delegate double Objective(ReadOnlySpan<double> point, Span<double> gradient);

/// <summary>Where a minimisation ended.</summary>
/// <remarks><see cref="InverseHessian"/> is the quasi-Newton approximation of the inverse Hessian where the walk ended.</remarks>
internal sealed record Minimum(double[] Point, double Value, double[] Gradient, int Iterations, bool Converged, string Reason)
{
    public double[,]? InverseHessian { get; init; }
}

/// <summary>
/// Unconstrained quasi-Newton minimisation: BFGS with the inverse-Hessian update and a line search for
/// the weak Wolfe conditions (Nocedal &amp; Wright, Numerical Optimization, 2nd ed., algorithms 6.1 and 3.5).
/// Converged means the largest gradient component fell below <c>tolerance × max(1, |f|)</c>, a test that
/// does not depend on how many customers the likelihood sums over. Every run is bounded: by the budget's iterations
/// and wall time (checked at each evaluation, so one slow line search cannot overrun it by more than one evaluation),
/// and by <see cref="Runaway"/>, the distance from the start at which the point is said to run off to a boundary.
/// </summary>
internal static class Bfgs
{
    private const double Armijo = 1e-4;
    private const double Curvature = 0.9;

    /// <summary>
    /// A coordinate more than ln 1e8 from where it started has run off to a boundary (a parameter optimised in logs that
    /// grew or shrank 1e8-fold): such a walk only ever makes the parameter degenerate, so it ends there.
    /// </summary>
    public static readonly double Runaway = Math.Log(1e8);

    /// <summary>
    /// Minimises from <paramref name="start"/>; <paramref name="inverseHessian"/>, where given, is the first approximation of
    /// the inverse Hessian there (from a fit of a similar function, such as the same likelihood on a sample), in place of a
    /// scaled identity, so a start near the minimum is not spent relearning the curvature.
    /// </summary>
    public static Minimum Minimize(Objective objective, double[] start, FitBudget budget, double tolerance = 1e-9, double[,]? inverseHessian = null)
    {
        var maxIterations = budget.MaxIterations;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var expired = false;
        double f(ReadOnlySpan<double> point, Span<double> gradient)
        {
            budget.Cancellation.ThrowIfCancellationRequested();
            if (expired || clock.Elapsed > budget.TimeLimit)
            {
                expired = true;
                return double.NaN;
            }
            return objective(point, gradient);
        }
        string OutOfTime(int iteration, double[] g) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"the time budget ({budget.TimeLimit.TotalSeconds:0.###} s) ran out after {iteration} iterations (largest gradient component {Norm(g):G3})");
        var n = start.Length;
        var x = (double[])start.Clone();
        var g = new double[n];
        var fx = f(x, g);
        if (expired) return new Minimum(x, fx, g, 0, false, OutOfTime(0, g));
        if (!double.IsFinite(fx) || g.Any(v => !double.IsFinite(v)))
            return new Minimum(x, fx, g, 0, false, "the likelihood is not finite at the starting point");
        var given = inverseHessian is not null;
        var h = given ? (double[,])inverseHessian!.Clone() : Identity(n);
        var direction = new double[n];
        var next = new double[n];
        var gNext = new double[n];
        var stalls = 0;
        for (var iteration = 1; iteration <= maxIterations; iteration++)
        {
            if (Norm(g) <= tolerance * Math.Max(1, Math.Abs(fx)))
                return new Minimum(x, fx, g, iteration - 1, true, "the gradient fell below the tolerance") { InverseHessian = h };
            Multiply(h, g, direction, -1);
            var slope = Dot(g, direction);
            if (!(slope < 0))
            {
                h = Identity(n);
                Multiply(h, g, direction, -1);
                slope = Dot(g, direction);
            }
            var step = iteration == 1 && !given ? Math.Min(1, 1 / Math.Max(Norm(g), 1e-12)) : 1;
            var fNext = LineSearch(f, x, fx, direction, slope, ref step, next, gNext);
            if (expired) return new Minimum(x, fx, g, iteration, false, OutOfTime(iteration, g));
            if (!double.IsFinite(fNext) || fNext > fx)
            {
                if (++stalls >= 2)
                    return new Minimum(x, fx, g, iteration, false, $"the line search found no lower point (largest gradient component {Norm(g):G3})");
                h = Identity(n);
                continue;
            }
            stalls = 0;
            var s = new double[n];
            var y = new double[n];
            for (var i = 0; i < n; i++)
            {
                s[i] = next[i] - x[i];
                y[i] = gNext[i] - g[i];
            }
            var sy = Dot(s, y);
            if (iteration == 1 && !given && sy > 0) h = Scaled(Identity(n), sy / Dot(y, y));
            if (sy > 1e-12 * Math.Sqrt(Dot(s, s) * Dot(y, y))) Update(h, s, y, sy);
            var change = Math.Abs(fx - fNext);
            Array.Copy(next, x, n);
            Array.Copy(gNext, g, n);
            fx = fNext;
            if (x.Where((v, i) => Math.Abs(v - start[i]) > Runaway).Any())
                return new Minimum(x, fx, g, iteration, false, "the parameters ran off toward a boundary (the likelihood keeps rising as one goes to 0 or infinity)");
            if (change <= 1e-15 * Math.Max(1, Math.Abs(fx)) && Norm(g) <= Math.Sqrt(tolerance) * Math.Max(1, Math.Abs(fx)))
                return new Minimum(x, fx, g, iteration, true, "the likelihood stopped changing at machine precision with a near-zero gradient") { InverseHessian = h };
        }
        return new Minimum(x, fx, g, maxIterations, Norm(g) <= tolerance * Math.Max(1, Math.Abs(fx)),
            $"the iteration limit ({maxIterations}) was reached (largest gradient component {Norm(g):G3})");
    }

    /// <summary>Finds a step meeting the weak Wolfe conditions by bisection and expansion; returns f there (or a larger value on failure).</summary>
    private static double LineSearch(Objective f, double[] x, double fx, double[] direction, double slope, ref double step, double[] next, double[] gNext)
    {
        double low = 0, high = double.PositiveInfinity;
        var best = double.PositiveInfinity;
        for (var trial = 0; trial < 60; trial++)
        {
            for (var i = 0; i < x.Length; i++) next[i] = x[i] + step * direction[i];
            var value = f(next, gNext);
            var finite = double.IsFinite(value) && gNext.All(double.IsFinite);
            if (!finite || value > fx + Armijo * step * slope)
            {
                high = step;
            }
            else if (Dot(gNext, direction) < Curvature * slope)
            {
                low = step;
                best = value;
            }
            else
            {
                return value;
            }
            step = double.IsPositiveInfinity(high) ? 2 * low : (low + high) / 2;
            if (high - low < 1e-16 * Math.Max(1, high)) break;
        }
        if (low > 0)
        {
            step = low;
            for (var i = 0; i < x.Length; i++) next[i] = x[i] + step * direction[i];
            return f(next, gNext);
        }
        return double.IsPositiveInfinity(best) ? double.NaN : best;
    }

    private static void Update(double[,] h, double[] s, double[] y, double sy)
    {
        var n = s.Length;
        var hy = new double[n];
        Multiply(h, y, hy, 1);
        var yhy = Dot(y, hy);
        var factor = (sy + yhy) / (sy * sy);
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                h[i, j] += factor * s[i] * s[j] - (hy[i] * s[j] + s[i] * hy[j]) / sy;
    }

    private static double[,] Identity(int n)
    {
        var m = new double[n, n];
        for (var i = 0; i < n; i++) m[i, i] = 1;
        return m;
    }

    private static double[,] Scaled(double[,] m, double factor)
    {
        for (var i = 0; i < m.GetLength(0); i++)
            for (var j = 0; j < m.GetLength(1); j++) m[i, j] *= factor;
        return m;
    }

    private static void Multiply(double[,] m, double[] v, double[] result, double sign)
    {
        for (var i = 0; i < v.Length; i++)
        {
            var sum = 0.0;
            for (var j = 0; j < v.Length; j++) sum += m[i, j] * v[j];
            result[i] = sign * sum;
        }
    }

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    /// <summary>The largest absolute component.</summary>
    public static double Norm(double[] v) => v.Length == 0 ? 0 : v.Max(Math.Abs);
}
