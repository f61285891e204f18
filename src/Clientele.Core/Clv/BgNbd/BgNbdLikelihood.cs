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
/// </summary>
internal static class BgNbdLikelihood
{
    /// <summary>ln L for one customer; adds weight × ∂ln L/∂(r, α, a, b) to <paramref name="gradient"/>.</summary>
    public static double LogLikelihood(double x, double tx, double T, double weight, ReadOnlySpan<double> p, Span<double> gradient)
    {
        double r = p[0], alpha = p[1], a = p[2], b = p[3];
        var a1 = LogGamma(r + x) - LogGamma(r) + r * Math.Log(alpha);
        var a2 = LogGamma(a + b) + LogGamma(b + x) - LogGamma(b) - LogGamma(a + b + x);
        var a3 = -(r + x) * Math.Log(alpha + T);
        double w3 = 1, w4 = 0, mix = a3;
        if (x > 0)
        {
            var a4 = Math.Log(a) - Math.Log(b + x - 1) - (r + x) * Math.Log(alpha + tx);
            mix = LogSumExp(a3, a4);
            w3 = Math.Exp(a3 - mix);
            w4 = Math.Exp(a4 - mix);
        }
        var dr = Digamma(r + x) - Digamma(r) + Math.Log(alpha) - w3 * Math.Log(alpha + T) - (x > 0 ? w4 * Math.Log(alpha + tx) : 0);
        var dalpha = r / alpha - w3 * (r + x) / (alpha + T) - (x > 0 ? w4 * (r + x) / (alpha + tx) : 0);
        var common = Digamma(a + b) - Digamma(a + b + x);
        var da = common + (x > 0 ? w4 / a : 0);
        var db = common + Digamma(b + x) - Digamma(b) - (x > 0 ? w4 / (b + x - 1) : 0);
        gradient[0] += weight * dr;
        gradient[1] += weight * dalpha;
        gradient[2] += weight * da;
        gradient[3] += weight * db;
        return weight * (a1 + a2 + mix);
    }
}
