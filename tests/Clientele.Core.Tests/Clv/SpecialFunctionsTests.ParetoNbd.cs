using Clientele.Clv;

namespace Clientele.Core.Tests.Clv;

public sealed partial class SpecialFunctionsTests
{
    // The heavy buyers of data/README.md at r 0.5143, α 2.8845, s 0.2856, β 14.1087 (α < β).
    private const double R = 0.5143, Alpha = 2.8845, S = 0.2856, Beta = 14.1087;

    public static TheoryData<double, double, double> HeavyBuyers => new()
    {
        { 221, 103.43, 103.57 },
        { 254, 97.14, 97.29 },
        { 161, 94.71, 98.00 },
        { 204, 98.57, 99.43 },
    };

    [Theory]
    [MemberData(nameof(HeavyBuyers))]
    public void Hypergeometric_terms_of_the_Pareto_NBD_likelihood_are_finite_positive_and_match_quadrature(double x, double tx, double T)
    {
        var a = R + S + x;
        foreach (var y in new[] { tx, T })
        {
            // The note's α < β branch: F(r + s + x, r + x; r + s + x + 1; (β − α)/(β + y)).
            AssertMatchesQuadrature(a, R + x, (Beta - Alpha) / (Beta + y));
            // The α >= β branch's F(r + s + x, s + 1; …) at the same z, and at its own z = (α − β)/(α + y) < 0.
            AssertMatchesQuadrature(a, S + 1, (Beta - Alpha) / (Beta + y));
            AssertMatchesQuadrature(a, S + 1, (Alpha - Beta) / (Alpha + y));
        }

        static void AssertMatchesQuadrature(double a, double b, double z)
        {
            var value = SpecialFunctions.Hypergeometric2F1(a, b, a + 1, z);
            var log = SpecialFunctions.LogHypergeometric2F1(a, b, a + 1, z);
            Assert.True(double.IsFinite(value) && value > 0, $"2F1({a}, {b}; {a + 1}; {z}) = {value}");
            AssertRelative(EulerIntegralWithCEqualToAPlusOne(a, b, z), value, 1e-8);
            AssertAbsolute(Math.Log(value), log, 1e-13 * (1 + Math.Abs(log)));
        }
    }

    [Theory]
    [MemberData(nameof(HeavyBuyers))]
    public void Both_branches_of_the_Pareto_NBD_A0_term_give_the_same_log_value(double x, double tx, double T)
    {
        var a = R + S + x;
        var logTerms = new double[2];
        var ys = new[] { tx, T };
        for (var k = 0; k < 2; k++)
        {
            var y = ys[k];
            // ln[F(a, r + x; a + 1; (β − α)/(β + y)) / (β + y)^a]: the note's branch for α < β.
            var alphaBelowBeta = -a * Math.Log(Beta + y) + SpecialFunctions.LogHypergeometric2F1(a, R + x, a + 1, (Beta - Alpha) / (Beta + y));
            // ln[F(a, s + 1; a + 1; (α − β)/(α + y)) / (α + y)^a]: the α >= β branch continued to z < 0.
            var alphaAboveBeta = -a * Math.Log(Alpha + y) + SpecialFunctions.LogHypergeometric2F1(a, S + 1, a + 1, (Alpha - Beta) / (Alpha + y));

            // They are one Pfaff transformation apart; (β + y)^−a alone is ~1e-450, far below double range.
            Assert.True(double.IsFinite(alphaBelowBeta) && alphaBelowBeta < -700);
            AssertAbsolute(alphaBelowBeta, alphaAboveBeta, 1e-13 * Math.Abs(alphaBelowBeta));
            logTerms[k] = alphaAboveBeta;
        }

        // A0 is the difference of the terms at t_x and at T: finite in log space.
        var logA0 = SpecialFunctions.LogDiffExp(logTerms[0], logTerms[1]);
        Assert.True(double.IsFinite(logA0) && logA0 < logTerms[0]);
    }

    /// <summary>
    /// ₂F₁(a, b; a + 1; z) = a ∫₀¹ t^(a−1) (1 − z t)^−b dt (Euler's integral with c − a = 1), written with
    /// u = tᵃ as ∫₀¹ (1 − z u^(1/a))^−b du and integrated by adaptive 16-point Gauss–Legendre.
    /// </summary>
    private static double EulerIntegralWithCEqualToAPlusOne(double a, double b, double z) =>
        AdaptiveGaussLegendre(u => Math.Exp(-b * SpecialFunctions.LogP1(-z * Math.Pow(u, 1 / a))), 0, 1, 1e-13);

    private static readonly (double[] Nodes, double[] Weights) GaussLegendre16 = GaussLegendreRule(16);

    private static double AdaptiveGaussLegendre(Func<double, double> f, double low, double high, double relativeTolerance)
    {
        var whole = GaussLegendre(f, low, high);
        return Refine(low, high, whole, relativeTolerance * Math.Abs(whole), 0);

        double Refine(double lo, double hi, double estimate, double tolerance, int depth)
        {
            var mid = 0.5 * (lo + hi);
            var left = GaussLegendre(f, lo, mid);
            var right = GaussLegendre(f, mid, hi);
            var refined = left + right;
            // The floor stops refinement where the two estimates differ only by rounding.
            if (depth >= 60 || Math.Abs(refined - estimate) <= Math.Max(tolerance, 1e-14 * Math.Abs(refined)))
            {
                return refined;
            }

            return Refine(lo, mid, left, tolerance / 2, depth + 1) + Refine(mid, hi, right, tolerance / 2, depth + 1);
        }
    }

    private static double GaussLegendre(Func<double, double> f, double low, double high)
    {
        var (nodes, weights) = GaussLegendre16;
        var half = 0.5 * (high - low);
        var centre = 0.5 * (high + low);
        var sum = 0.0;
        for (var i = 0; i < nodes.Length; i++)
        {
            sum += weights[i] * f(centre + half * nodes[i]);
        }

        return half * sum;
    }

    /// <summary>Nodes and weights of the n-point Gauss–Legendre rule, by Newton's method on Pₙ.</summary>
    private static (double[] Nodes, double[] Weights) GaussLegendreRule(int n)
    {
        var nodes = new double[n];
        var weights = new double[n];
        for (var i = 0; i < n; i++)
        {
            var x = Math.Cos(Math.PI * (i + 0.75) / (n + 0.5));
            double derivative = 0;
            for (var iteration = 0; iteration < 100; iteration++)
            {
                double previous = 1, current = x;
                for (var k = 2; k <= n; k++)
                {
                    var next = ((2 * k - 1) * x * current - (k - 1) * previous) / k;
                    previous = current;
                    current = next;
                }

                derivative = n * (x * current - previous) / (x * x - 1);
                var step = current / derivative;
                x -= step;
                if (Math.Abs(step) < 1e-16)
                {
                    break;
                }
            }

            nodes[i] = x;
            weights[i] = 2 / ((1 - x * x) * derivative * derivative);
        }

        return (nodes, weights);
    }
}
