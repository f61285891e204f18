using System.Text;
using Clientele.Simulation.Internal;

namespace Clientele.Core.Tests.Simulation.Internal;

public sealed class CsvBufferTests
{
    [Fact]
    public void Fields_are_separated_by_commas_and_rows_end_with_a_newline()
    {
        var csv = new CsvBuffer(4);
        csv.Header(["a", "b"]);
        csv.Ascii("x");
        csv.Empty();
        csv.EndRow();
        csv.Empty();
        csv.Integer(-12);
        csv.EndRow();

        Assert.Equal("a,b\nx,\n,-12\n", Text(csv));
        Assert.Equal(2, csv.Rows);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("Smith, Jones & Partners", "\"Smith, Jones & Partners\"")]
    [InlineData("Bistro \"Anna\"", "\"Bistro \"\"Anna\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("Müller", "Müller")]
    public void Text_is_quoted_only_when_it_must_be(string value, string expected)
    {
        var csv = new CsvBuffer();
        csv.Text(value);
        csv.EndRow();

        Assert.Equal(expected + "\n", Text(csv));
    }

    [Theory]
    [InlineData(12.345, 2, "12.35")]
    [InlineData(-0.005, 2, "-0.01")]
    [InlineData(-3.1, 2, "-3.10")]
    [InlineData(0.0, 2, "0.00")]
    [InlineData(0.0001234, 6, "0.000123")]
    [InlineData(1234567.891, 0, "1234568")]
    public void Fixed_numbers_are_invariant_with_the_given_decimals(double value, int decimals, string expected)
    {
        var csv = new CsvBuffer();
        csv.Fixed(value, decimals);

        Assert.Equal(expected, Text(csv));
    }

    [Fact]
    public void Dates_and_moments_are_iso_formatted()
    {
        var calendar = new SimulationCalendar(new DateOnly(2023, 12, 30), 100);
        var csv = new CsvBuffer();
        csv.Day(calendar, 3);
        csv.Moment(calendar, 0, (13 * 3600) + (5 * 60) + 9);
        csv.Date(new DateOnly(987, 6, 5));
        csv.Boolean(true);

        Assert.Equal("2024-01-02,2023-12-30T13:05:09,0987-06-05,true", Text(csv));
    }

    [Fact]
    public void Id_slots_are_numbered_in_order_when_patched()
    {
        var csv = new CsvBuffer();
        csv.IdSlot('O', 8);
        csv.Id('C', 42, 7);
        csv.EndRow();
        csv.IdSlot('O', 8);
        csv.Id('C', 12_345_678, 7);
        csv.EndRow();

        csv.PatchIds(99);

        Assert.Equal("O00000099,C0000042\nO00000100,C12345678\n", Text(csv));
        Assert.Equal(2, csv.IdSlots);
    }

    [Fact]
    public void An_id_too_wide_for_its_slot_is_refused()
    {
        var csv = new CsvBuffer();
        csv.IdSlot('O', 2);

        Assert.Throws<InvalidOperationException>(() => csv.PatchIds(100));
    }

    private static string Text(CsvBuffer csv) => Encoding.UTF8.GetString(csv.Bytes);
}
