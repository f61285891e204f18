using System.Globalization;
using System.Text;
using Clientele.Storage.Snapshots;

namespace Clientele.Storage.Tests.Snapshots;

/// <summary>
/// The snapshot's CSV rows: a number is written as the text "R" gives (the shortest that reads back as the same double),
/// whole numbers through the integer formatter included, so DuckDB reads back every bit.
/// </summary>
public sealed class CsvRowTests
{
    private static string Written(double? value)
    {
        var row = new CsvRow("snapshot_customers", [("figure", "DOUBLE")]);
        row.Number(value).End();
        return Encoding.UTF8.GetString(row.Written).TrimEnd('\n');
    }

    public static TheoryData<double> Numbers() =>
    [
        0, -0.0, 1, -1, 7, 12345, -987654, 999_999_999_999_999, -999_999_999_999_999, 1e15, -1e15, 1e16, 9_007_199_254_740_992,
        1e300, -1e300, double.MaxValue, double.MinValue, double.Epsilon, 0.1, -0.1, 123.45, 1e-7, 2.5e-300, Math.PI, 1.0 / 3,
        4_503_599_627_370_495.5, 0.5, -0.5, 1e14 + 0.5,
    ];

    [Theory]
    [MemberData(nameof(Numbers))]
    public void A_number_is_the_text_R_gives_and_reads_back_as_the_same_bits(double value)
    {
        var text = Written(value);
        Assert.Equal(value.ToString("R", CultureInfo.InvariantCulture), text);
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Whole_numbers_over_the_range_of_the_integer_path_read_as_R_writes_them()
    {
        var random = new Random(20261207);
        for (var k = 0; k < 200_000; k++)
        {
            var value = Math.Floor((random.NextDouble() * 2 - 1) * Math.Pow(10, random.Next(0, 17)));
            Assert.Equal(value.ToString("R", CultureInfo.InvariantCulture), Written(value));
        }
    }

    [Fact]
    public void No_number_and_NaN_are_an_empty_field()
    {
        Assert.Equal("", Written(null));
        Assert.Equal("", Written(double.NaN));
    }
}
