using Clientele.Clv.Fitting;
using static Clientele.Clv.SpecialFunctions;

namespace Clientele.Clv.BgNbd;

/// <summary>
/// The BG/NBD model of repeat buying (Fader, Hardie &amp; Lee 2005): while alive a customer buys as a
/// Poisson process with rate λ ~ Gamma(r, α); after each purchase the customer drops out with
/// probability p ~ Beta(a, b). Times are in the unit of the data it was fitted on (α is in that unit).
/// </summary>
/// <param name="R">r, the shape of the purchase-rate distribution.</param>
/// <param name="Alpha">α, its scale, in the data's time unit.</param>
/// <param name="A">a of the dropout-probability Beta distribution.</param>
/// <param name="B">b of the dropout-probability Beta distribution.</param>
public sealed record BgNbdModel(double R, double Alpha, double A, double B) : IRepeatPurchaseModel
{
    /// <summary>The parameter names, as in the paper.</summary>
    public static readonly IReadOnlyList<string> ParameterNames = ["r", "alpha", "a", "b"];

    /// <summary>The report of the fit that produced this model, or null for a model made from given parameters.</summary>
    public FitReport? Report { get; init; }

    /// <summary>
    /// Fits the model by maximum likelihood. Throws <see cref="ClvDataException"/> when no customer made a
    /// repeat purchase (nothing identifies the dropout process). A fit that does not converge returns its
    /// best point with <see cref="FitReport.Converged"/> false and the reason.
    /// </summary>
    public static BgNbdModel Fit(RepeatPurchases data, BgNbdFitOptions? options = null)
    {
        var o = options ?? new BgNbdFitOptions();
        if (data.Rows == 0) throw new ClvDataException("there are no customers to fit.");
        if (!data.HasRepeatBuyers())
            throw new ClvDataException("no customer made a repeat purchase, so the BG/NBD model cannot be fitted: use a longer calibration period, or the rule-based classification.");
        var rows = o.Compress ? data.Compress() : data;
        var meanAge = 0.0;
        for (var i = 0; i < rows.Rows; i++) meanAge += rows.Age[i] * rows.Weight[i];
        meanAge /= rows.Customers;
        var (p, report) = MaximumLikelihood.Fit(ParameterNames, [1, Math.Max(meanAge, 1e-3), 1, 1],
            (parameters, gradient) => -LogLikelihood(rows, parameters, gradient, negate: true),
            rows.Customers, rows.Rows, o.Penalty, o.Budget);
        return new BgNbdModel(p[0], p[1], p[2], p[3]) { Report = report };
    }

    /// <summary>The weighted log-likelihood of the data under these parameters.</summary>
    public double LogLikelihood(RepeatPurchases data) => LogLikelihood(data, [R, Alpha, A, B], new double[4], negate: false);

    private static double LogLikelihood(RepeatPurchases data, ReadOnlySpan<double> p, Span<double> gradient, bool negate)
    {
        var (x, tx, t, w) = (data.FrequencyColumn, data.RecencyColumn, data.AgeColumn, data.WeightColumn);
        var (distinct, index) = data.DistinctFrequencies();
        var terms = new BgNbdLikelihood.Terms[distinct.Length];
        for (var k = 0; k < distinct.Length; k++) terms[k] = BgNbdLikelihood.Terms.For(distinct[k], p);
        var value = WeightedSum.Sum(data.Rows, p, gradient, (i, q, g) => BgNbdLikelihood.LogLikelihood(x[i], tx[i], t[i], w[i], q, terms[index[i]], g));
        if (negate)
            for (var k = 0; k < gradient.Length; k++) gradient[k] = -gradient[k];
        return value;
    }

    /// <summary>
    /// P(alive | x, t_x, T): the probability that each customer is still active (eq. A10 of the paper's
    /// technical appendix); 1 for customers without repeat purchases.
    /// </summary>
    public void ProbabilityAlive(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, Span<double> destination)
    {
        for (var i = 0; i < frequency.Length; i++)
        {
            double x = frequency[i], tx = recency[i], T = age[i];
            destination[i] = x == 0
                ? 1
                : 1 / (1 + Math.Exp(Math.Log(A) - Math.Log(B + x - 1) + (R + x) * (Math.Log(Alpha + T) - Math.Log(Alpha + tx))));
        }
    }

    /// <summary>
    /// E[Y(t) | x, t_x, T]: the expected purchases of each customer in the next <paramref name="t"/> time units
    /// (eq. 10 of the paper).
    /// </summary>
    public void ExpectedPurchases(double t, ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, Span<double> destination)
    {
        if (Math.Abs(A - 1) < 1e-9)
        {
            // The formula divides by a − 1: take the limit from both sides.
            var above = new double[destination.Length];
            (this with { A = 1 + 1e-6 }).ExpectedPurchases(t, frequency, recency, age, above);
            (this with { A = 1 - 1e-6 }).ExpectedPurchases(t, frequency, recency, age, destination);
            for (var i = 0; i < destination.Length; i++) destination[i] = (destination[i] + above[i]) / 2;
            return;
        }
        // The hypergeometric part depends on (x, T) only, and customers share a few of those pairs: compute each once.
        var cache = new Dictionary<(double, double), double>();
        for (var i = 0; i < frequency.Length; i++)
        {
            double x = frequency[i], tx = recency[i], T = age[i];
            if (!cache.TryGetValue((x, T), out var first))
            {
                var hyper = Hypergeometric2F1(R + x, B + x, A + B + x - 1, t / (Alpha + T + t));
                first = (A + B + x - 1) / (A - 1) * (1 - Math.Exp((R + x) * (Math.Log(Alpha + T) - Math.Log(Alpha + T + t))) * hyper);
                cache[(x, T)] = first;
            }
            var alive = x == 0 ? 1 : 1 + Math.Exp(Math.Log(A) - Math.Log(B + x - 1) + (R + x) * (Math.Log(Alpha + T) - Math.Log(Alpha + tx)));
            destination[i] = first / alive;
        }
    }

    /// <summary>E[X(t)]: the expected purchases of a new customer in its first <paramref name="t"/> time units (eq. 9 of the paper).</summary>
    public double ExpectedPurchasesNewCustomer(double t)
    {
        // (a+b−1)/(a−1) and the bracket change sign together below a = 1; at a = 1 itself take the limit from both sides.
        if (Math.Abs(A - 1) < 1e-9)
            return ((this with { A = 1 + 1e-6 }).ExpectedPurchasesNewCustomer(t) + (this with { A = 1 - 1e-6 }).ExpectedPurchasesNewCustomer(t)) / 2;
        var hyper = Hypergeometric2F1(R, B, A + B - 1, t / (Alpha + t));
        return (A + B - 1) / (A - 1) * (1 - Math.Pow(Alpha / (Alpha + t), R) * hyper);
    }

    /// <summary>P(X(t) = n): the probability that a new customer makes exactly n purchases in its first t time units (eq. 8 of the paper).</summary>
    public double ProbabilityOfPurchases(double t, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var logBeta = LogBeta(A, B);
        var logAlpha = Math.Log(Alpha / (Alpha + t));
        var logT = Math.Log(t / (Alpha + t));
        var first = Math.Exp(LogBeta(A, B + n) - logBeta + LogGamma(R + n) - LogGamma(R) - LogGamma(n + 1) + R * logAlpha + n * logT);
        if (n == 0) return first;
        var sum = 0.0;
        for (var j = 0; j < n; j++) sum += Math.Exp(LogGamma(R + j) - LogGamma(R) - LogGamma(j + 1) + j * logT);
        // 1 − Σ cancels to rounding noise far in the tail, where the true value is below 1e-16: keep it non-negative.
        var second = Math.Exp(LogBeta(A + 1, B + n - 1) - logBeta) * Math.Max(0, 1 - Math.Exp(R * logAlpha) * sum);
        return first + second;
    }
}
