using Clientele.Simulation.Internal;

namespace Clientele.Core.Tests.Simulation.Internal;

public sealed class SimulationRandomTests
{
    private const int Draws = 200_000;

    [Fact]
    public void The_same_seed_stream_and_index_give_the_same_numbers()
    {
        var a = new SimulationRandom(42, RandomStream.Orders, 17);
        var b = new SimulationRandom(42, RandomStream.Orders, 17);

        for (var k = 0; k < 1_000; k++)
        {
            Assert.Equal(a.NextUInt64(), b.NextUInt64());
        }
    }

    [Fact]
    public void Seeds_streams_and_indexes_each_change_the_numbers()
    {
        var first = new SimulationRandom(42, RandomStream.Orders, 17).NextUInt64();

        Assert.NotEqual(first, new SimulationRandom(43, RandomStream.Orders, 17).NextUInt64());
        Assert.NotEqual(first, new SimulationRandom(42, RandomStream.Interactions, 17).NextUInt64());
        Assert.NotEqual(first, new SimulationRandom(42, RandomStream.Orders, 18).NextUInt64());
    }

    [Fact]
    public void Uniform_doubles_lie_in_zero_to_one_with_mean_one_half()
    {
        var random = new SimulationRandom(1, RandomStream.Party, 0);
        var sum = 0.0;
        for (var k = 0; k < Draws; k++)
        {
            var u = random.NextDouble();
            Assert.InRange(u, 0.0, 0.9999999999999999);
            sum += u;
        }

        Assert.Equal(0.5, sum / Draws, 0.005);
    }

    [Theory]
    [InlineData(0.5, 2.0)]
    [InlineData(1.1, 1.0 / 3.0)]
    [InlineData(6.0, 10.0)]
    public void Gamma_has_mean_shape_times_scale_and_variance_shape_times_scale_squared(double shape, double scale)
    {
        var random = new SimulationRandom(2, RandomStream.Party, 0);
        var (mean, variance) = Moments(Draws, () => random.Gamma(shape, scale));

        // Standard errors at 200,000 draws are below 0.5% of the mean; the tolerance is four of them.
        Assert.Equal(shape * scale, mean, shape * scale * 0.02);
        Assert.Equal(shape * scale * scale, variance, shape * scale * scale * 0.06);
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(12.0)]
    [InlineData(45.0)]
    public void Poisson_has_mean_and_variance_equal_to_its_mean(double mean)
    {
        var random = new SimulationRandom(3, RandomStream.Party, 0);
        var (m, v) = Moments(Draws, () => random.Poisson(mean));

        Assert.Equal(mean, m, mean * 0.02);
        Assert.Equal(mean, v, mean * 0.05);
    }

    [Fact]
    public void Exponential_and_beta_have_their_means()
    {
        var random = new SimulationRandom(4, RandomStream.Party, 0);

        Assert.Equal(7.0, Moments(Draws, () => random.Exponential(7.0)).Mean, 0.1);
        Assert.Equal(2.0 / 4.5, Moments(Draws, () => random.Beta(2, 2.5)).Mean, 0.005);
    }

    [Fact]
    public void Pick_draws_in_proportion_to_the_weights()
    {
        var random = new SimulationRandom(5, RandomStream.Party, 0);
        var cumulative = SimulationRandom.Cumulative([0.2, 0, 0.5, 0.3]);
        var counts = new int[4];
        for (var k = 0; k < Draws; k++)
        {
            counts[random.Pick(cumulative)]++;
        }

        Assert.Equal(0, counts[1]);
        Assert.Equal(0.2, counts[0] / (double)Draws, 0.005);
        Assert.Equal(0.5, counts[2] / (double)Draws, 0.005);
    }

    private static (double Mean, double Variance) Moments(int n, Func<double> draw)
    {
        var sum = 0.0;
        var squares = 0.0;
        for (var k = 0; k < n; k++)
        {
            var x = draw();
            sum += x;
            squares += x * x;
        }

        var mean = sum / n;
        return (mean, (squares / n) - (mean * mean));
    }
}
