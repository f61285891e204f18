using static Clientele.Clv.SpecialFunctions;

namespace Clientele.Clv.ParetoNbd;

/// <summary>
/// The Pareto/NBD log-likelihood of one customer (Schmittlein, Morrison &amp; Colombo 1987; Fader &amp; Hardie 2005,
/// "A Note on Deriving the Pareto/NBD Model and Related Expressions", the likelihood with A0) and its analytic
/// gradient, in log space so that hundreds of purchases over years stay finite:
/// <code>
/// ln L = A1 + ln(e^A2 + e^A3)
/// A1 = lnΓ(r+x) − lnΓ(r) + r ln α + s ln β
/// A2 = −(r+x) ln(α+T) − s ln(β+T)                      (alive at T)
/// A3 = ln s + ln[I(t_x) − I(T)] = ln s − ln(r+s+x) + ln A0   (died between t_x and T)
/// I(y) = ∫_y^∞ (α+τ)^−(r+x) (β+τ)^−(s+1) dτ = ₂F₁(a, b; a+1; |α−β|/(m+y)) / (a (m+y)^a),   a = r+s+x,
///        m = α, b = s+1 when α ≥ β and m = β, b = r+x when α &lt; β (the note's two branches, 0 ≤ z &lt; 1)
/// </code>
/// </summary>
/// <remarks>
/// ₂F₁ is summed here in Euler's form (DLMF 15.8.1), which for c = a + 1 is (1 − z)^(1−b) Σ (a+1−b)ₙ/(a+1)ₙ zⁿ
/// with a+1−b = r+x or s+1: every term is positive and below zⁿ, so the sum never overflows or cancels, and
/// ln I(y) is (1−r−x) ln(α+y) − (s+1) ln(β+y) − ln a + ln S for α &lt; β, −(r+x) ln(α+y) − s ln(β+y) − ln a + ln S
/// for α ≥ β. The same pass sums S's derivatives in r, s (digamma differences, as running harmonic sums) and z,
/// so the gradient is analytic, not by differences. I(t_x) − I(T) is taken with <see cref="LogDiffExp"/>.
/// The series costs about 37/(1 − z) terms per I, and z = |α−β|/(max(α, β) + y) approaches 1 when α and β are
/// orders of magnitude apart (an optimiser exploring a degenerate fit, or times of 1e6 beside rates of 1e-3): a
/// million terms per customer per step made such fits run for minutes. So where z(t_x) exceeds
/// <see cref="SlowSeries"/> the difference I(t_x) − I(T) = ∫_{t_x}^T (α+τ)^−(r+x) (β+τ)^−(s+1) dτ is integrated
/// directly instead, with its gradient (the integrand differentiated under the integral sign), by adaptive
/// Gauss-Legendre quadrature in v = ln(min(α, β) + τ), where the integrand is log-concave with a peak found in
/// closed form: a bounded cost at any z, to 1e-12 relative.
/// </remarks>
internal static class ParetoNbdLikelihood
{
    private const int MaxTerms = 1_000_000;

    /// <summary>Beyond this z the series needs more than ~400 terms and the death integral is integrated directly.</summary>
    private const double SlowSeries = 0.9;

    /// <summary>ln L for one customer; adds weight × ∂ln L/∂(r, α, s, β) to <paramref name="gradient"/>.</summary>
    public static double LogLikelihood(double x, double tx, double T, double weight, ReadOnlySpan<double> p, Span<double> gradient)
    {
        double r = p[0], alpha = p[1], s = p[2], beta = p[3];
        Span<double> atT = stackalloc double[5];
        atT[0] = double.NaN; // not known: LogDeathIntegral computes ln I(T) itself
        return LogLikelihood(x, tx, T, weight, r, alpha, s, beta, LogGamma(r + x), LogGamma(r), Digamma(r + x), Digamma(r), atT, gradient);
    }

    /// <summary>
    /// The weighted log-likelihood of every row of <paramref name="data"/>, its gradient in <paramref name="gradient"/>: the
    /// per-row terms of <see cref="LogLikelihood(double, double, double, double, ReadOnlySpan{double}, Span{double})"/>, with
    /// what depends on x alone (the gamma and digamma terms) computed once per distinct x and ln I(T) with its derivatives
    /// once per distinct (x, T) — at a million customers 624 and 98,286 of 651,322 rows —, so every double is the one the
    /// per-row form gives, in the same order of operations, at about half the cost.
    /// </summary>
    public static double Sum(RepeatPurchases data, ReadOnlySpan<double> p, Span<double> gradient)
    {
        double r = p[0], alpha = p[1], s = p[2], beta = p[3];
        var (frequencies, frequencyOf) = data.DistinctFrequencies();
        var (pairFrequency, pairAge, pairLastRecency, pairOf) = data.DistinctFrequencyAges();
        var logGamma = new double[frequencies.Length];
        var digamma = new double[frequencies.Length];
        for (var k = 0; k < frequencies.Length; k++)
        {
            logGamma[k] = LogGamma(r + frequencies[k]);
            digamma[k] = Digamma(r + frequencies[k]);
        }
        var (logGammaR, digammaR) = (LogGamma(r), Digamma(r));
        // ln I(T) and its four derivatives per (x, T), where a row of the pair sums the series (LogDeathIntegral): z falls as
        // t_x grows, so where it does at the pair's last t_x below T. Elsewhere NaN, never summed: z(T) may then be so close
        // to 1 that the series would take a million terms, which is why those rows are integrated directly.
        var atT = new double[pairAge.Length * 5];
        Parallel.For(0, (pairAge.Length + PairChunk - 1) / PairChunk, c =>
        {
            Span<double> derivatives = stackalloc double[4];
            for (int j = c * PairChunk, end = Math.Min(pairAge.Length, j + PairChunk); j < end; j++)
            {
                var last = pairLastRecency[j];
                if (double.IsNaN(last) || Math.Abs(alpha - beta) / (Math.Max(alpha, beta) + last) > SlowSeries)
                {
                    atT[j * 5] = double.NaN;
                    continue;
                }
                atT[j * 5] = LogI(pairFrequency[j], pairAge[j], r, alpha, s, beta, derivatives);
                derivatives.CopyTo(atT.AsSpan(j * 5 + 1, 4));
            }
        });
        var (x, tx, t, w) = (data.FrequencyColumn, data.RecencyColumn, data.AgeColumn, data.WeightColumn);
        return Fitting.WeightedSum.Sum(data.Rows, p, gradient, (i, _, g) =>
            LogLikelihood(x[i], tx[i], t[i], w[i], r, alpha, s, beta, logGamma[frequencyOf[i]], logGammaR, digamma[frequencyOf[i]], digammaR,
                atT.AsSpan(pairOf[i] * 5, 5), g));
    }

    private const int PairChunk = 2_048;

    /// <summary>
    /// One row's term from the parts that do not depend on t_x: lnΓ(r+x), lnΓ(r), ψ(r+x), ψ(r), and ln I(T) with its
    /// derivatives (<paramref name="atT"/>; its first value NaN when not known).
    /// </summary>
    private static double LogLikelihood(double x, double tx, double T, double weight, double r, double alpha, double s, double beta,
        double logGammaRx, double logGammaR, double digammaRx, double digammaR, ReadOnlySpan<double> atT, Span<double> gradient)
    {
        var a1 = logGammaRx - logGammaR + r * Math.Log(alpha) + s * Math.Log(beta);
        var a2 = -(r + x) * Math.Log(alpha + T) - s * Math.Log(beta + T);
        Span<double> d3 = stackalloc double[4];
        var a3 = Math.Log(s) + LogDeathIntegral(x, tx, T, r, alpha, s, beta, d3, atT);
        d3[2] += 1 / s;
        var mix = LogSumExp(a2, a3);
        var w2 = Math.Exp(a2 - mix);
        var w3 = double.IsNegativeInfinity(a3) ? 0 : Math.Exp(a3 - mix);
        gradient[0] += weight * (digammaRx - digammaR + Math.Log(alpha) - w2 * Math.Log(alpha + T) + w3 * d3[0]);
        gradient[1] += weight * (r / alpha - w2 * (r + x) / (alpha + T) + w3 * d3[1]);
        gradient[2] += weight * (Math.Log(beta) - w2 * Math.Log(beta + T) + w3 * d3[2]);
        gradient[3] += weight * (s / beta - w2 * s / (beta + T) + w3 * d3[3]);
        return weight * (a1 + mix);
    }

    /// <summary>
    /// ln[(α+T)^(r+x) (β+T)^s · s (I(t_x) − I(T))]: the log-odds that the customer died between t_x and T rather
    /// than being alive at T (the ratio of the two terms of L); −∞ when t_x = T.
    /// </summary>
    public static double LogOddsDead(double x, double tx, double T, double r, double alpha, double s, double beta) =>
        Math.Log(s) + LogDeathIntegral(x, tx, T, r, alpha, s, beta, stackalloc double[4], [double.NaN]) + (r + x) * Math.Log(alpha + T) + s * Math.Log(beta + T);

    /// <summary>
    /// ln[I(t_x) − I(T)] (= ln A0 − ln(r+s+x)); writes its derivatives in (r, α, s, β) to <paramref name="gradient"/>.
    /// <paramref name="known"/> is ln I(T) and its four derivatives when already computed, else a first value of NaN.
    /// </summary>
    private static double LogDeathIntegral(double x, double tx, double T, double r, double alpha, double s, double beta, Span<double> gradient, ReadOnlySpan<double> known)
    {
        if (!(T > tx))
        {
            gradient.Clear();
            return double.NegativeInfinity;
        }
        if (Math.Abs(alpha - beta) / (Math.Max(alpha, beta) + tx) > SlowSeries) return LogIntegral(x, tx, T, r, alpha, s, beta, gradient);
        Span<double> atTx = stackalloc double[4];
        Span<double> atT = stackalloc double[4];
        var upper = LogI(x, tx, r, alpha, s, beta, atTx);
        double lower;
        if (double.IsNaN(known[0]))
        {
            lower = LogI(x, T, r, alpha, s, beta, atT);
        }
        else
        {
            lower = known[0];
            known.Slice(1, 4).CopyTo(atT);
        }
        // I falls with y, so I(t_x) > I(T); within rounding of each other the term is negligible beside e^A2.
        if (!(upper > lower))
        {
            gradient.Clear();
            return double.IsNaN(upper) || double.IsNaN(lower) ? double.NaN : double.NegativeInfinity;
        }
        var omega = Math.Exp(lower - upper);
        for (var k = 0; k < 4; k++) gradient[k] = (atTx[k] - omega * atT[k]) / (1 - omega);
        return LogDiffExp(upper, lower);
    }

    /// <summary>
    /// ln ∫_from^to (α+τ)^−(r+x) (β+τ)^−(s+1) dτ and its derivatives in (r, α, s, β), by quadrature in v = ln(c + τ),
    /// c = min(α, β): there the integrand is g(v) = e^((1−p)v) (d + e^v)^−q, with d = |α−β|, p the exponent of the
    /// smaller of α+τ, β+τ and q of the larger; ln g is concave, so it is scaled by its maximum (where
    /// 1 − p = q e^v/(d + e^v), clamped to the interval) and neither overflows nor underflows where it matters.
    /// </summary>
    private static double LogIntegral(double x, double from, double to, double r, double alpha, double s, double beta, Span<double> gradient)
    {
        var c = Math.Min(alpha, beta);
        var d = Math.Abs(alpha - beta);
        var alphaLow = alpha <= beta;
        var (p, q) = alphaLow ? (r + x, s + 1) : (s + 1, r + x);
        double v0 = Math.Log(c + from), v1 = Math.Log(c + to);
        if (!double.IsFinite(v0) || !double.IsFinite(v1) || !double.IsFinite(d) || !double.IsFinite(p + q))
        {
            gradient.Clear();
            return double.NaN;
        }
        var sigma = (1 - p) / q;
        var peak = sigma <= 0 ? v0 : sigma >= 1 ? v1 : Math.Clamp(Math.Log(d * sigma / (1 - sigma)), v0, v1);
        var reference = (1 - p) * peak - q * Math.Log(d + Math.Exp(peak));
        var integrals = new double[5];
        // Panels of at most 2 in v, split at the peak, so a narrow peak is never stepped over by the first rule.
        var breaks = new List<double> { v0 };
        foreach (var (start, end) in new[] { (v0, peak), (peak, v1) })
        {
            var pieces = (int)Math.Min(64, Math.Ceiling((end - start) / 2));
            for (var k = 1; k <= pieces; k++) breaks.Add(k == pieces ? end : start + k * (end - start) / pieces);
        }
        Fitting.Quadrature.Integrate((v, values) =>
        {
            var low = Math.Exp(v);
            var high = d + low;
            var logHigh = Math.Log(high);
            var g = Math.Exp((1 - p) * v - q * logHigh - reference);
            var (logA, logB, A, B) = alphaLow ? (v, logHigh, low, high) : (logHigh, v, high, low);
            values[0] = g;
            values[1] = -logA * g;
            values[2] = -(r + x) / A * g;
            values[3] = -logB * g;
            values[4] = -(s + 1) / B * g;
        }, 5, breaks.ToArray(), integrals);
        if (!(integrals[0] > 0))
        {
            gradient.Clear();
            return double.NegativeInfinity;
        }
        for (var k = 0; k < 4; k++) gradient[k] = integrals[k + 1] / integrals[0];
        return reference + Math.Log(integrals[0]);
    }

    /// <summary>ln I(y) and its derivatives in (r, α, s, β), by the Euler-form series of the class remarks.</summary>
    private static double LogI(double x, double y, double r, double alpha, double s, double beta, Span<double> gradient)
    {
        var a = r + s + x;
        var below = alpha < beta;
        // The numerator parameter of the Euler-form series: s+1 in the α < β branch, r+x in the other.
        var q = below ? s + 1 : r + x;
        var z = below ? (beta - alpha) / (beta + y) : (alpha - beta) / (alpha + y);
        // Σ tₙ with tₙ = (q)ₙ/(a+1)ₙ zⁿ; Σ tₙ Hₙ(a+1) and Σ tₙ Hₙ(q), Hₙ(c) = Σ_{k<n} 1/(c+k) = ψ(c+n) − ψ(c);
        // Σ n (q)ₙ/(a+1)ₙ zⁿ⁻¹ = dS/dz.
        if (!double.IsFinite(z) || !double.IsFinite(a + q)) return double.NaN;
        double sum = 1, sumA = 0, sumQ = 0, sumZ = 0;
        double coefficient = 1, power = 1, harmonicQ = 0, harmonicA = 0;
        for (var n = 1; ; n++)
        {
            if (n == MaxTerms) return double.NaN;
            coefficient *= (q + n - 1) / (a + n);
            harmonicQ += 1 / (q + n - 1);
            harmonicA += 1 / (a + n);
            sumZ += n * coefficient * power;
            power *= z;
            var term = coefficient * power;
            sum += term;
            sumA -= term * harmonicA;
            sumQ += term * harmonicQ;
            // Successive terms shrink by more than z, so the tail is below term / (1 − z).
            if (term <= 1e-17 * sum * (1 - z)) break;
        }
        var logS = Math.Log(sum);
        double dr, ds, dalpha, dbeta;
        var dLogSdz = sumZ / sum;
        if (below)
        {
            dr = -Math.Log(alpha + y) - 1 / a + sumA / sum;
            ds = -Math.Log(beta + y) - 1 / a + (sumA + sumQ) / sum;
            dalpha = (1 - r - x) / (alpha + y) - dLogSdz / (beta + y);
            dbeta = -(s + 1) / (beta + y) + dLogSdz * (alpha + y) / ((beta + y) * (beta + y));
            gradient[0] = dr; gradient[1] = dalpha; gradient[2] = ds; gradient[3] = dbeta;
            return (1 - r - x) * Math.Log(alpha + y) - (s + 1) * Math.Log(beta + y) - Math.Log(a) + logS;
        }
        dr = -Math.Log(alpha + y) - 1 / a + (sumA + sumQ) / sum;
        ds = -Math.Log(beta + y) - 1 / a + sumA / sum;
        dalpha = -(r + x) / (alpha + y) + dLogSdz * (beta + y) / ((alpha + y) * (alpha + y));
        dbeta = -s / (beta + y) - dLogSdz / (alpha + y);
        gradient[0] = dr; gradient[1] = dalpha; gradient[2] = ds; gradient[3] = dbeta;
        return -(r + x) * Math.Log(alpha + y) - s * Math.Log(beta + y) - Math.Log(a) + logS;
    }
}
