using System.Numerics;

namespace Clientele.Simulation.Internal;

/// <summary>
/// xoshiro256** (Blackman and Vigna, "Scrambled linear pseudorandom number generators", 2018), its
/// state filled by SplitMix64 from (seed, stream, index), so every party has its own generator and
/// parties can be simulated in any order, in parallel, with the same result. A mutable struct: pass
/// it by <c>ref</c>.
/// </summary>
internal struct SimulationRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public SimulationRandom(int seed, RandomStream stream, long index)
    {
        var x = Finalize(unchecked(((ulong)(long)seed * 0x9E3779B97F4A7C15UL) ^ ((ulong)stream << 56)));
        x = Finalize(x ^ unchecked(((ulong)index * 0xD1B54A32D192ED03UL) + 0x632BE59BD9B4E019UL));
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1), 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in (0, 1]: safe under a logarithm.</summary>
    public double NextOpen() => 1.0 - NextDouble();

    public double Uniform(double low, double high) => low + ((high - low) * NextDouble());

    /// <summary>Uniform integer in [0, n) (Lemire's multiply-shift; the bias is below 2^-32).</summary>
    public int Int(int n) => (int)(((NextUInt64() >> 32) * (ulong)n) >> 32);

    /// <summary>Uniform integer in [low, high].</summary>
    public int Between(int low, int high) => low + Int(high - low + 1);

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>Exponential with the given mean.</summary>
    public double Exponential(double mean) => -Math.Log(NextOpen()) * mean;

    /// <summary>Standard normal (Box-Muller; the second value is dropped to keep the state simple).</summary>
    public double Normal()
    {
        var u = NextOpen();
        var v = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
    }

    public double Normal(double mean, double sd) => mean + (sd * Normal());

    /// <summary>exp(N(mu, sigma)).</summary>
    public double LogNormal(double mu, double sigma) => Math.Exp(Normal(mu, sigma));

    /// <summary>
    /// Gamma with shape k and scale theta (mean k·theta), by Marsaglia and Tsang (2000), "A simple
    /// method for generating gamma variables"; shapes below 1 use the u^(1/k) boost.
    /// </summary>
    public double Gamma(double shape, double scale)
    {
        if (shape < 1.0)
        {
            var boost = Math.Pow(NextOpen(), 1.0 / shape);
            return Gamma(shape + 1.0, scale) * boost;
        }

        var d = shape - (1.0 / 3.0);
        var c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Normal();
                v = 1.0 + (c * x);
            }
            while (v <= 0.0);

            v = v * v * v;
            var u = NextOpen();
            var x2 = x * x;
            if (u < 1.0 - (0.0331 * x2 * x2) || Math.Log(u) < (0.5 * x2) + (d * (1.0 - v + Math.Log(v))))
            {
                return d * v * scale;
            }
        }
    }

    public double Beta(double a, double b)
    {
        var x = Gamma(a, 1.0);
        var y = Gamma(b, 1.0);
        return x / (x + y);
    }

    /// <summary>Poisson: Knuth's product method below a mean of 30, a rounded normal above.</summary>
    public int Poisson(double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        if (mean >= 30)
        {
            return Math.Max(0, (int)Math.Round(Normal(mean, Math.Sqrt(mean))));
        }

        var limit = Math.Exp(-mean);
        var product = NextOpen();
        var k = 0;
        while (product > limit)
        {
            k++;
            product *= NextOpen();
        }

        return k;
    }

    /// <summary>Pareto (type I) with minimum xm and tail index alpha: P(X &gt; x) = (xm/x)^alpha.</summary>
    public double Pareto(double xm, double alpha) => xm / Math.Pow(NextOpen(), 1.0 / alpha);

    /// <summary>An index drawn with probability proportional to its weight, given the running totals.</summary>
    public int Pick(ReadOnlySpan<double> cumulative)
    {
        var u = NextDouble() * cumulative[^1];
        for (var k = 0; k < cumulative.Length - 1; k++)
        {
            if (u < cumulative[k])
            {
                return k;
            }
        }

        return cumulative.Length - 1;
    }

    /// <summary>One element, uniformly.</summary>
    public T Of<T>(IReadOnlyList<T> items) => items[Int(items.Count)];

    /// <summary>Running totals of weights, for <see cref="Pick"/>.</summary>
    public static double[] Cumulative(params ReadOnlySpan<double> weights)
    {
        var totals = new double[weights.Length];
        var sum = 0.0;
        for (var k = 0; k < weights.Length; k++)
        {
            sum += weights[k];
            totals[k] = sum;
        }

        return totals;
    }

    private static ulong SplitMix(ref ulong x)
    {
        x = unchecked(x + 0x9E3779B97F4A7C15UL);
        return Finalize(x);
    }

    private static ulong Finalize(ulong z)
    {
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
