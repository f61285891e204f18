using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using DuckDB.NET.Data;
using Clientele.Storage.Tests;

namespace Clientele.Cli.Tests.Commands;

public sealed class AnalyzeCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private void Demo(int customers = 1_000)
    {
        var demo = _cli.Run("demo", "--no-analyze", "--customers", customers.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(demo.Code == 0, demo.Error);
    }

    [Fact]
    public void Analyze_stores_a_snapshot_that_every_read_command_then_shows()
    {
        Demo();
        var analyze = _cli.Run("analyze");
        Assert.True(analyze.Code == 0, analyze.Error);
        Assert.Contains("Analyzed 1,000 parties", analyze.Out);
        Assert.Contains("model chosen by holdout fit", analyze.Out);
        foreach (var step in new[] { "summary", "customer columns", "holdout sample", "models", "classification", "snapshot" })
            Assert.Contains(step, analyze.Error);
        var advocates = _cli.Run("customers", "--where", "ladder=advocate", "--format", "json");
        Assert.Equal(0, advocates.Code);
        var rows = JsonNode.Parse(advocates.Out)!.AsArray();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("advocate", (string)r!["ladder"]!));
        var id = (string)rows[0]!["customer_id"]!;
        var profile = _cli.Run("customer", id, "--format", "json");
        Assert.Equal(0, profile.Code);
        Assert.Contains("advocate:", profile.Out);
        Assert.Equal(0, _cli.Run("segments", "--dimension", "value_class").Code);
        var export = Path.Combine(_cli.Folder, "all.csv");
        Assert.Equal(0, _cli.Run("export", "--out", export).Code);
        var lines = File.ReadAllLines(export);
        Assert.Equal(1_000 + 1, lines.Length);
        Assert.Contains("ladder_reason", lines[0]);
    }

    [Fact]
    public void The_demo_ends_with_the_analysis_of_its_company()
    {
        var demo = _cli.Run("demo", "--customers", "500");
        Assert.True(demo.Code == 0, demo.Error);
        Assert.Contains("Analyzed 500 parties", demo.Out);
        Assert.Contains("Worth a first look:", demo.Out);
        Assert.Equal(0, _cli.Run("customers", "--top", "3").Code);
    }

    [Fact]
    public void An_override_wins_at_the_next_analysis_and_shows_its_reason_and_author()
    {
        Demo();
        Assert.Equal(0, _cli.Run("analyze").Code);
        var bzc = _cli.Run("customers", "--where", "value_class=BZC", "--top", "1", "--format", "json");
        var id = (string)JsonNode.Parse(bzc.Out)!.AsArray()[0]!["customer_id"]!;
        Assert.Equal(0, _cli.Run("override", id, "--dimension", "value_class", "--class", "MVC", "--reason", "flagship account: brings traffic", "--by", "anna").Code);
        Assert.Equal(0, _cli.Run("analyze").Code);
        var profile = JsonNode.Parse(_cli.Run("customer", id, "--format", "json").Out)!;
        var text = profile.ToJsonString();
        Assert.Contains("override by anna", text);
        Assert.Contains("flagship account: brings traffic", text);
        Assert.Contains("(computed: BZC:", text);
    }

    [Fact]
    public void Thin_data_falls_back_to_rules_and_says_so()
    {
        var orders = _cli.File("o.csv", "customer_id,ordered_at,amount\nA,2024-01-01,10\nA,2024-02-01,12\nB,2024-01-05,30\nC,2024-03-01,5\nC,2024-03-20,7\nC,2024-05-01,9\n");
        Assert.Equal(0, _cli.Run("import", "orders", orders).Code);
        var analyze = _cli.Run("analyze");
        Assert.True(analyze.Code == 0, analyze.Error);
        Assert.Contains("no repeat-purchase model", analyze.Out);
        Assert.Contains("rules", analyze.Out);
        var ladder = JsonNode.Parse(_cli.Run("customers", "--format", "json", "--sort", "customer_id asc").Out)!.AsArray();
        Assert.Equal(["customer", "buyer", "customer"], ladder.Select(r => (string)r!["ladder"]!));
    }

    [Fact]
    public void A_degenerate_fit_is_refused_and_the_analysis_says_which_model_why_and_what_it_fell_back_to_with_nothing_non_finite_stored()
    {
        // Hostile but valid: 40 customers who have bought 25.00 every Monday for two years up to the last day. Nobody has
        // dropped out and nobody differs, so every model's optimum runs off to a boundary (BG/NBD's a, Pareto/NBD's s toward 0).
        var orders = new StringBuilder("order_id,customer_id,ordered_at,amount\n");
        var first = new DateOnly(2023, 1, 2);
        for (var c = 0; c < 40; c++)
            for (var week = 0; week < 105; week++)
                orders.Append(CultureInfo.InvariantCulture, $"O{c}-{week},C{c},{first.AddDays(7 * week):yyyy-MM-dd},25.00\n");
        Assert.Equal(0, _cli.Run("import", "orders", _cli.File("orders.csv", orders.ToString())).Code);

        var analyze = _cli.Run("analyze");
        Assert.True(analyze.Code == 0, analyze.Error);
        Assert.Contains("Scores: rules: each customer's own repeat rate x / T over the horizon, no dropout; no prediction without a repeat purchase.", analyze.Out);
        // The holdout comparison refuses both calibration fits, both full fits are refused in turn, then the rules.
        Assert.Contains("BG/NBD: refused: degenerate optimum: a = ", analyze.Out);
        var fallback = Assert.Single(analyze.Out.Split('\n'), line => line.Contains("note: no repeat-purchase model:", StringComparison.Ordinal)).Trim();
        Assert.Matches(@"^note: no repeat-purchase model: BG/NBD was refused: degenerate optimum: a = \S+ is below 1e-6; .*; Pareto/NBD was refused: degenerate optimum: s = \S+ is below 1e-6; .*\. The scores fall back to the rules: expected purchases follow each customer's own past rate \(x / T over the horizon, no dropout; no prediction without a repeat purchase\) and P\(alive\) is left to the churn rules\.$", fallback);
        Assert.Contains("note: Gamma-Gamma was refused: degenerate optimum: ", analyze.Out);

        using var connection = new DuckDBConnection($"Data Source={_cli.Workspace}");
        connection.Open();
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT model, scoring_method, report FROM snapshots";
        using (var snapshot = query.ExecuteReader())
        {
            Assert.True(snapshot.Read());
            Assert.True(snapshot.IsDBNull(0), "no model is stored as the analysis' model");
            Assert.StartsWith("rules:", snapshot.GetString(1));
            var report = JsonNode.Parse(snapshot.GetString(2))!;
            Assert.Contains(fallback["note: ".Length..], report["notes"]!.AsArray().Select(n => (string)n!));
            Assert.Null(report["scoring"]!["model"]);
            Assert.Empty(report["scoring"]!["parameters"]!.AsObject());
        }
        query.CommandText = "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'snapshot%'";
        var tables = new List<string>();
        using (var names = query.ExecuteReader())
            while (names.Read()) tables.Add(names.GetString(0));
        Assert.Contains("snapshot_customers", tables);
        var rows = 0;
        foreach (var table in tables)
        {
            query.CommandText = $"SELECT * FROM {table}";
            using var reader = query.ExecuteReader();
            while (reader.Read())
            {
                rows++;
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (reader.IsDBNull(i)) continue;
                    var value = reader.GetValue(i);
                    if (value is double d) Assert.True(double.IsFinite(d), $"{table}.{reader.GetName(i)} is {d}");
                    if (value is string text)
                        Assert.False(text.Contains("Infinity", StringComparison.Ordinal) || text.Contains('∞', StringComparison.Ordinal) || text.Contains("NaN", StringComparison.Ordinal),
                            $"{table}.{reader.GetName(i)}: {text}");
                }
            }
        }
        Assert.True(rows >= 41, $"{rows} snapshot rows read");
    }

    [Fact]
    public void A_bad_options_file_is_refused_with_its_line_and_nothing_is_stored()
    {
        Demo(300);
        var options = _cli.File("options.json", "{\n  \"ladder\": {\n    \"advocatePoints\": \"many\"\n  }\n}\n");
        var analyze = _cli.Run("analyze", "--options", options);
        Assert.Equal(1, analyze.Code);
        Assert.Contains("options.json:3:", analyze.Error);
        Assert.Equal(1, _cli.Run("customers").Code);
        var unknown = _cli.File("unknown.json", "{ \"ladder\": { \"advocatPoints\": 2 } }");
        var set = _cli.Run("options", "--set", unknown);
        Assert.Equal(1, set.Code);
        Assert.Contains("advocatPoints", set.Error);
    }

    [Fact]
    public void Stored_options_change_the_classes_and_the_playbook()
    {
        Demo(300);
        var options = _cli.File("options.json", """
            { // fewer VIPs, and our own words for them
              "valueTier": { "vipShare": 0.01 },
              "playbook": { "actions": { "value_tier": { "VIP": "Invite to the founders' dinner." } } },
            }
            """);
        Assert.Equal(0, _cli.Run("options", "--set", options).Code);
        Assert.Contains("\"vipShare\": 0.01", _cli.Run("options").Out);
        Assert.Equal(0, _cli.Run("analyze").Code);
        var vips = JsonNode.Parse(_cli.Run("customers", "--where", "value_tier=VIP", "--format", "json").Out)!.AsArray();
        Assert.InRange(vips.Count, 1, 4);
        Assert.Contains("Invite to the founders' dinner.", _cli.Run("customer", (string)vips[0]!["customer_id"]!).Out);
    }

    [Fact]
    public void Analyze_runs_on_the_cdnow_master_log()
    {
        var file = SharedData.Require("cdnow/CDNOW_master.txt");
        Assert.Equal(0, _cli.Run("import", "orders", file, "--delimiter", "whitespace", "--date-format", "yyyyMMdd",
            "--map", "ordered_at=date", "--map", "quantity=number_of_cds", "--map", "amount=dollar_value").Code);
        var analyze = _cli.Run("analyze", "--format", "json");
        Assert.True(analyze.Code == 0, analyze.Error);
        var report = JsonNode.Parse(analyze.Out)!;
        TestContext.Current.SendDiagnosticMessage(report.ToJsonString());
        Assert.Equal(23_570, (int)report["customers"]!);
        Assert.False((bool)report["scoring"]!["usesMargin"]!);
        // CDNOW has repeat buyers whose repeat orders are all $0: they must not stop Gamma-Gamma.
        Assert.Equal("Pareto/NBD + Gamma-Gamma", (string)report["scoring"]!["method"]!);
        var ladder = report["dimensions"]!["ladder"]!["counts"]!;
        // Buyers are the customers who bought on one day: 12,054, the 11,908 with one order line and 146 with several lines that day
        // (the ladder counts purchase occasions, as the models do; it counted order lines before).
        Assert.Equal(12_054, (int)ladder["buyer"]!);
        var churn = report["dimensions"]!["churn_status"]!["counts"]!;
        Assert.True((int)churn["lost"]! + (int)churn["lapsed"]! > (int)churn["active"]!, "most of the 1997 cohort has stopped buying by mid-1998");
    }
}
