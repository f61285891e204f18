using Clientele.Classification.Concerns;
using Clientele.Storage.Concerns;
using Clientele.Storage.Tests.Analysis;
using Clientele.Storage.Tests.Snapshots;
using DuckDB.NET.Data;

namespace Clientele.Storage.Tests.Concerns;

/// <summary>The trend of <see cref="ConcernQuery"/> on a demo company analysed twice, against the shares counted here row by row.</summary>
public sealed class ConcernTrendTests(TwiceAnalyzedCompany company) : IClassFixture<TwiceAnalyzedCompany>
{
    /// <summary>Per group of a dimension in one analysis: its customers, and per concern the customers raising it (the default rule on every interaction).</summary>
    private (Dictionary<string, HashSet<string>> Members, Dictionary<(string Group, string Concern), HashSet<string>> Raising) Independent(string column, DateOnly day)
    {
        var rule = new ConcernRule(new ConcernOptions());
        var members = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var raising = new Dictionary<(string, string), HashSet<string>>();
        using var command = company.Temp.Workspace!.Connection.CreateCommand();
        command.CommandText = $"""
            SELECT coalesce(s.{column}, '(none)'), s.customer_id, i.kind, i.tag, i.text
            FROM snapshot_customers s
            LEFT JOIN interactions i ON i.customer_id = s.customer_id AND CAST(i.occurred_at AS DATE) <= s.as_of
            WHERE s.as_of = $day
            """;
        command.Parameters.Add(new DuckDBParameter("day", day.ToDateTime(TimeOnly.MinValue)));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            foreach (var group in new[] { reader.GetString(0), "all customers" })
            {
                var customer = reader.GetString(1);
                if (!members.TryGetValue(group, out var set)) members[group] = set = [];
                set.Add(customer);
                if (reader.IsDBNull(2)) continue;
                var concern = rule.ConcernOf(reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4));
                if (concern is null) continue;
                if (!raising.TryGetValue((group, concern), out var who)) raising[(group, concern)] = who = [];
                who.Add(customer);
            }
        }
        return (members, raising);
    }

    [Theory]
    [InlineData("segment")]
    [InlineData("churn_status")]
    public void Each_figure_carries_the_share_of_the_previous_analysis_and_the_change_in_percentage_points(string dimension)
    {
        var report = ConcernQuery.Of(company.Temp.Workspace!, dimension: dimension, top: 100);
        Assert.Equal((company.Latest, company.Earlier), (report.AsOf, report.PreviousAsOf));
        var now = Independent(dimension, company.Latest);
        var before = Independent(dimension, company.Earlier);
        var changed = 0;
        foreach (var group in (IEnumerable<ConcernGroup>)[report.Base, .. report.Groups])
        {
            var key = group.Class ?? "(none)";
            Assert.Equal(before.Members.GetValueOrDefault(key)?.Count ?? 0, group.PreviousCustomers);
            foreach (var figure in group.Concerns)
            {
                Assert.Equal((double)now.Raising[(key, figure.Concern)].Count / now.Members[key].Count, figure.Share, 12);
                if (!before.Members.TryGetValue(key, out var earlier))
                {
                    Assert.Null(figure.PreviousShare);
                    Assert.Null(figure.ChangePoints);
                    continue;
                }
                var share = (double)(before.Raising.GetValueOrDefault((key, figure.Concern))?.Count ?? 0) / earlier.Count;
                Assert.Equal(share, figure.PreviousShare!.Value, 12);
                Assert.Equal((figure.Share - share) * 100, figure.ChangePoints!.Value, 9);
                if (Math.Abs(figure.ChangePoints.Value) >= 0.1) changed++;
            }
        }
        // Half a year of interactions moves shares: a trend that is always 0 would be a fake.
        Assert.True(changed >= 5, $"only {changed} figures changed by 0.1 pp or more");
    }

    [Fact]
    public void The_first_analysis_has_no_trend_rather_than_a_change_of_zero()
    {
        var report = ConcernQuery.Of(company.Temp.Workspace!, asOf: company.Earlier);
        Assert.Null(report.PreviousAsOf);
        foreach (var group in (IEnumerable<ConcernGroup>)[report.Base, .. report.Groups])
        {
            Assert.Null(group.PreviousCustomers);
            Assert.All(group.Concerns, f => Assert.Equal((null, null), (f.PreviousShare, f.ChangePoints)));
        }
        Assert.NotEmpty(report.Base.Concerns);
    }

    [Fact]
    public void A_group_without_customers_in_the_previous_analysis_has_no_previous_share_and_one_without_the_concern_has_zero()
    {
        using var temp = new TempWorkspace();
        HandMadeSnapshots.InsertBoth(temp.Workspace!.Connection);
        // Churn status, first → second: active {C1, C2, C3} → {C1, C5}; lapsed {} → {C3}; none {C5} → {C6}.
        HandMadeSnapshots.Execute(temp.Workspace.Connection, """
            INSERT INTO interactions (customer_id, occurred_at, kind, tag) VALUES
            ('C1', TIMESTAMP '2024-03-01 10:00:00', 'support', 'water-taste'),
            ('C3', TIMESTAMP '2024-05-01 10:00:00', 'support', 'design'),
            ('C6', TIMESTAMP '2024-09-01 10:00:00', 'support', 'water-taste')
            """);
        var report = ConcernQuery.Of(temp.Workspace, dimension: "churn_status");
        Assert.Equal(DateOnly.Parse(HandMadeSnapshots.First, System.Globalization.CultureInfo.InvariantCulture), report.PreviousAsOf);
        var lapsed = Assert.Single(report.Groups, g => g.Class == "lapsed");
        Assert.Equal(0, lapsed.PreviousCustomers);
        Assert.Equal(("design", 1.0, null, null), (lapsed.Concerns[0].Concern, lapsed.Concerns[0].Share, lapsed.Concerns[0].PreviousShare, lapsed.Concerns[0].ChangePoints));
        var active = Assert.Single(report.Groups, g => g.Class == "active");
        Assert.Equal(3, active.PreviousCustomers);
        Assert.Equal(1.0 / 3, active.Concerns[0].PreviousShare!.Value, 12);
        Assert.Equal((0.5 - 1.0 / 3) * 100, active.Concerns[0].ChangePoints!.Value, 9);
        var none = Assert.Single(report.Groups, g => g.Class is null);
        Assert.Equal((1.0, 0.0, 100.0), (none.Concerns[0].Share, none.Concerns[0].PreviousShare, none.Concerns[0].ChangePoints)); // C5 raised nothing: a real 0
        var taste = Assert.Single(report.Base.Concerns, c => c.Concern == "water-taste");
        Assert.Equal(20.0, taste.ChangePoints!.Value, 9);
    }
}
