using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Clientele.Money;
using Clientele.Storage;
using Clientele.Storage.Report;
using DuckDB.NET.Data;
using Spectre.Console.Testing;

namespace Clientele.Cli.Tests.Commands;

/// <summary>The demo company analyzed twice (mid-year and year end), amounts in EUR: what the report tests read.</summary>
public sealed class AnalyzedDemo : IDisposable
{
    public AnalyzedDemo()
    {
        var demo = Cli.Run("demo", "--customers", "400", "--seed", "7");
        Assert.True(demo.Code == 0, demo.Error);
        var earlier = Cli.Run("analyze", "--as-of", "2025-06-30");
        Assert.True(earlier.Code == 0, earlier.Error);
        Assert.Equal(0, Cli.Run("currency", "EUR").Code);
    }

    public CliRun Cli { get; } = new();

    public void Dispose() => Cli.Dispose();
}

/// <summary><c>clientele report</c> on the analyzed demo company: a self-contained HTML page and its PDF, with the analysis' figures.</summary>
public sealed class ReportCommandTests(AnalyzedDemo demo) : IClassFixture<AnalyzedDemo>
{
    private const string Pdftotext = "/usr/bin/pdftotext";

    private static readonly MoneyFormat Euro = MoneyFormat.Parse("EUR", null);

    private CliRun Cli => demo.Cli;

    /// <summary>Customers per ladder class, as the segments command (not the report) reads them.</summary>
    private Dictionary<string, long> LadderCounts()
    {
        var (code, output, error) = Cli.Run("segments", "--dimension", "ladder", "--format", "json");
        Assert.True(code == 0, error);
        return JsonDocument.Parse(output).RootElement.GetProperty("dimensions")[0].GetProperty("classes").EnumerateArray()
            .Where(c => c.GetProperty("class").ValueKind == JsonValueKind.String)
            .ToDictionary(c => c.GetProperty("class").GetString()!, c => c.GetProperty("customers").GetInt64());
    }

    /// <summary>The actual customers' total value, summed here with SQL of the test's own.</summary>
    private double TotalValue()
    {
        using var connection = new DuckDBConnection($"Data Source={Cli.Workspace};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT sum(value) FROM snapshot_customers
            WHERE as_of = (SELECT max(as_of) FROM snapshots) AND value_class IS NOT NULL AND isfinite(value)
            """;
        return Convert.ToDouble(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static string Spaces(string text) => text.Replace('\u00A0', ' ');

    /// <summary>The actual customers' values, read and sorted here (not by the report's window query).</summary>
    private List<double> ActualValuesLargestFirst()
    {
        using var connection = new DuckDBConnection($"Data Source={Cli.Workspace};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT value FROM snapshot_customers
            WHERE as_of = (SELECT max(as_of) FROM snapshots) AND value_class IS NOT NULL AND isfinite(value)
            """;
        using var reader = command.ExecuteReader();
        var values = new List<double>();
        while (reader.Read()) values.Add(reader.GetDouble(0));
        values.Sort((a, b) => b.CompareTo(a));
        return values;
    }

    [Fact]
    public void The_top_5_and_20_percent_value_shares_are_those_of_the_customers_sorted_by_value()
    {
        Assert.Equal(0, Cli.Run("report", "--out", Path.Combine(Cli.Folder, "shares.html")).Code);
        var html = Spaces(System.Net.WebUtility.HtmlDecode(File.ReadAllText(Path.Combine(Cli.Folder, "shares.html"))));
        var values = ActualValuesLargestFirst();
        Assert.True(values.Count > 100, $"only {values.Count} actual customers");
        var total = values.Sum();
        foreach (var percent in new[] { 5, 20 })
        {
            var n = (int)Math.Ceiling(values.Count * percent / 100.0);
            var share = values.Take(n).Sum() / total * 100;
            var expected = $"top {percent} % ({n.ToString("N0", CultureInfo.InvariantCulture)} customers)";
            Assert.Contains(expected, html);
            Assert.Contains($"{share.ToString("N1", CultureInfo.InvariantCulture)} % · {Spaces(Euro.Amount(values.Take(n).Sum()))}", html);
        }
        var top20 = values.Take((int)Math.Ceiling(values.Count * 0.2)).Sum() / total * 100;
        Assert.Contains($"<b>{top20.ToString("N1", CultureInfo.InvariantCulture)} %</b><span>of the value held by the top 20 %</span>", html);
    }

    [Fact]
    public void Each_ranked_action_carries_its_customers_as_the_csv_the_customers_command_exports()
    {
        Assert.Equal(0, Cli.Run("report", "--out", Path.Combine(Cli.Folder, "lists.html")).Code);
        var html = File.ReadAllText(Path.Combine(Cli.Folder, "lists.html"));
        var links = Regex.Matches(html, @"<a class=""list"" data-testid=""list-([a-z_]+)-([^""]+)"" download=""([^""]+)"" href=""data:text/csv;charset=utf-8;base64,([^""]*)"">CSV</a>");
        var rows = Regex.Matches(html, @"<td>[^<]*</td><td>[^<]*: [^<]*</td><td class=""n"">([0-9,]+)</td>");
        Assert.True(links.Count >= 3, $"only {links.Count} action lists in the report");
        Assert.Equal(links.Count, rows.Count);
        for (var i = 0; i < links.Count; i++)
        {
            var (dimension, @class) = (links[i].Groups[1].Value, System.Net.WebUtility.HtmlDecode(links[i].Groups[2].Value));
            Assert.Equal($"report-2025-12-31-{dimension}-", links[i].Groups[3].Value[..(19 + dimension.Length)]);
            var csv = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(links[i].Groups[4].Value));
            var (code, exported, error) = Cli.Run("customers", "--where", $"{dimension}={@class}", "--format", "csv");
            Assert.True(code == 0, error);
            Assert.Equal(exported.ReplaceLineEndings("\n"), csv);
            var customers = long.Parse(rows[i].Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            Assert.Equal(customers, csv.Count(c => c == '\n') - 1);
        }
    }

    [Fact]
    public void A_list_longer_than_the_cap_carries_the_most_valuable_customers_and_says_it_is_cut()
    {
        const int cap = 7;
        string html;
        using (var workspace = Workspace.Open(Cli.Workspace)) html = ReportHtml.Write(ManagerReport.Read(workspace, listed: cap));
        var links = Regex.Matches(html, @"data-testid=""list-([a-z_]+)-([^""]+)"" download=""[^""]+"" href=""data:text/csv;charset=utf-8;base64,([^""]*)"">([^<]*)</a>");
        var rows = Regex.Matches(html, @"<td>[^<]*</td><td>[^<]*: [^<]*</td><td class=""n"">([0-9,]+)</td>");
        Assert.Equal(links.Count, rows.Count);
        var cut = 0;
        for (var i = 0; i < links.Count; i++)
        {
            var customers = long.Parse(rows[i].Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            var csv = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(links[i].Groups[3].Value));
            var (code, exported, error) = Cli.Run("customers", "--where", $"{links[i].Groups[1].Value}={System.Net.WebUtility.HtmlDecode(links[i].Groups[2].Value)}", "--format", "csv");
            Assert.True(code == 0, error);
            var head = exported.ReplaceLineEndings("\n").Split('\n').Take(1 + (int)Math.Min(customers, cap));
            Assert.Equal(string.Join('\n', head) + "\n", csv);
            Assert.Equal(customers > cap ? $"CSV, the {cap} most valuable" : "CSV", links[i].Groups[4].Value);
            if (customers > cap) cut++;
        }
        Assert.True(cut >= 3, $"only {cut} lists longer than {cap} customers: the cap is not exercised");
    }

    [Fact]
    public void The_html_report_refers_to_nothing_outside_the_file_and_runs_no_script()
    {
        var (code, output, error) = Cli.Run("report", "--out", Path.Combine(Cli.Folder, "r.html"));
        Assert.True(code == 0, error);
        Assert.Contains("Wrote the report on the analysis as of 2025-12-31", output);
        var html = File.ReadAllText(Path.Combine(Cli.Folder, "r.html"));
        Assert.DoesNotMatch(new Regex(@"(src|href)\s*=\s*[""']?\s*(https?:)?//", RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.True(Regex.Count(html, "<svg ") >= 6, "the charts are inline SVG");
    }

    [Fact]
    public void The_html_report_shows_the_analysis_counts_per_ladder_class_and_its_total_value_in_euro()
    {
        Assert.Equal(0, Cli.Run("report", "--out", Path.Combine(Cli.Folder, "headline.html")).Code);
        var html = Spaces(System.Net.WebUtility.HtmlDecode(File.ReadAllText(Path.Combine(Cli.Folder, "headline.html"))));
        var counts = LadderCounts();
        Assert.Equal(6, counts.Count);
        foreach (var (@class, customers) in counts)
            Assert.Contains($"<tr><td>{@class}</td><td class=\"n\">{customers.ToString("N0", CultureInfo.InvariantCulture)}</td>", html);
        Assert.Contains($"<b>{Spaces(Euro.Amount(TotalValue()))}</b><span>value of the actual customers (EUR)</span>", html);
        Assert.Contains("Money in EUR", html);
        Assert.Contains("predicted by the model", html);
        Assert.Contains("Changes are measured against the analysis as of 2025-06-30.", html);
        Assert.Contains("<h2>What to do next</h2>", html);
        Assert.Contains("the most valuable who moved down", html);
    }

    [Fact]
    public void The_pdf_report_carries_the_headline_figures_as_text()
    {
        Assert.True(File.Exists(Pdftotext), $"this test needs {Pdftotext}: `apt-get install poppler-utils` (bash .ci/run installs it).");
        var pdf = Path.Combine(Cli.Folder, "r.pdf");
        var (code, _, error) = Cli.Run("report", "--out", pdf);
        Assert.True(code == 0, error);
        Assert.StartsWith("%PDF", File.ReadAllText(pdf)[..4]);
        var start = new ProcessStartInfo(Pdftotext) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-layout", pdf, "-" }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var text = Spaces(process.StandardOutput.ReadToEnd());
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        Assert.Contains("Customer report as of 2025-12-31", text);
        Assert.Contains(Spaces(Euro.Amount(TotalValue())), text);
        var counts = LadderCounts();
        var all = counts.Values.Sum();
        foreach (var (@class, customers) in counts)
            Assert.Matches(new Regex($@"{Regex.Escape(@class)}\s+{customers.ToString("N0", CultureInfo.InvariantCulture)}\s+{Regex.Escape((customers * 100.0 / all).ToString("N1", CultureInfo.InvariantCulture))} %"), text);
    }

    [Fact]
    public void Without_chromium_a_pdf_report_fails_with_a_message_that_says_what_to_install()
    {
        var console = new TestConsole();
        var error = new StringWriter();
        var context = new CliContext(console, error, TimeProvider.System,
            name => name switch { "CLIENTELE_WORKSPACE" => Cli.Workspace, "CLIENTELE_CHROMIUM" => "/nonexistent/chromium", _ => null }, Interactive: false);
        var pdf = Path.Combine(Cli.Folder, "none.pdf");
        Assert.Equal(1, CliApp.Run(["report", "--out", pdf], context));
        Assert.Contains("a PDF report needs Chromium at /nonexistent/chromium (apt-get install chromium)", error.ToString());
        Assert.False(File.Exists(pdf));
    }

    [Theory]
    [InlineData("report.txt", "give a file ending in .html or .pdf")]
    [InlineData("no-such-folder/report.html", "does not exist")]
    public void A_report_to_a_file_it_cannot_write_is_refused_with_a_message(string file, string expected)
    {
        var (code, output, error) = Cli.Run("report", "--out", Path.Combine(Cli.Folder, file));
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void A_report_as_of_a_date_without_an_analysis_names_the_dates_there_are()
    {
        var (code, _, error) = Cli.Run("report", "--as-of", "2024-01-01", "--out", Path.Combine(Cli.Folder, "x.html"));
        Assert.Equal(1, code);
        Assert.Contains("the workspace has analyses as of 2025-06-30, 2025-12-31", error);
    }

    [Fact]
    public void The_first_analysis_reports_no_changes()
    {
        var (code, _, error) = Cli.Run("report", "--as-of", "2025-06-30", "--out", Path.Combine(Cli.Folder, "first.html"));
        Assert.True(code == 0, error);
        var html = File.ReadAllText(Path.Combine(Cli.Folder, "first.html"));
        Assert.Contains("This is the first analysis of the workspace", html);
        Assert.DoesNotContain("the most valuable who moved down", html);
    }
}
