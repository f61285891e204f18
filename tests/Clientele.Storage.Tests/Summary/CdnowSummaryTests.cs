using System.Globalization;
using Clientele.Customers;
using Clientele.Storage.Import;
using Clientele.Storage.Summary;

namespace Clientele.Storage.Tests.Summary;

/// <summary>
/// The summary reproduces the published CDNOW calibration summary (Fader, Hardie &amp; Lee 2005) from the
/// raw 1/10 sample log: as of 1997-09-30, in weeks. Reads ../shared/data; skipped when it is absent.
/// </summary>
public sealed class CdnowSummaryTests : IDisposable
{
    private readonly TempWorkspace _temp = new();

    private CustomerSummary Summarize()
    {
        var log = SharedData.Require("cdnow/CDNOW_sample.txt");
        new Importer(_temp.Workspace!).Import("orders", log, new ImportOptions
        {
            Delimiter = Delimiter.Whitespace,
            HasHeader = false,
            Columns = ["master_id", "customer_id", "ordered_at", "quantity", "amount"],
            DateFormat = "yyyyMMdd",
        });
        return CustomerSummaryQuery.Run(_temp.Workspace!, new DateOnly(1997, 9, 30), TimeUnit.Week);
    }

    private static List<string[]> Csv(string relative) =>
        File.ReadAllLines(SharedData.Require(relative)).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();

    private static double D(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public void The_sample_log_gives_the_published_frequency_recency_and_T_of_all_2357_customers()
    {
        var published = Csv("cdnow/cdnow_customers_summary.csv");
        var summary = Summarize();
        Assert.Equal(2357, summary.Count);
        var byId = Enumerable.Range(0, summary.Count).ToDictionary(i => int.Parse(summary.CustomerId[i], CultureInfo.InvariantCulture));
        Assert.Equal(published.Select(r => int.Parse(r[0], CultureInfo.InvariantCulture)).Order(), byId.Keys.Order());
        foreach (var row in published)
        {
            var i = byId[int.Parse(row[0], CultureInfo.InvariantCulture)];
            Assert.Equal(D(row[1]), summary.Frequency[i]);
            Assert.True(Math.Abs(D(row[2]) - summary.Recency[i]) <= 0.01, $"customer {row[0]}: recency {summary.Recency[i]} vs {row[2]}");
            Assert.True(Math.Abs(D(row[3]) - summary.T[i]) <= 0.01, $"customer {row[0]}: T {summary.T[i]} vs {row[3]}");
        }
        Assert.Equal(2457, summary.Frequency.Sum());
        Assert.Equal(1411, summary.Frequency.Count(x => x == 0));
    }

    [Fact]
    public void Monetary_value_is_the_published_zbar_the_mean_of_repeat_purchase_days()
    {
        var published = Csv("cdnow/cdnow_customers_summary_with_transactions.csv");
        var summary = Summarize();
        var byId = Enumerable.Range(0, summary.Count).ToDictionary(i => int.Parse(summary.CustomerId[i], CultureInfo.InvariantCulture));
        foreach (var row in published)
        {
            var i = byId[int.Parse(row[0], CultureInfo.InvariantCulture)];
            Assert.True(Math.Abs(D(row[4]) - summary.MonetaryValue[i]) <= 0.005 + 1e-9, $"customer {row[0]}: {summary.MonetaryValue[i]} vs zbar {row[4]}");
        }
        var repeaters = summary.MonetaryValue.Where((_, i) => summary.Frequency[i] > 0).ToArray();
        Assert.Equal(946, repeaters.Length);
        // The published mean is of zbar rounded to cents; each value differs from ours by at most 0.005.
        Assert.True(Math.Abs(repeaters.Average() - 35.0786) < 0.005, $"mean zbar {repeaters.Average()}");
    }

    public void Dispose() => _temp.Dispose();
}
