using static Clientele.Clv.SpecialFunctions;

namespace Clientele.Clv.MbgNbd;

/// <summary>
/// The MBG/NBD log-likelihood of one customer (Batislam, Denizel &amp; Filiztekin 2007, "Empirical validation
/// and comparison of models for customer base analysis"; the form of lifetimes' ModifiedBetaGeoFitter) and its
/// gradient. As BG/NBD, but a customer may also drop out right after the first purchase:
/// <code>
/// ln L = A1 + A2 + A3 + ln(1 + e^A4)
/// A1 = lnΓ(r+x) − lnΓ(r) + r ln α
/// A2 = lnΓ(a+b) + lnΓ(b+x+1) − lnΓ(b) − lnΓ(a+b+x+1)
/// A3 = −(r+x) ln(α+T)
/// A4 = ln a − ln(b+x) + (r+x)(ln(α+T) − ln(α+t_x))
/// </code>
/// </summary>
internal static class MbgNbdLikelihood
{
    /// <summary>ln L for one customer; adds weight × ∂ln L/∂(r, α, a, b) to <paramref name="gradient"/>.</summary>
    public static double LogLikelihood(double x, double tx, double T, double weight, ReadOnlySpan<double> p, Span<double> gradient)
    {
        double r = p[0], alpha = p[1], a = p[2], b = p[3];
        var logT = Math.Log(alpha + T);
        var logTx = Math.Log(alpha + tx);
        var a1 = LogGamma(r + x) - LogGamma(r) + r * Math.Log(alpha);
        var a2 = LogGamma(a + b) + LogGamma(b + x + 1) - LogGamma(b) - LogGamma(a + b + x + 1);
        var a3 = -(r + x) * logT;
        var a4 = Math.Log(a) - Math.Log(b + x) + (r + x) * (logT - logTx);
        var softplus = LogSumExp(0, a4);
        var sigma = Math.Exp(a4 - softplus);
        var common = Digamma(a + b) - Digamma(a + b + x + 1);
        gradient[0] += weight * (Digamma(r + x) - Digamma(r) + Math.Log(alpha) - logT + sigma * (logT - logTx));
        gradient[1] += weight * (r / alpha - (r + x) / (alpha + T) + sigma * (r + x) * (1 / (alpha + T) - 1 / (alpha + tx)));
        gradient[2] += weight * (common + sigma / a);
        gradient[3] += weight * (common + Digamma(b + x + 1) - Digamma(b) - sigma / (b + x));
        return weight * (a1 + a2 + a3 + softplus);
    }
}
