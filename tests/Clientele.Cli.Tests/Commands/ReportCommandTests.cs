using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Clientele.Classification;
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
        var links = Regex.Matches(html, @"<a class=""list"" data-testid=""list-([a-z_]+)-([^""]+)"" download=""([^""]+)"" href=""data:text/csv;charset=utf-8;base64,([^""]*)"">CSV</a> <code>clientele customers ([^<]*) --format csv</code>");
        var rows = Regex.Matches(html, @"<td>[^<]*</td><td>[^<]*: [^<]*</td><td class=""n"">([0-9,]+)</td>");
        Assert.True(links.Count >= 3, $"only {links.Count} action lists in the report");
        Assert.Equal(links.Count, rows.Count);
        for (var i = 0; i < links.Count; i++)
        {
            var (dimension, @class) = (links[i].Groups[1].Value, System.Net.WebUtility.HtmlDecode(links[i].Groups[2].Value));
            Assert.Equal($"report-2025-12-31-{dimension}-", links[i].Groups[3].Value[..(19 + dimension.Length)]);
            var csv = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(links[i].Groups[4].Value));
            // The command the report prints lists the same customers (a buyer's ladder action's: only the active and at-risk; a level
            // of service's: none lapsed or lost).
            var where = ShellWords(links[i].Groups[5].Value);
            string[] expected = (dimension, @class) switch
            {
                (Dimensions.Ladder, "buyer" or "customer" or "supporter" or "advocate") => ["--where", $"{dimension}={@class}", "--where", "churn_status=active,at-risk"],
                (Dimensions.ValueTier, _) or (Dimensions.ValueClass, "MVC" or "other") => ["--where", $"{dimension}={@class}", "--where", "churn_status!=lapsed,lost"],
                _ => ["--where", $"{dimension}={@class}"],
            };
            Assert.Equal(expected, where);
            var (code, exported, error) = Cli.Run(["customers", .. where, "--format", "csv"]);
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
        var links = Regex.Matches(html, @"data-testid=""list-([a-z_]+)-([^""]+)"" download=""[^""]+"" href=""data:text/csv;charset=utf-8;base64,([^""]*)"">([^<]*)</a> <code>clientele customers ([^<]*) --format csv</code>");
        var rows = Regex.Matches(html, @"<td>[^<]*</td><td>[^<]*: [^<]*</td><td class=""n"">([0-9,]+)</td>");
        Assert.Equal(links.Count, rows.Count);
        var cut = 0;
        for (var i = 0; i < links.Count; i++)
        {
            var customers = long.Parse(rows[i].Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            var csv = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(links[i].Groups[3].Value));
            var (code, exported, error) = Cli.Run(["customers", .. ShellWords(links[i].Groups[5].Value), "--format", "csv"]);
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
        Assert.Matches(@"Future value and P\(alive\) are predicted by [A-Z][^;(]+; classes follow", html);
        Assert.Contains("Changes are measured against the analysis as of 2025-06-30.", html);
        Assert.Contains("<h2>What to do next</h2>", html);
        Assert.Contains("the most valuable who moved down", html);
    }

    private static string N0(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string N1(double x) => x.ToString("N1", CultureInfo.InvariantCulture);

    /// <summary>The rows of the table under a heading of the concerns section, cells joined by " | ".</summary>
    private static List<string> TableAfter(string html, string heading)
    {
        var at = html.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(at >= 0, $"no '{heading}' in the report");
        var table = html[at..html.IndexOf("</table>", at, StringComparison.Ordinal)];
        return [.. Regex.Matches(table, "<tr>(.*?)</tr>").Skip(1)
            .Select(r => string.Join(" | ", Regex.Matches(r.Groups[1].Value, "<td[^>]*>(.*?)</td>").Select(c => c.Groups[1].Value)))];
    }

    [Fact]
    public void The_concerns_section_shows_the_figures_counted_from_the_interactions_and_the_analyses()
    {
        Assert.Equal(0, Cli.Run("report", "--out", Path.Combine(Cli.Folder, "concerns.html")).Code);
        var html = Spaces(System.Net.WebUtility.HtmlDecode(File.ReadAllText(Path.Combine(Cli.Folder, "concerns.html"))));
        var section = html[html.IndexOf("<h2>What people care about</h2>", StringComparison.Ordinal)..html.IndexOf("<h2>What to do next</h2>", StringComparison.Ordinal)];
        var now = ConcernsByHand.Read(Cli.Workspace, new DateOnly(2025, 12, 31));
        var before = ConcernsByHand.Read(Cli.Workspace, new DateOnly(2025, 6, 30));

        // The whole base: who raised any, then the top needs and the top concerns in general apart, each with its trend.
        var all = now.Group();
        Assert.Contains($"{N0(now.Concerns.Count)} of {N0(all.Count)} customers raised at least one concern", section);
        var baseFigures = now.Figures(all);
        var previousBase = before.Figures(before.Group());
        foreach (var general in new[] { false, true })
        {
            var top = ConcernsByHand.Ranked(baseFigures, general).Take(ManagerReport.ConcernsShown).ToList();
            Assert.True(top.Count >= 3, $"only {top.Count} {(general ? "concerns in general" : "needs")} in the demo");
            var chart = section[section.IndexOf(general ? "Concerns in general: share" : "Needs: share", StringComparison.Ordinal)..];
            chart = chart[..chart.IndexOf("</svg>", StringComparison.Ordinal)];
            var bars = Regex.Matches(chart, @">([^<>]+)</text>").Select(m => m.Groups[1].Value).Where(t => t.Contains(" customers", StringComparison.Ordinal)).ToList();
            Assert.Equal(top.Select(f => $"{N1(f.Share * 100)} % · {N0(f.Customers)} customers · {ConcernsByHand.Points(f.Share, previousBase.GetValueOrDefault(f.Concern).Share)}"), bars);
            foreach (var f in top) Assert.Contains($">{f.Concern}</text>", chart);
        }

        // Where a need stands out: every segment's needs raised by enough customers, more often than the base, highest lift first.
        var segments = now.Members.Values.Select(m => m.Segment).OfType<string>().Distinct().ToList();
        var standing = segments.SelectMany(segment =>
            {
                var members = now.Group(m => m.Segment == segment);
                var previous = before.Group(m => m.Segment == segment);
                var previousFigures = before.Figures(previous);
                return now.Figures(members).Where(p => !ConcernsByHand.IsGeneral(p.Key) && p.Value.Customers >= ManagerReport.StandingOutMinimum)
                    .Select(p => (Segment: segment, Need: p.Key, p.Value.Customers, Of: members.Count, p.Value.Share, Lift: p.Value.Share / baseFigures[p.Key].Share,
                        Trend: previous.Count == 0 ? "–" : ConcernsByHand.Points(p.Value.Share, previousFigures.GetValueOrDefault(p.Key).Share)));
            })
            .Where(x => x.Lift > 1).OrderByDescending(x => x.Lift).ThenBy(x => x.Segment, StringComparer.Ordinal).Take(ManagerReport.StandingOutShown).ToList();
        Assert.True(standing.Count >= 2, $"only {standing.Count} segment needs stand out in the demo: the table is not exercised");
        Assert.Equal(standing.Select(x => $"{x.Segment} | {x.Need} | {N0(x.Customers)} of {N0(x.Of)} | {N1(x.Share * 100)} % | {N1(x.Lift)}× | {x.Trend}"),
            TableAfter(section, "<h3>Where a need stands out</h3>"));

        // Lost customers' concerns beside the active ones': the top needs, then the top concerns in general, of the lost.
        var lost = now.Group(m => m.ChurnStatus == "lost");
        var active = now.Group(m => m.ChurnStatus == "active");
        var (lostFigures, activeFigures) = (now.Figures(lost), now.Figures(active));
        var lostBefore = before.Figures(before.Group(m => m.ChurnStatus == "lost"));
        var rows = new[] { false, true }.SelectMany(general => ConcernsByHand.Ranked(lostFigures, general).Take(ManagerReport.ConcernsShown).Select(f =>
        {
            var activeShare = activeFigures.GetValueOrDefault(f.Concern).Share;
            return $"{f.Concern} | {(general ? "in general" : "need")} | {N1(f.Share * 100)} % | {N1(activeShare * 100)} % | " +
                $"{(activeShare > 0 ? N1(f.Share / activeShare) + "×" : "–")} | {ConcernsByHand.Points(f.Share, lostBefore.GetValueOrDefault(f.Concern).Share)}";
        })).ToList();
        Assert.True(rows.Count >= 4 && lost.Count > 0, $"{lost.Count} lost customers, {rows.Count} concerns: the table is not exercised");
        Assert.Contains($"<th class=\"n\">lost ({N0(lost.Count)})</th><th class=\"n\">active ({N0(active.Count)})</th>", section);
        Assert.Equal(rows, TableAfter(section, "What lost customers raised before they left, beside active customers"));
        Assert.Contains("since the analysis as of 2025-06-30", section);
    }

    [Fact]
    public void Without_interactions_that_name_a_concern_the_section_says_why_and_shows_no_figures()
    {
        using var cli = new CliRun();
        var orders = new System.Text.StringBuilder("order_id,customer_id,ordered_at,amount\n");
        for (var c = 0; c < 60; c++)
            for (var j = 0; j <= c % 4; j++)
                orders.Append(CultureInfo.InvariantCulture, $"O{c}-{j},C{c:000},2024-{1 + (c * 3 + j * 4) % 12:00}-{1 + (c + j * 7) % 28:00},{10 + c + j * 5}.50\n");
        Assert.Equal(0, cli.Run("import", "orders", cli.File("orders.csv", orders.ToString())).Code);
        var analyzed = cli.Run("analyze", "--as-of", "2024-12-31");
        Assert.True(analyzed.Code == 0, analyzed.Error);
        string Section()
        {
            var (code, _, error) = cli.Run("report", "--out", Path.Combine(cli.Folder, "r.html"));
            Assert.True(code == 0, error);
            var html = System.Net.WebUtility.HtmlDecode(File.ReadAllText(Path.Combine(cli.Folder, "r.html")));
            var at = html.IndexOf("<h2>What people care about</h2>", StringComparison.Ordinal);
            var section = html[at..html.IndexOf("</section>", at, StringComparison.Ordinal)];
            Assert.DoesNotContain("<table", section, StringComparison.Ordinal);
            Assert.DoesNotContain("<svg", section, StringComparison.Ordinal);
            Assert.DoesNotContain("%", section, StringComparison.Ordinal);
            return section;
        }

        Assert.Contains("The data has no interactions (support contacts, complaints, suggestions, reviews, ...) up to 2024-12-31, so it cannot say what customers care about", Section());
        Assert.Equal(0, cli.Run("import", "interactions", cli.File("open.csv", """
            customer_id,occurred_at,kind,tag,text
            C001,2024-05-01,opportunity,Engaging,
            C002,2024-06-01,opportunity,Prospecting,
            C003,2024-06-01,inquiry,,Please send the price list
            C004,2025-02-01,support,price,
            """)).Code);
        Assert.Contains("None of the 3 interactions up to 2024-12-31 (2 of kind opportunity, 1 of kind inquiry) is of a kind that names a concern (support, complaint, suggestion, review;", Section());
        Assert.Equal(0, cli.Run("import", "interactions", cli.File("support.csv", """
            customer_id,occurred_at,kind,tag,text
            C005,2024-07-01,support,,"All good, thank you"
            """)).Code);
        Assert.Contains("None of the 4 interactions up to 2024-12-31 (2 of kind opportunity, 1 of kind inquiry, 1 of kind support) names a concern by its tag or its text", Section());
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
        Assert.Contains("<h2>What people care about</h2>", html);
        Assert.Contains("No previous analysis, so no trend.", html);
        Assert.DoesNotContain(" pp<", html, StringComparison.Ordinal);
    }

    /// <summary>The arguments of a command as the report prints it (HTML-encoded POSIX shell words: bare or in single quotes).</summary>
    private static string[] ShellWords(string html) =>
        [.. Regex.Matches(System.Net.WebUtility.HtmlDecode(html), @"'([^']*)'|(\S+)").Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)];
}
