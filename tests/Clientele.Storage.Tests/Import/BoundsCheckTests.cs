using System.Text;
using Clientele.Storage.Import;
using Clientele.Tables;

namespace Clientele.Storage.Tests.Import;

/// <summary>Values beyond the bounds of <see cref="ValueBounds"/> and bytes no text holds are refused at import, with the bound in a short message.</summary>
public sealed class BoundsCheckTests : IDisposable
{
    private readonly TempWorkspace _temp = new();

    private ImportResult Import(string table, string path) => new Importer(_temp.Workspace!).Import(table, path, new ImportOptions());

    private ImportFailedException Fails(string table, string path)
    {
        var failure = Assert.Throws<ImportFailedException>(() => Import(table, path));
        Assert.Equal(0, _temp.Workspace!.CountRows().Sum(p => p.Value));
        return failure;
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("2200-01-01")]
    [InlineData("1899-12-31T23:59:59")]
    [InlineData("0001-01-01")]
    public void A_date_beyond_the_range_is_refused_with_the_range(string date)
    {
        var path = _temp.File("orders.csv", $"customer_id,ordered_at,amount\nC1,2024-01-05,10\nC2,{date},11\n");
        var error = Assert.Single(Fails("orders", path).Errors);
        Assert.Equal((3L, 2, date), (error.Line, error.Column, error.Value));
        Assert.Contains("a date between 1900-01-01 and 2199-12-31", error.Expected);
    }

    [Fact]
    public void Dates_at_either_end_of_the_range_are_accepted()
    {
        var path = _temp.File("orders.csv", "customer_id,ordered_at,amount\nC1,1900-01-01,10\nC2,2199-12-31T23:59:59,11\n");
        Assert.Equal(2, Import("orders", path).RowsAdded);
    }

    [Theory]
    [InlineData("amount", "1e308")]
    [InlineData("amount", "-1e12")]
    [InlineData("margin", "1000000000000")]
    [InlineData("quantity", "-2e15")]
    public void A_number_beyond_the_magnitude_is_refused_with_the_bound(string column, string value)
    {
        var path = _temp.File("orders.csv", $"customer_id,ordered_at,amount,margin,quantity\nC1,2024-01-05,10,1,1\n");
        path = _temp.File("orders.csv", File.ReadAllText(path).Replace("C1,2024-01-05,10,1,1", column switch
        {
            "amount" => $"C1,2024-01-05,{value},1,1",
            "margin" => $"C1,2024-01-05,10,{value},1",
            _ => $"C1,2024-01-05,10,1,{value}",
        }, StringComparison.Ordinal));
        var error = Assert.Single(Fails("orders", path).Errors);
        Assert.Equal((column, value), (error.ColumnName, error.Value));
        Assert.Equal("a number less than 1e12 in magnitude (1,000,000,000,000)", error.Expected);
    }

    [Fact]
    public void A_number_just_below_the_magnitude_is_accepted()
    {
        var path = _temp.File("orders.csv", "customer_id,ordered_at,amount,margin\nC1,2024-01-05,999999999999.99,-999999999999\n");
        Assert.Equal(1, Import("orders", path).RowsAdded);
    }

    [Fact]
    public void A_field_of_two_megabytes_is_refused_in_a_message_that_shows_its_start_and_length()
    {
        var huge = new string('x', 2_000_000);
        var path = _temp.File("customers.csv", $"customer_id,name\nC1,{huge}\n");
        var failure = Fails("customers", path);
        var error = Assert.Single(failure.Errors);
        Assert.Equal((2L, 2, "name"), (error.Line, error.Column, error.ColumnName));
        Assert.Equal(new string('x', ImportError.MaxShown) + "… (2,000,000 characters)", error.Value);
        Assert.Equal("text of at most 32,768 characters", error.Expected);
        Assert.True(failure.Message.Length < 1_000, $"the message has {failure.Message.Length} characters");
    }

    [Fact]
    public void An_id_longer_than_256_characters_is_refused_and_one_of_256_accepted()
    {
        var path = _temp.File("customers.csv", $"customer_id,referred_by\n{new string('a', 256)},\nC2,{new string('b', 257)}\n");
        var error = Assert.Single(Fails("customers", path).Errors);
        Assert.Equal((3L, "referred_by", "an id of at most 256 characters"), (error.Line, error.ColumnName, error.Expected));
        path = _temp.File("ok.csv", $"customer_id\n{new string('a', 256)}\n");
        Assert.Equal(1, Import("customers", path).RowsAdded);
    }

    [Fact]
    public void Many_bad_huge_values_make_a_short_message()
    {
        var text = new StringBuilder("customer_id,ordered_at,amount\n");
        var bad = new string('9', 1_000_000) + "x";
        for (var i = 0; i < 25; i++) text.Append("C1,2024-01-05,").Append(bad).Append('\n');
        var failure = Fails("orders", _temp.File("orders.csv", text.ToString()));
        Assert.Equal(25, failure.TotalErrors);
        Assert.True(failure.Message.Length < 10_000, $"the message has {failure.Message.Length:N0} characters");
    }

    [Fact]
    public void A_header_name_longer_than_an_id_is_refused()
    {
        var failure = Fails("customers", _temp.File("customers.csv", $"customer_id,{new string('h', 5_000)}\nC1,x\n"));
        var error = Assert.Single(failure.Errors);
        Assert.Equal((1L, 2), (error.Line, error.Column));
        Assert.Contains("a column name of at most 256 characters", error.Expected);
        Assert.True(failure.Message.Length < 1_000);
    }

    [Fact]
    public void A_nul_byte_far_into_the_file_is_refused_with_its_line_and_column()
    {
        var text = new StringBuilder("customer_id,ordered_at,amount\n");
        for (var i = 0; i < 500; i++) text.Append('C').Append(i).Append(",2024-01-05,10\n");
        text.Append("C9,2024-01-05,12.5\0\n");
        var failure = Fails("orders", _temp.File("orders.csv", text.ToString()));
        var error = Assert.Single(failure.Errors);
        Assert.Equal((502L, 3, "amount"), (error.Line, error.Column, error.ColumnName));
        Assert.Contains("text without NUL (zero) bytes", error.Expected);
    }

    [Fact]
    public void A_file_with_old_mac_line_ends_is_read_line_by_line()
    {
        var path = _temp.File("orders.csv", "customer_id,ordered_at,amount\rC1,2024-01-05,10\rC2,2024-01-06,11\r");
        Assert.Equal(2, Import("orders", path).RowsAdded);
        var bad = _temp.File("bad.csv", "customer_id,ordered_at,amount\rC1,2024-01-05,10\rC2,2024-01-06,x\r");
        var error = Assert.Single(Assert.Throws<ImportFailedException>(() => Import("orders", bad)).Errors);
        Assert.Equal((3L, 3), (error.Line, error.Column));
    }

    [Fact]
    public void A_utf8_file_that_starts_with_ff_fe_is_not_said_to_hold_zero_bytes()
    {
        byte[] content = [0xFF, 0xFE, .. Encoding.UTF8.GetBytes("customer_id\nC1\n")];
        var error = Assert.Single(Fails("customers", _temp.Bytes("customers.csv", content)).Errors);
        Assert.Contains("starts with the bytes FF FE", error.Expected);
        Assert.DoesNotContain("zero bytes", error.Expected);
    }

    [Fact]
    public void A_utf16_file_is_still_named_as_such()
    {
        var content = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("customer_id\nC1\n")).ToArray();
        var error = Assert.Single(Fails("customers", _temp.Bytes("customers.csv", content)).Errors);
        Assert.Contains("UTF-16", error.Expected);
    }

    public void Dispose() => _temp.Dispose();
}
