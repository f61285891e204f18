using Clientele.Classification;
using Clientele.Storage.Snapshots;

namespace Clientele.Storage.Tests.Snapshots;

public sealed class ActionStakesTests : IDisposable
{
    private readonly TempWorkspace _temp = new();

    private Workspace Workspace => _temp.Workspace!;

    public ActionStakesTests()
    {
        HandMadeSnapshots.InsertBoth(Workspace.Connection);
        // Future net values of the second analysis: C3 (lapsed, a value class of "other") is expected to cost more than it brings.
        Workspace.Execute($"""
            UPDATE snapshot_customers SET future_net_value = CASE customer_id WHEN 'C1' THEN 1000 WHEN 'C2' THEN 3000 WHEN 'C3' THEN -4000 WHEN 'C5' THEN 50 END
            WHERE as_of = DATE '{HandMadeSnapshots.Second}'
            """);
    }

    public void Dispose() => _temp.Dispose();

    // C3's loss ties with C1 and C2's gain as leaders: more customers first, then the dimension's name (churn_reason, churn_status, value_tier).
    [Fact]
    public void Actions_rank_by_the_size_of_the_summed_future_net_value_each_influence_role_apart_and_losses_by_their_size()
    {
        var top = ActionStakes.Rank(Workspace, top: 3);
        Assert.Equal(
            [
                new ActionAtStake(Dimensions.Influence, "leader", Playbook.Defaults[Dimensions.Influence]["leader"], 2, 4000),
                new ActionAtStake(Dimensions.ChurnReason, "price", Playbook.Defaults[Dimensions.ChurnReason]["price"], 1, -4000),
                new ActionAtStake(Dimensions.ChurnStatus, "lapsed", Playbook.Defaults[Dimensions.ChurnStatus]["lapsed"], 1, -4000),
            ],
            top);
    }

    [Fact]
    public void The_snapshots_own_playbook_words_the_actions_and_routine_service_is_left_out()
    {
        var all = ActionStakes.Rank(Workspace, top: 100);
        var customer = Assert.Single(all, a => a.Dimension == Dimensions.Ladder && a.Class == "customer");
        // Ladder customers are C2 (at-risk) and C3 (lapsed): the ladder's action is for C2 alone, C3's is the churn status's win-back.
        Assert.Equal(("Call every quarter.", 1, 3000.0), (customer.Action, customer.Customers, customer.ValueAtStake));
        Assert.Equal(["C2"], SnapshotQuery.Customers(Workspace, filters: customer.Audience).Rows.Select(r => r.CustomerId));
        foreach (var action in all)
            Assert.Equal(action.Customers, SnapshotQuery.Customers(Workspace, filters: action.Audience, top: 0).Matching);
        Assert.DoesNotContain(all, a => Playbook.Routine.Contains((a.Dimension, a.Class)));
        Assert.DoesNotContain(all, a => a.Dimension == Dimensions.Segment);
        // The first analysis has no future net values: every class is at stake for nothing, and the largest come first.
        var first = ActionStakes.Rank(Workspace, DateOnly.Parse(HandMadeSnapshots.First, System.Globalization.CultureInfo.InvariantCulture), top: 100);
        Assert.All(first, a => Assert.Equal(0, a.ValueAtStake));
        Assert.True(first[0].Customers >= first[^1].Customers);
        // ... and the report says the order is by customers, not by worth; the second analysis's report does not.
        Assert.True(ActionAtStake.NoValueAtStake(first));
        Assert.False(ActionAtStake.NoValueAtStake(all));
        const string byCustomers = "every value at stake is 0 and the actions stand in the order of their numbers of customers";
        var firstDay = DateOnly.Parse(HandMadeSnapshots.First, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(byCustomers, Clientele.Storage.Report.ReportHtml.Write(Clientele.Storage.Report.ManagerReport.Read(Workspace, firstDay)), StringComparison.Ordinal);
        Assert.DoesNotContain(byCustomers, Clientele.Storage.Report.ReportHtml.Write(Clientele.Storage.Report.ManagerReport.Read(Workspace)), StringComparison.Ordinal);
    }
}
