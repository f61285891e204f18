namespace Clientele.Classification.Internal;

/// <summary>
/// L2-regularised logistic regression fitted by Newton's method (iteratively reweighted least squares): maximises
/// Σ [y log p + (1 − y) log(1 − p)] − λ/2 Σ βⱼ² over standardised features (zero mean, unit standard deviation in the
/// training set; the intercept is not penalised), p = 1 / (1 + exp(−β₀ − Σ βⱼ zⱼ)). The penalised log-likelihood is
/// strictly concave for λ &gt; 0, so Newton's steps converge from zero in a few iterations even when the classes are
/// separable. Meant for a handful of features; the normal equations are solved by Gaussian elimination.
/// </summary>
internal sealed class RidgeLogisticRegression
{
    private readonly double[] _mean;
    private readonly double[] _scale;
    private readonly double[] _beta;

    private RidgeLogisticRegression(double[] mean, double[] scale, double[] beta)
    {
        _mean = mean;
        _scale = scale;
        _beta = beta;
    }

    /// <summary>Rebuilds a fitted model from its <see cref="Mean"/>, <see cref="Scale"/> and <see cref="Beta"/>.</summary>
    public static RidgeLogisticRegression FromParameters(double[] mean, double[] scale, double[] beta)
    {
        if (mean.Length != scale.Length || beta.Length != mean.Length + 1)
            throw new ArgumentException($"a model of {mean.Length} features needs {mean.Length} scales and {mean.Length + 1} coefficients, not {scale.Length} and {beta.Length}.", nameof(beta));
        return new RidgeLogisticRegression(mean, scale, beta);
    }

    /// <summary>The training mean of each feature.</summary>
    public double[] Mean => _mean;

    /// <summary>The training standard deviation of each feature (0 for a constant feature, which drops out).</summary>
    public double[] Scale => _scale;

    /// <summary>The coefficients on the standardised features, intercept first.</summary>
    public double[] Beta => _beta;

    /// <summary>Newton iterations used by the fit.</summary>
    public int Iterations { get; private init; }

    /// <summary>Fits <paramref name="y"/> (true = 1) on the rows of <paramref name="x"/> listed in <paramref name="rows"/>.</summary>
    public static RidgeLogisticRegression Fit(double[][] x, bool[] y, IReadOnlyList<int> rows, double lambda)
    {
        var d = x[0].Length;
        var mean = new double[d];
        var scale = new double[d];
        foreach (var r in rows) for (var j = 0; j < d; j++) mean[j] += x[r][j];
        for (var j = 0; j < d; j++) mean[j] /= Math.Max(rows.Count, 1);
        foreach (var r in rows) for (var j = 0; j < d; j++) scale[j] += (x[r][j] - mean[j]) * (x[r][j] - mean[j]);
        // A constant feature gets scale 0 (it drops out; the intercept absorbs it).
        for (var j = 0; j < d; j++) scale[j] = scale[j] > 0 ? Math.Sqrt(scale[j] / rows.Count) : 0;

        var p = d + 1;
        var beta = new double[p];
        var z = new double[p];
        var iterations = 0;
        for (; iterations < 100; iterations++)
        {
            var hessian = new double[p, p];
            var gradient = new double[p];
            foreach (var r in rows)
            {
                Standardise(x[r], mean, scale, z);
                var prob = Sigmoid(Dot(beta, z));
                var w = Math.Max(prob * (1 - prob), 1e-12);
                var residual = (y[r] ? 1 : 0) - prob;
                for (var a = 0; a < p; a++)
                {
                    gradient[a] += residual * z[a];
                    for (var b = a; b < p; b++) hessian[a, b] += w * z[a] * z[b];
                }
            }
            for (var a = 0; a < p; a++)
            {
                for (var b = 0; b < a; b++) hessian[a, b] = hessian[b, a];
                if (a > 0)
                {
                    gradient[a] -= lambda * beta[a];
                    hessian[a, a] += lambda;
                }
            }
            var step = Solve(hessian, gradient);
            var largest = 0.0;
            for (var a = 0; a < p; a++)
            {
                beta[a] += step[a];
                largest = Math.Max(largest, Math.Abs(step[a]));
            }
            if (largest < 1e-9) break;
        }
        return new RidgeLogisticRegression(mean, scale, beta) { Iterations = iterations + 1 };
    }

    /// <summary>P(y = 1) for one row of raw features.</summary>
    public double Probability(double[] features)
    {
        var z = new double[_beta.Length];
        Standardise(features, _mean, _scale, z);
        return Sigmoid(Dot(_beta, z));
    }

    /// <summary>The coefficients on the raw features: intercept first, then one per feature (log-odds per unit).</summary>
    public double[] RawCoefficients()
    {
        var raw = new double[_beta.Length];
        raw[0] = _beta[0];
        for (var j = 0; j < _mean.Length; j++)
        {
            if (_scale[j] == 0) continue;
            raw[j + 1] = _beta[j + 1] / _scale[j];
            raw[0] -= raw[j + 1] * _mean[j];
        }
        return raw;
    }

    private static void Standardise(double[] features, double[] mean, double[] scale, double[] z)
    {
        z[0] = 1;
        for (var j = 0; j < features.Length; j++) z[j + 1] = scale[j] > 0 ? (features[j] - mean[j]) / scale[j] : 0;
    }

    private static double Dot(double[] a, double[] b)
    {
        var s = 0.0;
        for (var k = 0; k < a.Length; k++) s += a[k] * b[k];
        return s;
    }

    private static double Sigmoid(double t) => t >= 0 ? 1 / (1 + Math.Exp(-t)) : Math.Exp(t) / (1 + Math.Exp(t));

    /// <summary>Solves A s = g by Gaussian elimination with partial pivoting (A is positive definite here, but tiny pivots are guarded).</summary>
    private static double[] Solve(double[,] a, double[] g)
    {
        var n = g.Length;
        var m = (double[,])a.Clone();
        var v = (double[])g.Clone();
        for (var c = 0; c < n; c++)
        {
            var pivot = c;
            for (var r = c + 1; r < n; r++) if (Math.Abs(m[r, c]) > Math.Abs(m[pivot, c])) pivot = r;
            if (pivot != c)
            {
                for (var k = 0; k < n; k++) (m[c, k], m[pivot, k]) = (m[pivot, k], m[c, k]);
                (v[c], v[pivot]) = (v[pivot], v[c]);
            }
            if (Math.Abs(m[c, c]) < 1e-12) m[c, c] = 1e-12;
            for (var r = c + 1; r < n; r++)
            {
                var f = m[r, c] / m[c, c];
                if (f == 0) continue;
                for (var k = c; k < n; k++) m[r, k] -= f * m[c, k];
                v[r] -= f * v[c];
            }
        }
        var s = new double[n];
        for (var r = n - 1; r >= 0; r--)
        {
            var sum = v[r];
            for (var k = r + 1; k < n; k++) sum -= m[r, k] * s[k];
            s[r] = sum / m[r, r];
        }
        return s;
    }
}
