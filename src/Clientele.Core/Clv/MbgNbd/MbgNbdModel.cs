using Clientele.Clv.BgNbd;
using Clientele.Clv.Fitting;
using static Clientele.Clv.SpecialFunctions;

namespace Clientele.Clv.MbgNbd;

/// <summary>
/// The MBG/NBD model (Batislam, Denizel &amp; Filiztekin 2007): BG/NBD where a customer may drop out at
/// each purchase including the first, so a one-time buyer can already be gone. Purchase rate
/// λ ~ Gamma(r, α) in the data's time unit; dropout probability p ~ Beta(a, b).
/// </summary>
/// <param name="R">r, the shape of the purchase-rate distribution.</param>
/// <param name="Alpha">α, its scale, in the data's time unit.</param>
/// <param name="A">a of the dropout-probability Beta distribution.</param>
/// <param name="B">b of the dropout-probability Beta distribution.</param>
public sealed record MbgNbdModel(double R, double Alpha, double A, double B) : IRepeatPurchaseModel
{
    /// <summary>The parameter names, as in the paper.</summary>
    public static readonly IReadOnlyList<string> ParameterNames = ["r", "alpha", "a", "b"];

    /// <summary>The report of the fit that produced this model, or null for a model made from given parameters.</summary>
    public FitReport? Report { get; init; }

    /// <summary>Fits the model by maximum likelihood (the options are those of BG/NBD). Throws <see cref="ClvDataException"/> without repeat buyers.</summary>
    public static MbgNbdModel Fit(RepeatPurchases data, BgNbdFitOptions? options = null)
    {
        var o = options ?? new BgNbdFitOptions();
        if (data.Rows == 0) throw new ClvDataException("there are no customers to fit.");
        if (!data.HasRepeatBuyers())
            throw new ClvDataException("no customer made a repeat purchase, so the MBG/NBD model cannot be fitted: use a longer calibration period, or the rule-based classification.");
        var rows = o.Compress ? data.Compress() : data;
        var meanAge = 0.0;
        for (var i = 0; i < rows.Rows; i++) meanAge += rows.Age[i] * rows.Weight[i];
        meanAge /= rows.Customers;
        var (p, report) = MaximumLikelihood.Fit(ParameterNames, [1, Math.Max(meanAge, 1e-3), 1, 1],
            (parameters, gradient) =>
            {
                var value = Sum(rows, parameters, gradient);
                for (var k = 0; k < gradient.Length; k++) gradient[k] = -gradient[k];
                return -value;
            },
            rows.Customers, rows.Rows, o.Penalty, o.Budget);
        return new MbgNbdModel(p[0], p[1], p[2], p[3]) { Report = report };
    }

    /// <summary>The weighted log-likelihood of the data under these parameters.</summary>
    public double LogLikelihood(RepeatPurchases data) => Sum(data, [R, Alpha, A, B], new double[4]);

    private static double Sum(RepeatPurchases data, ReadOnlySpan<double> p, Span<double> gradient)
    {
        var x = data.Frequency.ToArray();
        var tx = data.Recency.ToArray();
        var t = data.Age.ToArray();
        var w = data.Weight.ToArray();
        return WeightedSum.Sum(data.Rows, p, gradient, (i, q, g) => MbgNbdLikelihood.LogLikelihood(x[i], tx[i], t[i], w[i], q, g));
    }

    /// <summary>P(alive | x, t_x, T) = 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^(r+x)); below 1 even without repeat purchases.</summary>
    public void ProbabilityAlive(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, Span<double> destination)
    {
        for (var i = 0; i < frequency.Length; i++)
        {
            double x = frequency[i], tx = recency[i], T = age[i];
            destination[i] = 1 / (1 + Math.Exp(Math.Log(A) - Math.Log(B + x) + (R + x) * (Math.Log(Alpha + T) - Math.Log(Alpha + tx))));
        }
    }

    /// <summary>
    /// E[Y(t) | x, t_x, T] = (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x+1; a+b+x; t/(α+T+t))] / (1 + a/(b+x) · ((α+T)/(α+t_x))^(r+x)).
    /// </summary>
    public void ExpectedPurchases(double t, ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, Span<double> destination)
    {
        for (var i = 0; i < frequency.Length; i++)
        {
            double x = frequency[i], tx = recency[i], T = age[i];
            var hyper = Hypergeometric2F1(R + x, B + x + 1, A + B + x, t / (Alpha + T + t));
            var first = (A + B + x) / (A - 1) * (1 - Math.Exp((R + x) * (Math.Log(Alpha + T) - Math.Log(Alpha + T + t))) * hyper);
            var alive = 1 + Math.Exp(Math.Log(A) - Math.Log(B + x) + (R + x) * (Math.Log(Alpha + T) - Math.Log(Alpha + tx)));
            destination[i] = first / alive;
        }
    }

    /// <summary>
    /// P(X(t) = n) for a new customer: alive after n purchases with probability E[(1−p)^(n+1)] = B(a, b+n+1)/B(a, b),
    /// or gone right after the n-th (the first included) with E[p(1−p)^n] = B(a+1, b+n)/B(a, b) having bought at least n:
    /// <c>B(a,b+n+1)/B(a,b)·NBD(n) + B(a+1,b+n)/B(a,b)·(1 − Σ_{j&lt;n} NBD(j))</c>, NBD(j) the count distribution
    /// Γ(r+j)/(Γ(r) j!) (α/(α+t))^r (t/(α+t))^j of the Gamma-Poisson mixture.
    /// </summary>
    public double ProbabilityOfPurchases(double t, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var logBeta = LogBeta(A, B);
        var logAlpha = Math.Log(Alpha / (Alpha + t));
        var logT = Math.Log(t / (Alpha + t));
        double Nbd(int j) => Math.Exp(LogGamma(R + j) - LogGamma(R) - LogGamma(j + 1) + R * logAlpha + j * logT);
        var below = 0.0;
        for (var j = 0; j < n; j++) below += Nbd(j);
        // 1 − Σ cancels to rounding noise far in the tail, where the true value is below 1e-16: keep it non-negative.
        return Math.Exp(LogBeta(A, B + n + 1) - logBeta) * Nbd(n) + Math.Exp(LogBeta(A + 1, B + n) - logBeta) * Math.Max(0, 1 - below);
    }

    /// <summary>E[X(t)] = b/(a−1) · [1 − (α/(α+t))^r · ₂F₁(r, b+1; a+b; t/(α+t))]: the expected purchases of a new customer in its first t time units.</summary>
    public double ExpectedPurchasesNewCustomer(double t)
    {
        var hyper = Hypergeometric2F1(R, B + 1, A + B, t / (Alpha + t));
        return B / (A - 1) * (1 - Math.Pow(Alpha / (Alpha + t), R) * hyper);
    }
}
