using Clientele.Clv.Fitting;
using static Clientele.Clv.SpecialFunctions;

namespace Clientele.Clv.ParetoNbd;

/// <summary>
/// The Pareto/NBD model of repeat buying (Schmittlein, Morrison &amp; Colombo 1987; Fader &amp; Hardie 2005,
/// "A Note on Deriving the Pareto/NBD Model and Related Expressions"): while alive a customer buys as a Poisson
/// process with rate λ ~ Gamma(r, α) and has an exponential lifetime with rate μ ~ Gamma(s, β), dying at any
/// moment rather than only after a purchase (as in the BG/NBD). Times are in the unit of the data it was fitted on
/// (α and β are in that unit).
/// </summary>
/// <param name="R">r, the shape of the purchase-rate distribution.</param>
/// <param name="Alpha">α, its scale, in the data's time unit.</param>
/// <param name="S">s, the shape of the dropout-rate distribution.</param>
/// <param name="Beta">β, its scale, in the data's time unit.</param>
public sealed record ParetoNbdModel(double R, double Alpha, double S, double Beta) : IRepeatPurchaseModel
{
    /// <summary>The parameter names, as in the paper.</summary>
    public static readonly IReadOnlyList<string> ParameterNames = ["r", "alpha", "s", "beta"];

    /// <summary>The report of the fit that produced this model, or null for a model made from given parameters.</summary>
    public FitReport? Report { get; init; }

    /// <summary>
    /// Fits the model by maximum likelihood, starting from r = s = 1 and α = β = the mean age (for more than
    /// <see cref="ParetoNbdFitOptions.WarmStartRows"/> distinct rows, from the optimum and curvature of a fit to an evenly
    /// spaced sample of them, which takes the fit on every row from some 29 iterations to 4 or 5 at a million customers). The likelihood is
    /// the stable log form of <see cref="ParetoNbdLikelihood"/> with its analytic gradient (the hypergeometric series
    /// differentiated term by term in r, s, α and β; no finite differences). Throws <see cref="ClvDataException"/> when no customer made a repeat purchase
    /// (nothing identifies the purchase and dropout processes apart). A fit that does not converge returns its best
    /// point with <see cref="FitReport.Converged"/> false and the reason.
    /// </summary>
    public static ParetoNbdModel Fit(RepeatPurchases data, ParetoNbdFitOptions? options = null)
    {
        var o = options ?? new ParetoNbdFitOptions();
        if (data.Rows == 0) throw new ClvDataException("there are no customers to fit.");
        if (!data.HasRepeatBuyers())
            throw new ClvDataException("no customer made a repeat purchase, so the Pareto/NBD model cannot be fitted: use a longer calibration period, or the rule-based classification.");
        var rows = o.Compress ? data.Compress() : data;
        var meanAge = 0.0;
        for (var i = 0; i < rows.Rows; i++) meanAge += rows.Age[i] * rows.Weight[i];
        meanAge = Math.Max(meanAge / rows.Customers, 1e-3);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var start = Approach(rows, [1, meanAge, 1, meanAge], o);
        var (p, report) = MaximumLikelihood.Fit(ParameterNames, start?.Parameters ?? [1, meanAge, 1, meanAge],
            (parameters, gradient) => -LogLikelihood(rows, parameters, gradient, negate: true),
            rows.Customers, rows.Rows, o.Penalty, o.Budget.After(clock.Elapsed), start?.InverseHessian);
        // The sample's fit is part of the time the fit took.
        return new ParetoNbdModel(p[0], p[1], p[2], p[3]) { Report = report with { Seconds = clock.Elapsed.TotalSeconds } };
    }

    /// <summary>
    /// Where the fit on every row starts, for more rows than <see cref="ParetoNbdFitOptions.WarmStartRows"/>: the optimum on an
    /// evenly spaced sample of about half that many (its penalty scaled to the sample's share of the customers) and the curvature
    /// there; null (start at <paramref name="start"/>) for fewer rows or where the sample's fit did not converge.
    /// </summary>
    private static (double[] Parameters, double[,] InverseHessian)? Approach(RepeatPurchases rows, double[] start, ParetoNbdFitOptions o)
    {
        if (!EvenSample.Applies(rows.Rows, o.WarmStartRows)) return null;
        var sample = rows.EveryRow(EvenSample.Stride(rows.Rows, o.WarmStartRows));
        if (!sample.HasRepeatBuyers()) return null;
        var share = sample.Customers / rows.Customers;
        try
        {
            return MaximumLikelihood.Approach(start, (parameters, gradient) => -LogLikelihood(sample, parameters, gradient, negate: true),
                o.Penalty * share, o.Budget, share);
        }
        catch (ClvDataException)
        {
            return null;
        }
    }

    /// <summary>The weighted log-likelihood of the data under these parameters.</summary>
    public double LogLikelihood(RepeatPurchases data) => LogLikelihood(data, [R, Alpha, S, Beta], new double[4], negate: false);

    private static double LogLikelihood(RepeatPurchases data, ReadOnlySpan<double> p, Span<double> gradient, bool negate)
    {
        var value = ParetoNbdLikelihood.Sum(data, p, gradient);
        if (negate)
            for (var k = 0; k < gradient.Length; k++) gradient[k] = -gradient[k];
        return value;
    }

    /// <summary>
    /// P(alive | x, t_x, T): the probability that each customer is still active at T (from the note), as
    /// 1 / (1 + e^(log-odds of death)) so it stays in [0, 1] for hundreds of purchases; 1 when t_x = T.
    /// </summary>
    public void ProbabilityAlive(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, Span<double> destination)
    {
        for (var i = 0; i < frequency.Length; i++)
            destination[i] = 1 / (1 + Math.Exp(ParetoNbdLikelihood.LogOddsDead(frequency[i], recency[i], age[i], R, Alpha, S, Beta)));
    }

    /// <summary>
    /// E[Y(t) | x, t_x, T]: the expected purchases of each customer in the next <paramref name="t"/> time units
    /// (from the note): (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive), with the bracket
    /// over s−1 formed by expm1 so that s = 1 (where it tends to ln((β+T+t)/(β+T))) needs no special case.
    /// </summary>
    public void ExpectedPurchases(double t, ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, Span<double> destination)
    {
        ProbabilityAlive(frequency, recency, age, destination);
        TimesExpectedGivenAlive(t, frequency, age, destination);
    }

    /// <summary>
    /// Multiplies each customer's P(alive) in <paramref name="aliveThenExpected"/> by its expected purchases in the next
    /// <paramref name="t"/> units given alive: <see cref="ExpectedPurchases"/> is <see cref="ProbabilityAlive"/> then this, so
    /// P(alive) computed once and copied serves any number of horizons with the very same doubles.
    /// </summary>
    internal void TimesExpectedGivenAlive(double t, ReadOnlySpan<double> frequency, ReadOnlySpan<double> age, Span<double> aliveThenExpected)
    {
        for (var i = 0; i < frequency.Length; i++)
        {
            double x = frequency[i], T = age[i];
            aliveThenExpected[i] *= (R + x) / (Alpha + T) * (Beta + T) * SurvivalIntegral(Math.Log((Beta + T + t) / (Beta + T)));
        }
    }

    /// <summary>
    /// As <see cref="ExpectedPurchases(double, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double})"/>
    /// with each customer's P(alive) already known: the expectation is P(alive) times a closed form in t, so a
    /// lifetime value summed month by month evaluates the (costly) P(alive) once instead of once per month.
    /// </summary>
    public void ExpectedPurchasesGivenAlive(double t, ReadOnlySpan<double> frequency, ReadOnlySpan<double> age, ReadOnlySpan<double> probabilityAlive, Span<double> destination)
    {
        for (var i = 0; i < frequency.Length; i++)
        {
            double x = frequency[i], T = age[i];
            destination[i] = probabilityAlive[i] * (R + x) / (Alpha + T) * (Beta + T) * SurvivalIntegral(Math.Log((Beta + T + t) / (Beta + T)));
        }
    }

    /// <summary>
    /// P(X(t) = n) for a new customer. A lifetime τ ~ Lomax(s, β) (exponential with a gamma rate) and purchases a
    /// Gamma-Poisson mixture while alive, so <c>P = (β/(β+t))^s·NBD_t(n) + ∫₀ᵗ (s/β)(β/(β+τ))^(s+1)·NBD_τ(n) dτ</c>, with
    /// NBD_τ(n) = Γ(r+n)/(Γ(r) n!) (α/(α+τ))^r (τ/(α+τ))^n. The integral is smooth and evaluated by adaptive
    /// Gauss-Legendre quadrature to 1e-12 relative (the closed form of Fader, Hardie &amp; Lee's note needs sums of ₂F₁).
    /// </summary>
    public double ProbabilityOfPurchases(double t, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var logCount = LogGamma(R + n) - LogGamma(R) - LogGamma(n + 1);
        double Nbd(double tau) => tau <= 0
            ? (n == 0 ? 1 : 0)
            : Math.Exp(logCount + R * Math.Log(Alpha / (Alpha + tau)) + n * Math.Log(tau / (Alpha + tau)));
        var alive = Math.Pow(Beta / (Beta + t), S) * Nbd(t);
        var died = Quadrature.Integrate(tau => S / Beta * Math.Pow(Beta / (Beta + tau), S + 1) * Nbd(tau), 0, t);
        return alive + died;
    }

    /// <summary>
    /// E[X(t)]: the expected purchases of a new customer in its first <paramref name="t"/> time units
    /// (from the note): rβ / (α(s−1)) · [1 − (β/(β+t))^(s−1)].
    /// </summary>
    public double ExpectedPurchasesNewCustomer(double t) => R / Alpha * Beta * SurvivalIntegral(LogP1(t / Beta));

    /// <summary>[1 − e^(−(s−1)L)] / (s−1), which is L at s = 1.</summary>
    private double SurvivalIntegral(double logRatio)
    {
        var d = S - 1;
        return d == 0 ? logRatio : -ExpM1(-d * logRatio) / d;
    }
}
