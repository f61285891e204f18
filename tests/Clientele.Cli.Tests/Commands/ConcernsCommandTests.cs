using System.Globalization;
using System.Text.Json;
using Clientele.Storage.Tests.Snapshots;
using DuckDB.NET.Data;

namespace Clientele.Cli.Tests.Commands;

/// <summary><c>clientele concerns</c> on the hand-made analyses and a few interactions imported beside them.</summary>
public sealed class ConcernsCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    /// <summary>
    /// C1 (Retail/Families) raises water-taste (tagged) and price (an untagged text); C3 (Retail/Students) water-taste;
    /// C2 (Manufacturing/Machinery) uptime. An opportunity's deal stage and an interaction after the analysis do not count.
    /// </summary>
    private void Analyses()
    {
        Assert.Equal(0, _cli.Run("init").Code);
        using (var connection = new DuckDBConnection($"Data Source={_cli.Workspace}"))
        {
            connection.Open();
            HandMadeSnapshots.InsertBoth(connection);
        }
        var file = _cli.File("interactions.csv", """
            customer_id,occurred_at,kind,tag,text
            C1,2024-03-01,support,Water Taste,
            C1,2024-04-01,complaint,,"Prices went up again, we are comparing offers"
            C1,2024-04-02,support,water_taste,Asked about the taste
            C3,2024-05-01,support,water_taste,
            C2,2024-05-01,support,Uptime,
            C2,2024-05-02,opportunity,won,Quote sent
            C3,2025-03-01,support,design,
            """);
        var (code, _, error) = _cli.Run("import", "interactions", file);
        Assert.True(code == 0, error);
    }

    private static JsonElement Json(string output) => JsonDocument.Parse(output).RootElement;

    [Fact]
    public void Json_gives_per_segment_the_interactions_customers_share_and_lift_of_each_concern()
    {
        Analyses();
        var (code, output, error) = _cli.Run("concerns", "--format", "json");
        Assert.True(code == 0, error);
        var report = Json(output);
        Assert.Equal("segment", report.GetProperty("dimension").GetString());
        Assert.Equal(5, report.GetProperty("base").GetProperty("customers").GetInt64());
        var families = report.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("class").GetString() == "Retail/Families");
        var concerns = families.GetProperty("concerns").EnumerateArray().ToDictionary(c => c.GetProperty("concern").GetString()!);
        Assert.Equal(["water-taste", "price"], concerns.Keys);
        Assert.Equal(2, concerns["water-taste"].GetProperty("interactions").GetInt64());
        Assert.Equal(1.0, concerns["water-taste"].GetProperty("share").GetDouble());
        Assert.Equal(2.5, concerns["water-taste"].GetProperty("lift").GetDouble(), 9); // 1/1 over 2/5
        Assert.True(concerns["price"].GetProperty("general").GetBoolean());
        Assert.Equal(5.0, concerns["price"].GetProperty("lift").GetDouble(), 9);
        var students = report.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("class").GetString() == "Retail/Students");
        var names = students.GetProperty("concerns").EnumerateArray().Select(c => c.GetProperty("concern").GetString()).ToList();
        Assert.Equal(["water-taste"], names); // the design interaction came after the analysis
    }

    [Fact]
    public void The_table_lists_the_base_first_and_each_group_with_its_customers()
    {
        Analyses();
        var (code, output, error) = _cli.Run("concerns", "--dimension", "churn-status", "--top", "1");
        Assert.True(code == 0, error);
        Assert.Contains("Concerns of 5 customers in the analysis as of 2024-12-31 (3 raised at least one), by churn_status: per group the top 1 needs", output, StringComparison.Ordinal);
        Assert.True(output.IndexOf("all customers (5)", StringComparison.Ordinal) < output.IndexOf("active (2)", StringComparison.Ordinal));
        Assert.Contains("lapsed (1)", output, StringComparison.Ordinal);
        Assert.Contains("(none) (1)", output, StringComparison.Ordinal);
        Assert.Contains("uptime", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_has_one_row_per_group_and_concern()
    {
        Analyses();
        var (code, output, error) = _cli.Run("concerns", "--segment", "retail", "--format", "csv");
        Assert.True(code == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("dimension,class,group_customers,concern,general,interactions,customers,share,lift", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("segment,retail,4,water-taste,", lines[1], StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $",{2 / 4.0},"), lines[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--dimension", "colour")]
    [InlineData("--segment", "nowhere")]
    [InlineData("--top", "0")]
    [InlineData("--dimension", "ladder", "--class", "champion")]
    public void Bad_input_exits_1_with_a_message(params string[] args)
    {
        Analyses();
        var (code, output, error) = _cli.Run(["concerns", .. args]);
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.NotEqual("", error.Trim());
    }

    public void Dispose() => _cli.Dispose();
}
