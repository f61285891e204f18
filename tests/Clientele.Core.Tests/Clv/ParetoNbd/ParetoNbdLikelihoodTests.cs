using Clientele.Clv;
using Clientele.Clv.ParetoNbd;

namespace Clientele.Core.Tests.Clv.ParetoNbd;

/// <summary>
/// The likelihood's own Euler-form series (and, where it would converge slowly, its direct quadrature) against the note's
/// formula written with <see cref="SpecialFunctions.LogHypergeometric2F1"/>,
/// and its analytic gradient against central differences.
/// </summary>
public sealed class ParetoNbdLikelihoodTests
{
    public static TheoryData<double, double, double, double, double, double, double> Customers => new()
    {
        // CDNOW-like (α < β), a customer without repeats, one with t_x = T, heavy buyers (α ≪ β), and α ≥ β.
        { 2, 30.43, 38.86, 0.5534, 10.5802, 0.6061, 11.6562 },
        { 0, 0, 38.86, 0.5534, 10.5802, 0.6061, 11.6562 },
        { 3, 20, 20, 0.5534, 10.5802, 0.6061, 11.6562 },
        { 221, 103.43, 103.57, 0.5143, 2.8845, 0.2856, 14.1087 },
        { 161, 94.71, 98.00, 0.5143, 2.8845, 0.2856, 14.1087 },
        { 7, 12.5, 52, 1.7, 40, 0.3, 2.5 },
        { 0, 0, 26, 0.2, 5, 2, 5 },
        // α and β orders of magnitude apart (z(t_x) > 0.9): the death integral is integrated directly, not summed.
        { 1, 0.5, 40, 0.8, 0.01, 0.6, 100 },
        { 4, 2, 30, 1.2, 500, 0.3, 0.05 },
        { 0, 0, 200, 0.5, 0.05, 0.4, 50 },
        { 30, 25, 26, 0.5, 0.02, 0.3, 400 },
    };

    [Theory]
    [MemberData(nameof(Customers))]
    public void The_likelihood_equals_the_note_formula_with_the_library_hypergeometric_function(double x, double tx, double T, double r, double alpha, double s, double beta)
    {
        var value = ParetoNbdLikelihood.LogLikelihood(x, tx, T, 1, [r, alpha, s, beta], new double[4]);
        Assert.Equal(NoteLogLikelihood(x, tx, T, r, alpha, s, beta), value, 1e-10 * (1 + Math.Abs(value)));
    }

    [Theory]
    [MemberData(nameof(Customers))]
    public void The_analytic_gradient_matches_central_differences(double x, double tx, double T, double r, double alpha, double s, double beta)
    {
        double[] p = [r, alpha, s, beta];
        var gradient = new double[4];
        ParetoNbdLikelihood.LogLikelihood(x, tx, T, 1, p, gradient);
        for (var k = 0; k < 4; k++)
        {
            // Relative step 1e-5: truncation ~1e-10 and rounding ~1e-16·|ln L|/1e-5 both far below the 1e-6 asked.
            var h = 1e-5 * p[k];
            double[] up = [.. p], down = [.. p];
            up[k] += h;
            down[k] -= h;
            var numeric = (ParetoNbdLikelihood.LogLikelihood(x, tx, T, 1, up, new double[4]) - ParetoNbdLikelihood.LogLikelihood(x, tx, T, 1, down, new double[4])) / (up[k] - down[k]);
            Assert.Equal(numeric, gradient[k], 1e-6 * (1 + Math.Abs(numeric)));
        }
    }

    public static TheoryData<double, double, double, double> Parameters => new()
    {
        { 0.5534, 10.5802, 0.6061, 11.6562 }, // CDNOW's, α < β
        { 1.7, 40, 0.3, 2.5 },                 // α ≥ β
        { 0.8, 0.01, 0.6, 100 },               // far apart: many rows integrated directly, some pairs never summed
        { 1.2, 500, 0.3, 0.05 },
    };

    [Theory]
    [MemberData(nameof(Parameters))]
    public void The_sum_over_rows_with_what_x_and_T_share_computed_once_is_the_per_row_sum_bit_for_bit(double r, double alpha, double s, double beta)
    {
        // Repeated (x, T) pairs with several t_x each, rows with t_x = T, one-time buyers, some weights.
        var random = new Random(11);
        var (x, tx, t, w) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        for (var i = 0; i < 20_000; i++)
        {
            var age = 1 + random.Next(150);
            var frequency = random.Next(4) == 0 ? 0 : random.Next(1, 40);
            x.Add(frequency);
            t.Add(age);
            // t_x: 0 for a one-time buyer; else T for one in five, else somewhere in (0, T).
            tx.Add(frequency == 0 ? 0 : random.Next(5) == 0 ? age : Math.Min(age, 0.01 + Math.Round(random.NextDouble() * age, 2)));
            w.Add(1 + random.Next(3));
        }
        var data = RepeatPurchases.Create([.. x], [.. tx], [.. t], [.. w]);
        double[] p = [r, alpha, s, beta];

        var gradient = new double[4];
        var value = ParetoNbdLikelihood.Sum(data, p, gradient);

        // The per-row form, summed in the same chunks and order.
        var chunks = new List<(double Value, double[] Gradient)>();
        for (var start = 0; start < data.Rows; start += 4096)
        {
            var (sum, g) = (0.0, new double[4]);
            for (var i = start; i < Math.Min(data.Rows, start + 4096); i++) sum += ParetoNbdLikelihood.LogLikelihood(x[i], tx[i], t[i], w[i], p, g);
            chunks.Add((sum, g));
        }
        var expected = 0.0;
        var expectedGradient = new double[4];
        foreach (var (sum, g) in chunks)
        {
            expected += sum;
            for (var k = 0; k < 4; k++) expectedGradient[k] += g[k];
        }
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(value));
        Assert.Equal(expectedGradient.Select(BitConverter.DoubleToInt64Bits), gradient.Select(BitConverter.DoubleToInt64Bits));
        Assert.True(double.IsFinite(value));
    }

    /// <summary>The note's ln L with A0 = F(a, b; a+1; z(t_x))/(m+t_x)^a − F(a, b; a+1; z(T))/(m+T)^a, branch by α vs β.</summary>
    private static double NoteLogLikelihood(double x, double tx, double T, double r, double alpha, double s, double beta)
    {
        var a = r + s + x;
        var (m, b) = alpha >= beta ? (alpha, s + 1) : (beta, r + x);
        var d = Math.Abs(alpha - beta);
        var atTx = SpecialFunctions.LogHypergeometric2F1(a, b, a + 1, d / (m + tx)) - a * Math.Log(m + tx);
        var atT = SpecialFunctions.LogHypergeometric2F1(a, b, a + 1, d / (m + T)) - a * Math.Log(m + T);
        var logA0 = tx == T ? double.NegativeInfinity : SpecialFunctions.LogDiffExp(atTx, atT);
        var a1 = SpecialFunctions.LogGamma(r + x) - SpecialFunctions.LogGamma(r) + r * Math.Log(alpha) + s * Math.Log(beta);
        var a2 = -(r + x) * Math.Log(alpha + T) - s * Math.Log(beta + T);
        return a1 + SpecialFunctions.LogSumExp(a2, Math.Log(s) - Math.Log(a) + logA0);
    }
}
