using Clientele.Classification;
using Clientele.Customers;
using Clientele.Storage.Analysis;

namespace Clientele.Storage.Tests.Analysis;

/// <summary>
/// The classes of the CDNOW master log (real data, no wallets, margins, segments or interactions) are plausible and every
/// reason reads true: the regression tests of the findings on real data (issue 10). Skipped when ../shared/data is absent.
/// </summary>
public sealed class CdnowClassTests(CdnowMaster cdnow) : IClassFixture<CdnowMaster>
{
    private static List<Dictionary<string, object?>> Rows(Workspace workspace, string sql)
    {
        using var command = workspace.Connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<Dictionary<string, object?>>();
        while (reader.Read())
        {
            var row = new Dictionary<string, object?>();
            for (var k = 0; k < reader.FieldCount; k++) row[reader.GetName(k)] = reader.IsDBNull(k) ? null : reader.GetValue(k);
            rows.Add(row);
        }
        return rows;
    }

    private static long Count(Workspace workspace, string where) =>
        Convert.ToInt64(Rows(workspace, $"SELECT count(*) AS n FROM snapshot_customers WHERE as_of = '1998-06-30' AND {where}")[0]["n"]);

    [Fact]
    public void Every_reason_reads_true_as_printed()
    {
        var workspace = cdnow.Require();
        var (count, violations) = StoredReasons.Check(workspace, CdnowMaster.AsOf);
        Assert.True(count > 200_000, $"only {count} reasons read");
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void MGCs_are_live_and_material_and_stable_between_quarters()
    {
        var workspace = cdnow.Require();
        var mgc = Count(workspace, "value_class = 'MGC'");
        var notLive = Count(workspace, "value_class = 'MGC' AND churn_status IN ('lapsed', 'lost')");
        Assert.True(notLive <= 0.1 * mgc, $"{notLive} of {mgc} MGCs are lapsed or lost");
        Assert.Equal(0, Count(workspace, "value_class = 'MGC' AND (revenue <= 0 OR churn_status IS DISTINCT FROM 'active')"));
        // The count as of the quarter before, in a copy of the analysis: less than 2× apart (it was 272 vs 4,665 when growth was "nothing bought last year").
        var earlier = AnalysisRunner.Run(workspace, new AnalysisRequest { AsOf = new DateOnly(1998, 3, 31), Unit = TimeUnit.Week }, cancellationToken: TestContext.Current.CancellationToken);
        var before = earlier.Result.Dimension("value_class").Class.Count(c => c == "MGC");
        Assert.True(before > 0 && mgc > 0, $"MGC as of 1998-03-31: {before}, as of 1998-06-30: {mgc}");
        Assert.True(Math.Max(before, mgc) < 2.0 * Math.Min(before, mgc), $"MGC as of 1998-03-31: {before}, as of 1998-06-30: {mgc}");
    }

    [Fact]
    public void Without_wallets_the_strategy_says_share_unknown_and_no_top_customer_is_told_to_abandon()
    {
        var workspace = cdnow.Require();
        Assert.Equal(0, Count(workspace, "strategy IN ('keep', 'maintain-or-acquire', 'develop', 'acquire-or-abandon')"));
        Assert.True(Count(workspace, "strategy = 'share-unknown'") > 1_000);
        Assert.Equal(0, Count(workspace, "value_tier = 'VIP' AND strategy = 'acquire-or-abandon'"));
        Assert.Equal(0, Count(workspace, "value_class = 'MVC' AND strategy = 'acquire-or-abandon'"));
        // The top customer (201 orders) and the lost VIP 00586: share unknown, and lapsed/lost customers are left to churn.
        var top = Rows(workspace, "SELECT strategy, churn_status FROM snapshot_customers WHERE as_of = '1998-06-30' AND customer_id = '07592'")[0];
        Assert.Equal("share-unknown", top["strategy"]);
        var lost = Rows(workspace, "SELECT strategy, churn_status FROM snapshot_customers WHERE as_of = '1998-06-30' AND customer_id = '00586'")[0];
        Assert.Null(lost["strategy"]);
        Assert.Contains("churn status", Reason(workspace, "00586", Dimensions.Strategy));
    }

    [Fact]
    public void The_ladder_counts_purchase_occasions_not_order_lines()
    {
        var workspace = cdnow.Require();
        Assert.Equal(0, Count(workspace, "frequency = 0 AND ladder <> 'buyer'"));
        Assert.Equal(0, Count(workspace, "frequency > 0 AND ladder = 'buyer'"));
        var sameDay = Rows(workspace, "SELECT customer_id FROM snapshot_customers WHERE as_of = '1998-06-30' AND frequency = 0 AND orders = 2 ORDER BY customer_id LIMIT 1");
        Assert.Contains("bought on 1 day (2 orders on that day)", Reason(workspace, (string)sameDay[0]["customer_id"]!, Dimensions.Ladder));
    }

    [Fact]
    public void The_model_choice_note_gives_the_total_holdout_error()
    {
        var run = cdnow.Run;
        cdnow.Require();
        var note = run!.Result.Notes.First(n => n.StartsWith("model chosen by holdout fit", StringComparison.Ordinal));
        Assert.Contains("total error", note);
    }

    /// <summary>A customer's reason on a dimension as the snapshot of 1998-06-30 renders it when read.</summary>
    private static string Reason(Workspace workspace, string customerId, string dimension) =>
        Clientele.Storage.Snapshots.SnapshotQuery.Profile(workspace, customerId, new DateOnly(1998, 6, 30)).Classes.Single(c => c.Dimension == dimension).Reason!;
}
