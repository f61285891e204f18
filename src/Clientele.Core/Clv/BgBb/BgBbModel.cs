using System.Globalization;
using Clientele.Clv.Fitting;
using static Clientele.Clv.SpecialFunctions;

namespace Clientele.Clv.BgBb;

/// <summary>
/// The BG/BB model of repeat transactions in discrete time (Fader, Hardie &amp; Shang 2010, "Customer-Base
/// Analysis in a Discrete-Time Noncontractual Setting", Marketing Science 29(6)): at each transaction
/// opportunity (a yearly appeal, a weekly event) a customer still alive transacts with probability
/// p ~ Beta(α, β), and before each opportunity an alive customer dies with probability θ ~ Beta(γ, δ).
/// Data are per customer x (repeat transactions), t_x (the opportunity of the last one, 0 without repeats)
/// and n (the opportunities since the first transaction), all whole numbers with 0 &lt;= x &lt;= t_x &lt;= n.
/// </summary>
/// <param name="Alpha">α of the transaction-probability Beta distribution.</param>
/// <param name="Beta">β of the transaction-probability Beta distribution.</param>
/// <param name="Gamma">γ of the dropout-probability Beta distribution.</param>
/// <param name="Delta">δ of the dropout-probability Beta distribution.</param>
public sealed record BgBbModel(double Alpha, double Beta, double Gamma, double Delta)
{
    /// <summary>The parameter names, as in the paper.</summary>
    public static readonly IReadOnlyList<string> ParameterNames = ["alpha", "beta", "gamma", "delta"];

    /// <summary>The report of the fit that produced this model, or null for a model made from given parameters.</summary>
    public FitReport? Report { get; init; }

    /// <summary>
    /// Fits the model by maximum likelihood (eq. 7, BFGS with the analytic gradient) to rows of (x, t_x, n)
    /// with an optional weight per row: how many customers share it, as the donations benchmark is published.
    /// Throws <see cref="ClvDataException"/> for columns of different lengths, a value that is not finite or
    /// not a whole number, a row outside 0 &lt;= x &lt;= t_x &lt;= n (or with t_x &gt; 0 but x = 0), a weight that is
    /// not positive, and data without repeat transactions. A fit that does not converge returns its best
    /// point with <see cref="FitReport.Converged"/> false and the reason.
    /// </summary>
    public static BgBbModel Fit(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> periods, ReadOnlySpan<double> weight = default, BgBbFitOptions? options = null)
    {
        var o = options ?? new BgBbFitOptions();
        var (x, tx, n, w) = Rows(frequency, recency, periods, weight, o.Compress);
        if (x.Length == 0) throw new ClvDataException("there are no customers to fit.");
        if (!x.Any(v => v > 0))
            throw new ClvDataException("no customer made a repeat transaction, so the BG/BB model cannot be fitted: use more transaction opportunities, or the rule-based classification.");
        var (p, report) = MaximumLikelihood.Fit(ParameterNames, [1, 1, 1, 1],
            (parameters, gradient) =>
            {
                var value = Sum(x, tx, n, w, parameters, gradient);
                for (var k = 0; k < gradient.Length; k++) gradient[k] = -gradient[k];
                return -value;
            },
            w.Sum(), x.Length, o.Penalty, o.Budget);
        return new BgBbModel(p[0], p[1], p[2], p[3]) { Report = report };
    }

    /// <summary>The weighted log-likelihood of the rows under these parameters (eq. 7).</summary>
    public double LogLikelihood(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> periods, ReadOnlySpan<double> weight = default)
    {
        var (x, tx, n, w) = Rows(frequency, recency, periods, weight, compress: false);
        return Sum(x, tx, n, w, [Alpha, Beta, Gamma, Delta], new double[4]);
    }

    /// <summary>
    /// P(alive at n + 1 | x, t_x, n): the probability that each customer is still alive at the next opportunity
    /// (as in the paper and lifetimes' <c>conditional_probability_alive</c>):
    /// B(α+x, β+n−x)/B(α,β) · B(γ, δ+n+1)/B(γ,δ) / L(α, β, γ, δ | x, t_x, n).
    /// </summary>
    public void ProbabilityAlive(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> periods, Span<double> destination)
    {
        CheckDestination(frequency, recency, periods, destination);
        ReadOnlySpan<double> p = [Alpha, Beta, Gamma, Delta];
        for (var i = 0; i < frequency.Length; i++)
        {
            double x = frequency[i], tx = recency[i], n = periods[i];
            Check(i, x, tx, n, 1);
            var alive = LogBeta(Alpha + x, Beta + n - x) - LogBeta(Alpha, Beta) + LogBeta(Gamma, Delta + n + 1) - LogBeta(Gamma, Delta);
            destination[i] = Math.Min(1, Math.Exp(alive - BgBbLikelihood.LogLikelihood(x, tx, n, p)));
        }
    }

    /// <summary>
    /// E[X(n, n + n*) | x, t_x, n]: each customer's expected transactions in the next <paramref name="periodsAhead"/>
    /// opportunities n* (eq. 13 of the paper):
    /// B(α+x+1, β+n−x)/B(α,β) · δ/(γ−1) · Γ(γ+δ)/Γ(1+δ) · [Γ(1+δ+n)/Γ(γ+δ+n) − Γ(1+δ+n+n*)/Γ(γ+δ+n+n*)] / L.
    /// </summary>
    public void ConditionalExpectedPurchases(int periodsAhead, ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> periods, Span<double> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(periodsAhead);
        CheckDestination(frequency, recency, periods, destination);
        if (Math.Abs(Gamma - 1) < 1e-6)
        {
            // δ/(γ − 1) and the bracket vanish together at γ = 1: take the limit from both sides.
            var above = new double[frequency.Length];
            (this with { Gamma = 1 + 1e-5 }).ConditionalExpectedPurchases(periodsAhead, frequency, recency, periods, above);
            (this with { Gamma = 1 - 1e-5 }).ConditionalExpectedPurchases(periodsAhead, frequency, recency, periods, destination);
            for (var i = 0; i < frequency.Length; i++) destination[i] = (destination[i] + above[i]) / 2;
            return;
        }
        ReadOnlySpan<double> p = [Alpha, Beta, Gamma, Delta];
        var scale = Delta / (Gamma - 1) * Math.Exp(LogGamma(Gamma + Delta) - LogGamma(1 + Delta));
        for (var i = 0; i < frequency.Length; i++)
        {
            double x = frequency[i], tx = recency[i], n = periods[i];
            Check(i, x, tx, n, 1);
            var bracket = Math.Exp(LogGamma(1 + Delta + n) - LogGamma(Gamma + Delta + n))
                - Math.Exp(LogGamma(1 + Delta + n + periodsAhead) - LogGamma(Gamma + Delta + n + periodsAhead));
            var share = Math.Exp(LogBeta(Alpha + x + 1, Beta + n - x) - LogBeta(Alpha, Beta) - BgBbLikelihood.LogLikelihood(x, tx, n, p));
            destination[i] = share * scale * bracket;
        }
    }

    /// <summary>
    /// E[X(n)]: the expected transactions of a new customer in its first <paramref name="periods"/> opportunities (the paper's E[X(n)]):
    /// α/(α+β) · δ/(γ−1) · [1 − Γ(γ+δ)/Γ(γ+δ+n) · Γ(1+δ+n)/Γ(1+δ)].
    /// </summary>
    public double ExpectedPurchasesNewCustomer(int periods)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(periods);
        if (Math.Abs(Gamma - 1) < 1e-6)
            return ((this with { Gamma = 1 + 1e-5 }).ExpectedPurchasesNewCustomer(periods) + (this with { Gamma = 1 - 1e-5 }).ExpectedPurchasesNewCustomer(periods)) / 2;
        var ratio = Math.Exp(LogGamma(Gamma + Delta) - LogGamma(Gamma + Delta + periods) + LogGamma(1 + Delta + periods) - LogGamma(1 + Delta));
        return Alpha / (Alpha + Beta) * Delta / (Gamma - 1) * (1 - ratio);
    }

    /// <summary>
    /// P(X(n) = x): the probability that a new customer makes exactly <paramref name="purchases"/> repeat transactions in its first
    /// <paramref name="periods"/> opportunities (eq. 8 of the paper; lifetimes' <c>probability_of_n_purchases_up_to_time</c>); 0 when x &gt; n.
    /// </summary>
    public double ProbabilityOfPurchases(int periods, int purchases)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(periods);
        ArgumentOutOfRangeException.ThrowIfNegative(purchases);
        if (purchases > periods) return 0;
        int n = periods, x = purchases;
        var normaliser = LogBeta(Alpha, Beta) + LogBeta(Gamma, Delta);
        var total = Math.Exp(LogChoose(n, x) + LogBeta(Alpha + x, Beta + n - x) + LogBeta(Gamma, Delta + n) - normaliser);
        for (var i = x; i < n; i++)
            total += Math.Exp(LogChoose(i, x) + LogBeta(Alpha + x, Beta + i - x) + LogBeta(Gamma + 1, Delta + i) - normaliser);
        return total;
    }

    private static double LogChoose(int n, int k) => LogGamma(n + 1) - LogGamma(k + 1) - LogGamma(n - k + 1);

    private static double Sum(double[] x, double[] tx, double[] n, double[] w, ReadOnlySpan<double> parameters, Span<double> gradient) =>
        WeightedSum.Sum(x.Length, parameters, gradient, (i, q, g) => BgBbLikelihood.LogLikelihood(x[i], tx[i], n[i], w[i], q, g));

    /// <summary>The checked rows, compressed to unique (x, t_x, n) with summed weights when asked.</summary>
    private static (double[] X, double[] Tx, double[] N, double[] W) Rows(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> periods, ReadOnlySpan<double> weight, bool compress)
    {
        if (recency.Length != frequency.Length || periods.Length != frequency.Length || (!weight.IsEmpty && weight.Length != frequency.Length))
            throw new ClvDataException($"the columns differ in length: frequency {frequency.Length}, recency {recency.Length}, periods {periods.Length}, weight {weight.Length}.");
        var index = new Dictionary<(double, double, double), int>();
        List<double> x = [], tx = [], n = [], w = [];
        for (var i = 0; i < frequency.Length; i++)
        {
            var wi = weight.IsEmpty ? 1 : weight[i];
            Check(i, frequency[i], recency[i], periods[i], wi);
            var key = (frequency[i], recency[i], periods[i]);
            if (compress && index.TryGetValue(key, out var row))
            {
                w[row] += wi;
                continue;
            }
            if (compress) index[key] = x.Count;
            x.Add(key.Item1);
            tx.Add(key.Item2);
            n.Add(key.Item3);
            w.Add(wi);
        }
        return ([.. x], [.. tx], [.. n], [.. w]);
    }

    private static void CheckDestination(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> periods, Span<double> destination)
    {
        if (recency.Length != frequency.Length || periods.Length != frequency.Length || destination.Length < frequency.Length)
            throw new ClvDataException($"the columns differ in length: frequency {frequency.Length}, recency {recency.Length}, periods {periods.Length}, destination {destination.Length}.");
    }

    /// <summary>
    /// The most transaction opportunities (periods) a row may have: 100,000 (274 years of daily opportunities). The
    /// likelihood (eq. 7) sums n − t_x + 1 terms per row, so one evaluation at 10^7 opportunities takes longer than a
    /// fit's whole time budget.
    /// </summary>
    public const double MaximumPeriods = 100_000;

    private static void Check(int i, double x, double tx, double n, double w)
    {
        if (Problem(x, tx, n, w) is { } problem)
            throw ClvDataException.ForRow(i, problem.Field, string.Create(CultureInfo.InvariantCulture, $"frequency {x}, recency {tx}, periods {n}, weight {w}"), problem.Rule);
    }

    private static (string Field, string Rule)? Problem(double x, double tx, double n, double w)
    {
        if (ClvDataException.Magnitude(x) is { } rx) return ("frequency", rx);
        if (ClvDataException.Magnitude(tx) is { } rtx) return ("recency", rtx);
        if (ClvDataException.Magnitude(n) is { } rn) return ("periods", rn);
        if (ClvDataException.Magnitude(w) is { } rw) return ("weight", rw);
        const string whole = "needs whole numbers: frequency, recency and periods count transaction opportunities";
        if (x != Math.Floor(x)) return ("frequency", whole);
        if (tx != Math.Floor(tx)) return ("recency", whole);
        if (n != Math.Floor(n)) return ("periods", whole);
        const string order = "needs 0 <= frequency <= recency <= periods";
        if (x < 0) return ("frequency", order);
        if (x > tx) return ("recency", order);
        if (tx > n) return ("periods", order);
        if (x == 0 && tx != 0) return ("recency", "has a recency but no repeat transaction (recency must be 0 when frequency is 0)");
        if (n > MaximumPeriods)
            return ("periods", string.Create(CultureInfo.InvariantCulture,
                $"has more than {MaximumPeriods:N0} transaction opportunities: the BG/BB likelihood sums one term per opportunity after the last transaction, so count opportunities in coarser periods (weeks, months or years)"));
        if (w <= 0) return ("weight", "has a weight that is not positive (a weight is how many customers the row stands for)");
        return null;
    }
}
