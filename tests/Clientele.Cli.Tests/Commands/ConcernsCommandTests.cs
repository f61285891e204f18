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
    public void Without_interactions_the_table_is_replaced_by_a_sentence_that_says_the_data_cannot_tell()
    {
        Assert.Equal(0, _cli.Run("init").Code);
        using (var connection = new DuckDBConnection($"Data Source={_cli.Workspace}"))
        {
            connection.Open();
            HandMadeSnapshots.InsertBoth(connection);
        }
        var (code, output, error) = _cli.Run("concerns");
        Assert.True(code == 0, error);
        Assert.StartsWith("The data has no interactions (support contacts, complaints, suggestions, reviews, ...) up to 2024-12-31, so it cannot say what customers care about", output, StringComparison.Ordinal);
        Assert.DoesNotContain("no concern raised", output, StringComparison.Ordinal);
        Assert.DoesNotContain("│", output, StringComparison.Ordinal);
        var json = Json(_cli.Run("concerns", "--format", "json").Out);
        Assert.Equal(0, json.GetProperty("base").GetProperty("raisingAny").GetInt64());
        Assert.Empty(json.GetProperty("interactionsByKind").EnumerateObject());
    }

    [Fact]
    public void Interactions_of_no_concern_kind_are_counted_per_kind_in_the_sentence()
    {
        Assert.Equal(0, _cli.Run("init").Code);
        using (var connection = new DuckDBConnection($"Data Source={_cli.Workspace}"))
        {
            connection.Open();
            HandMadeSnapshots.InsertBoth(connection);
        }
        var file = _cli.File("open.csv", """
            customer_id,occurred_at,kind,tag,text
            C1,2024-03-01,opportunity,Engaging,
            C2,2024-04-01,opportunity,Prospecting,
            """);
        Assert.Equal(0, _cli.Run("import", "interactions", file).Code);
        var (code, output, error) = _cli.Run("concerns", "--dimension", "churn_status");
        Assert.True(code == 0, error);
        Assert.Contains("None of the 2 interactions up to 2024-12-31 (all of kind opportunity) is of a kind that names a concern (support, complaint, suggestion, review; options file, concerns.kinds)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("│", output, StringComparison.Ordinal);
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
        Assert.Equal("dimension,class,group_customers,concern,general,interactions,customers,share,lift,previous_share,change_pp", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("segment,retail,4,water-taste,", lines[1], StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $",{2 / 4.0},"), lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_trend_is_the_change_since_the_previous_analysis_in_percentage_points()
    {
        Analyses();
        var (code, output, error) = _cli.Run("concerns", "--format", "json");
        Assert.True(code == 0, error);
        var report = Json(output);
        Assert.Equal("2024-06-30", report.GetProperty("previousAsOf").GetString());
        // Students: {C3, C4, C5} in June, C3 raised water-taste in May; {C3, C5, C6} in December, still only C3.
        var students = report.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("class").GetString() == "Retail/Students");
        Assert.Equal(3, students.GetProperty("previousCustomers").GetInt64());
        var taste = students.GetProperty("concerns")[0];
        Assert.Equal((1 / 3.0, 0.0), (taste.GetProperty("previousShare").GetDouble(), taste.GetProperty("changePoints").GetDouble()));
        // The base: C1 and C3 of 5 in June and in December; price (C1's complaint of April) too.
        var table = _cli.Run("concerns", "--top", "1").Out;
        Assert.Contains("trend: the change of the share in percentage points since the analysis as of 2024-06-30", table, StringComparison.Ordinal);
        Assert.Contains("0.0 pp", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_previous_analysis_there_is_no_trend_rather_than_a_zero()
    {
        Analyses();
        var table = _cli.Run("concerns", "--as-of", "2024-06-30");
        Assert.True(table.Code == 0, table.Error);
        Assert.Contains("no previous analysis, so no trend", table.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(" pp", table.Out, StringComparison.Ordinal);
        var csv = _cli.Run("concerns", "--as-of", "2024-06-30", "--format", "csv").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.All(csv.Skip(1), line => Assert.EndsWith(",,", line, StringComparison.Ordinal));
        Assert.True(csv.Length > 1);
        var json = Json(_cli.Run("concerns", "--as-of", "2024-06-30", "--format", "json").Out);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("previousAsOf").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("base").GetProperty("concerns")[0].GetProperty("changePoints").ValueKind);
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
