using System.Globalization;
using Clientele.Clv.Fitting;

namespace Clientele.Clv.GammaGamma;

/// <summary>
/// The Gamma-Gamma model of monetary value (Fader &amp; Hardie 2013, "The Gamma-Gamma Model of Monetary
/// Value"): each transaction's value is Gamma(p, ν) with a customer's own rate ν ~ Gamma(q, γ), independent
/// of the purchase process. A customer's mean spend per transaction is then p/ν, and across customers
/// E[p/ν] = pγ/(q − 1). γ is in the data's currency; p and q are unitless.
/// </summary>
/// <param name="P">p, the shape of the per-transaction spend distribution.</param>
/// <param name="Q">q, the shape of the distribution of its rate ν.</param>
/// <param name="Gamma">γ, the scale of the distribution of ν, in currency units.</param>
public sealed record GammaGammaModel(double P, double Q, double Gamma)
{
    /// <summary>The parameter names, as in the note.</summary>
    public static readonly IReadOnlyList<string> ParameterNames = ["p", "q", "gamma"];

    /// <summary>
    /// The report of the fit that produced this model, or null for a model made from given parameters. Its
    /// <see cref="FitReport.Customers"/> counts the repeat buyers fitted (the sum of their weights), not the
    /// customers without repeat purchases that were skipped.
    /// </summary>
    public FitReport? Report { get; init; }

    /// <summary>
    /// Fits the model by maximum likelihood (BFGS with the analytic gradient) on the repeat buyers only:
    /// rows with <paramref name="frequency"/> x = 0 carry no average spend and are skipped, whatever their
    /// <paramref name="monetaryValue"/>. Each row is a customer's x (repeat transactions, a whole number)
    /// and m_x (the mean value of those x transactions) with an optional weight (how many customers share
    /// the row). Throws <see cref="ClvDataException"/> for columns of different lengths, values that are not
    /// finite, a frequency that is not a whole number &gt;= 0, a weight that is not positive, a repeat buyer
    /// whose spend is not positive, and data without repeat buyers. A fit that does not converge returns
    /// its best point with <see cref="FitReport.Converged"/> false and the reason.
    /// </summary>
    public static GammaGammaModel Fit(ReadOnlySpan<double> frequency, ReadOnlySpan<double> monetaryValue, ReadOnlySpan<double> weight = default, GammaGammaFitOptions? options = null)
    {
        var o = options ?? new GammaGammaFitOptions();
        var (x, m, w) = Repeaters(frequency, monetaryValue, weight, o.Compress);
        if (x.Length == 0)
            throw new ClvDataException("no customer made a repeat purchase, so there is no average spend to fit the Gamma-Gamma model to: use a longer calibration period, or the population's mean order value.");
        double customers = 0, spend = 0;
        for (var i = 0; i < x.Length; i++)
        {
            customers += w[i];
            spend += w[i] * m[i];
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // With q = 2 the population mean pγ/(q−1) equals the data's mean spend at p = 1.
        double[] start = [1, 2, spend / customers];
        var approach = Approach(x, m, w, customers, start, o);
        var (p, report) = MaximumLikelihood.Fit(ParameterNames, approach?.Parameters ?? start, Negative(x, m, w),
            customers, x.Length, o.Penalty, o.Budget.After(clock.Elapsed), approach?.InverseHessian);
        // The sample's fit is part of the time the fit took.
        return new GammaGammaModel(p[0], p[1], p[2]) { Report = report with { Seconds = clock.Elapsed.TotalSeconds } };
    }

    private static NegativeLogLikelihood Negative(double[] x, double[] m, double[] w) => (parameters, gradient) =>
    {
        var value = Sum(x, m, w, parameters, gradient);
        for (var k = 0; k < gradient.Length; k++) gradient[k] = -gradient[k];
        return -value;
    };

    /// <summary>
    /// Where the fit on every row starts, for more rows than <see cref="GammaGammaFitOptions.WarmStartRows"/>: the optimum and
    /// curvature of a fit to an evenly spaced sample of about half that many rows (as <c>ParetoNbdModel.Fit</c> does); null
    /// (start at <paramref name="start"/>) for fewer rows or where the sample's fit did not converge.
    /// </summary>
    private static (double[] Parameters, double[,] InverseHessian)? Approach(double[] x, double[] m, double[] w, double customers, double[] start, GammaGammaFitOptions o)
    {
        if (!EvenSample.Applies(x.Length, o.WarmStartRows)) return null;
        var stride = EvenSample.Stride(x.Length, o.WarmStartRows);
        var (sx, sm, sw) = (EvenSample.Take(x, stride), EvenSample.Take(m, stride), EvenSample.Take(w, stride));
        var share = sw.Sum() / customers;
        try
        {
            return MaximumLikelihood.Approach(start, Negative(sx, sm, sw), o.Penalty * share, o.Budget, share);
        }
        catch (ClvDataException)
        {
            return null;
        }
    }

    /// <summary>The weighted log-likelihood of the repeat buyers among the rows under these parameters (rows with x = 0 are skipped).</summary>
    public double LogLikelihood(ReadOnlySpan<double> frequency, ReadOnlySpan<double> monetaryValue, ReadOnlySpan<double> weight = default)
    {
        var (x, m, w) = Repeaters(frequency, monetaryValue, weight, compress: false);
        return Sum(x, m, w, [P, Q, Gamma], new double[3]);
    }

    /// <summary>
    /// E[M | x, m_x]: each customer's expected mean spend per transaction given x repeat transactions of mean
    /// value m_x (the note's conditional expectation), p(γ + x m_x)/(px + q − 1): a weighted average of the population mean
    /// pγ/(q − 1) and the customer's own m_x, leaning to m_x as x grows. Customers with x = 0 get the population
    /// mean (their spend is ignored). +∞ where px + q &lt;= 1 (the mean does not exist). Throws
    /// <see cref="ClvDataException"/> for values that are not finite or a repeat buyer whose spend is not positive.
    /// </summary>
    public void ConditionalExpectedAverageSpend(ReadOnlySpan<double> frequency, ReadOnlySpan<double> monetaryValue, Span<double> destination)
    {
        if (monetaryValue.Length != frequency.Length || destination.Length < frequency.Length)
            throw new ClvDataException($"the columns differ in length: frequency {frequency.Length}, spend {monetaryValue.Length}, destination {destination.Length}.");
        for (var i = 0; i < frequency.Length; i++)
        {
            double x = frequency[i], m = monetaryValue[i];
            Check(i, x, m, 1);
            var denominator = P * x + Q - 1;
            destination[i] = denominator > 0 ? P * (Gamma + (x > 0 ? x * m : 0)) / denominator : double.PositiveInfinity;
        }
    }

    /// <summary>E[M] = pγ/(q − 1): the expected mean spend per transaction of a new customer; +∞ when q &lt;= 1.</summary>
    public double ExpectedAverageSpend() => Q > 1 ? P * Gamma / (Q - 1) : double.PositiveInfinity;

    private static double Sum(double[] x, double[] m, double[] w, ReadOnlySpan<double> parameters, Span<double> gradient) =>
        WeightedSum.Sum(x.Length, parameters, gradient, (i, q, g) => GammaGammaLikelihood.LogLikelihood(x[i], m[i], w[i], q, g));

    /// <summary>The checked rows with x &gt; 0, compressed to unique (x, m_x) with summed weights when asked.</summary>
    private static (double[] X, double[] M, double[] W) Repeaters(ReadOnlySpan<double> frequency, ReadOnlySpan<double> monetaryValue, ReadOnlySpan<double> weight, bool compress)
    {
        if (monetaryValue.Length != frequency.Length || (!weight.IsEmpty && weight.Length != frequency.Length))
            throw new ClvDataException($"the columns differ in length: frequency {frequency.Length}, spend {monetaryValue.Length}, weight {weight.Length}.");
        var index = new Dictionary<(double, double), int>();
        var x = new List<double>();
        var m = new List<double>();
        var w = new List<double>();
        for (var i = 0; i < frequency.Length; i++)
        {
            var wi = weight.IsEmpty ? 1 : weight[i];
            Check(i, frequency[i], monetaryValue[i], wi);
            if (frequency[i] == 0) continue;
            var key = (frequency[i], monetaryValue[i]);
            if (compress && index.TryGetValue(key, out var row))
            {
                w[row] += wi;
                continue;
            }
            if (compress) index[key] = x.Count;
            x.Add(key.Item1);
            m.Add(key.Item2);
            w.Add(wi);
        }
        return ([.. x], [.. m], [.. w]);
    }

    private static void Check(int i, double x, double m, double w)
    {
        if (Problem(x, m, w) is { } problem)
            throw ClvDataException.ForRow(i, problem.Field, string.Create(CultureInfo.InvariantCulture, $"frequency {x}, average spend {m}, weight {w}"), problem.Rule);
    }

    private static (string Field, string Rule)? Problem(double x, double m, double w)
    {
        if (ClvDataException.Magnitude(x) is { } rx) return ("frequency", rx);
        if (ClvDataException.Magnitude(w) is { } rw) return ("weight", rw);
        if (!double.IsFinite(m)) return ("monetary_value", "holds a value that is not a finite number");
        if (Math.Abs(m) > LargestSpend)
            return ("monetary_value", string.Create(CultureInfo.InvariantCulture, $"needs an average spend within ±{LargestSpend:0e0}"));
        if (x < 0 || x != Math.Floor(x)) return ("frequency", "needs a frequency that is a whole number >= 0");
        if (w <= 0) return ("weight", "has a weight that is not positive (a weight is how many customers the row stands for)");
        if (x > 0 && m <= 0)
            return ("monetary_value", "is a repeat buyer without positive spend, and the Gamma-Gamma note's model needs positive spend: exclude returns and zero-value orders, or model margin another way");
        return null;
    }

    /// <summary>The largest average spend per transaction a fit accepts (1e15, in the data's currency).</summary>
    public const double LargestSpend = 1e15;
}
