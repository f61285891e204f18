using static Clientele.Clv.SpecialFunctions;

namespace Clientele.Clv.BgNbd;

/// <summary>
/// The BG/NBD log-likelihood of one customer (Fader, Hardie &amp; Lee 2005, "Counting your customers the
/// easy way", eq. 6) and its gradient, in log-sum-exp form so that hundreds of purchases over years stay finite:
/// <code>
/// ln L = A1 + A2 + ln(e^A3 + δ(x>0) e^A4)
/// A1 = lnΓ(r+x) − lnΓ(r) + r ln α
/// A2 = lnΓ(a+b) + lnΓ(b+x) − lnΓ(b) − lnΓ(a+b+x)
/// A3 = −(r+x) ln(α+T)
/// A4 = ln a − ln(b+x−1) − (r+x) ln(α+t_x)
/// </code>
/// The gamma and digamma parts depend on x alone, so they are computed once per distinct frequency
/// (<see cref="Terms"/>) and each row adds only logarithms.
/// </summary>
internal static class BgNbdLikelihood
{
    /// <summary>The parts of one frequency's likelihood and gradient that do not depend on t_x or T.</summary>
    internal readonly record struct Terms(double Gammas, double DigammaR, double DigammaA, double DigammaB, double LogDropout)
    {
        public static Terms For(double x, ReadOnlySpan<double> p)
        {
            double r = p[0], a = p[2], b = p[3];
            var common = Digamma(a + b) - Digamma(a + b + x);
            return new Terms(
                LogGamma(r + x) - LogGamma(r) + LogGamma(a + b) + LogGamma(b + x) - LogGamma(b) - LogGamma(a + b + x),
                Digamma(r + x) - Digamma(r),
                common,
                common + Digamma(b + x) - Digamma(b),
                // ln a − ln(b+x−1): the part of A4 that does not depend on t_x.
                x > 0 ? Math.Log(a) - Math.Log(b + x - 1) : 0);
        }
    }

    /// <summary>ln L for one customer; adds weight × ∂ln L/∂(r, α, a, b) to <paramref name="gradient"/>.</summary>
    public static double LogLikelihood(double x, double tx, double T, double weight, ReadOnlySpan<double> p, Span<double> gradient) =>
        LogLikelihood(x, tx, T, weight, p, Terms.For(x, p), gradient);

    /// <summary>As above, with the frequency's <see cref="Terms"/> computed already.</summary>
    public static double LogLikelihood(double x, double tx, double T, double weight, ReadOnlySpan<double> p, in Terms terms, Span<double> gradient)
    {
        double r = p[0], alpha = p[1], a = p[2], b = p[3];
        var logAlpha = Math.Log(alpha);
        var logT = Math.Log(alpha + T);
        var a3 = -(r + x) * logT;
        double w3 = 1, w4 = 0, mix = a3, logTx = 0;
        if (x > 0)
        {
            logTx = Math.Log(alpha + tx);
            var a4 = terms.LogDropout - (r + x) * logTx;
            // ln(e^A3 + e^A4) and the two shares from one exponential: e = e^−|A4−A3|.
            var e = Math.Exp(-Math.Abs(a4 - a3));
            mix = Math.Max(a3, a4) + LogP1(e);
            var larger = 1 / (1 + e);
            w4 = a4 > a3 ? larger : 1 - larger;
            w3 = 1 - w4;
        }
        gradient[0] += weight * (terms.DigammaR + logAlpha - w3 * logT - w4 * logTx);
        gradient[1] += weight * (r / alpha - w3 * (r + x) / (alpha + T) - (x > 0 ? w4 * (r + x) / (alpha + tx) : 0));
        gradient[2] += weight * (terms.DigammaA + (x > 0 ? w4 / a : 0));
        gradient[3] += weight * (terms.DigammaB - (x > 0 ? w4 / (b + x - 1) : 0));
        return weight * (terms.Gammas + r * logAlpha + mix);
    }
}
