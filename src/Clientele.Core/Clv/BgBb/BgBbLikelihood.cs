using static Clientele.Clv.SpecialFunctions;

namespace Clientele.Clv.BgBb;

/// <summary>
/// The BG/BB log-likelihood of one customer (Fader, Hardie &amp; Shang 2010, "Customer-Base Analysis in a
/// Discrete-Time Noncontractual Setting", eq. 7) and its analytic gradient, with the sum in log-sum-exp form
/// so that long histories stay finite:
/// <code>
/// L = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ)
///   + Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α,β) · B(γ+1, δ+t_x+i)/B(γ,δ)
/// </code>
/// Every term is a product of Beta functions, so ∂ln(term)/∂(α, β, γ, δ) is a difference of digammas and the
/// gradient of ln L is their average weighted by each term's share of L.
/// </summary>
internal static class BgBbLikelihood
{
    /// <summary>Weight × ln L for one row; adds weight × ∂ln L/∂(α, β, γ, δ) to <paramref name="gradient"/>.</summary>
    public static double LogLikelihood(double x, double tx, double n, double weight, ReadOnlySpan<double> p, Span<double> gradient)
    {
        double alpha = p[0], beta = p[1], gamma = p[2], delta = p[3];
        var terms = (int)(n - tx) + 1;
        Span<double> logs = terms <= 256 ? stackalloc double[terms] : new double[terms];
        logs[0] = LogBeta(alpha + x, beta + n - x) + LogBeta(gamma, delta + n);
        for (var i = 0; i < terms - 1; i++)
            logs[i + 1] = LogBeta(alpha + x, beta + tx - x + i) + LogBeta(gamma + 1, delta + tx + i);
        var mix = LogSumExp(logs);
        var common = -LogBeta(alpha, beta) - LogBeta(gamma, delta);

        // ∂ln B(a+c, b+d)/∂a = ψ(a+c) − ψ(a+b+c+d), and likewise in b.
        var psiAlphaX = Digamma(alpha + x);
        double dAlpha = 0, dBeta = 0, dGamma = 0, dDelta = 0;
        for (var i = 0; i < terms; i++)
        {
            var share = Math.Exp(logs[i] - mix);
            double y, c, z;
            if (i == 0) (y, c, z) = (n - x, 0, n);
            else (y, c, z) = (tx - x + i - 1, 1, tx + i - 1);
            var psiAb = Digamma(alpha + beta + x + y);
            var psiGd = Digamma(gamma + delta + c + z);
            dAlpha += share * (psiAlphaX - psiAb);
            dBeta += share * (Digamma(beta + y) - psiAb);
            dGamma += share * (Digamma(gamma + c) - psiGd);
            dDelta += share * (Digamma(delta + z) - psiGd);
        }
        var psiAlphaBeta = Digamma(alpha + beta);
        var psiGammaDelta = Digamma(gamma + delta);
        gradient[0] += weight * (dAlpha - Digamma(alpha) + psiAlphaBeta);
        gradient[1] += weight * (dBeta - Digamma(beta) + psiAlphaBeta);
        gradient[2] += weight * (dGamma - Digamma(gamma) + psiGammaDelta);
        gradient[3] += weight * (dDelta - Digamma(delta) + psiGammaDelta);
        return weight * (mix + common);
    }

    /// <summary>ln L for one row, without the gradient.</summary>
    public static double LogLikelihood(double x, double tx, double n, ReadOnlySpan<double> p) =>
        LogLikelihood(x, tx, n, 1, p, stackalloc double[4]);
}
