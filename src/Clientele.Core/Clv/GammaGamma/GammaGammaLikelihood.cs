using static Clientele.Clv.SpecialFunctions;

namespace Clientele.Clv.GammaGamma;

/// <summary>
/// The Gamma-Gamma log-likelihood of one repeat buyer's average spend m_x over x transactions (Fader &amp;
/// Hardie 2013, "The Gamma-Gamma Model of Monetary Value": the density of the mean spend z̄ = m_x given x) and its analytic gradient:
/// <code>
/// ln f = lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln γ + (px−1) ln m_x + px ln x − (px+q) ln(x m_x + γ)
/// </code>
/// </summary>
internal static class GammaGammaLikelihood
{
    /// <summary>Weight × ln f for one row (x &gt; 0, m &gt; 0); adds weight × ∂ln f/∂(p, q, γ) to <paramref name="gradient"/>.</summary>
    public static double LogLikelihood(double x, double m, double weight, ReadOnlySpan<double> parameters, Span<double> gradient)
    {
        double p = parameters[0], q = parameters[1], gamma = parameters[2];
        var px = p * x;
        var logM = Math.Log(m);
        var logX = Math.Log(x);
        var logTotal = Math.Log(x * m + gamma);
        var value = LogGamma(px + q) - LogGamma(px) - LogGamma(q) + q * Math.Log(gamma)
            + (px - 1) * logM + px * logX - (px + q) * logTotal;
        var psiSum = Digamma(px + q);
        gradient[0] += weight * x * (psiSum - Digamma(px) + logM + logX - logTotal);
        gradient[1] += weight * (psiSum - Digamma(q) + Math.Log(gamma) - logTotal);
        gradient[2] += weight * (q / gamma - (px + q) / (x * m + gamma));
        return weight * value;
    }
}
