namespace Clientele.Core.Tests.Clv;

/// <summary>Seeded draws for simulate-then-fit tests: gamma (Marsaglia &amp; Tsang), beta and exponential.</summary>
internal static class Sampling
{
    public static double Gamma(Random random, double shape)
    {
        // Shape below 1 is boosted: Gamma(k) = Gamma(k+1) · U^(1/k).
        if (shape < 1) return Gamma(random, shape + 1) * Math.Pow(1 - random.NextDouble(), 1 / shape);
        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double z, v;
            do
            {
                z = Normal(random);
                v = 1 + c * z;
            }
            while (v <= 0);
            v = v * v * v;
            if (Math.Log(1 - random.NextDouble()) < 0.5 * z * z + d - d * v + d * Math.Log(v)) return d * v;
        }
    }

    public static double Beta(Random random, double a, double b)
    {
        var x = Gamma(random, a);
        return x / (x + Gamma(random, b));
    }

    public static double Exponential(Random random, double rate = 1) => -Math.Log(1 - random.NextDouble()) / rate;

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
