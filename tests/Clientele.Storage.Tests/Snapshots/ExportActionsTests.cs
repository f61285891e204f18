using Clientele.Classification;
using Clientele.Storage.Snapshots;

namespace Clientele.Storage.Tests.Snapshots;

/// <summary>The actions cell an export streamed to the client writes (a PostgreSQL workspace's), as DuckDB's SQL join writes it.</summary>
public sealed class ExportActionsTests
{
    private static string? Of(string? ladder, string? churnStatus)
    {
        var classes = Dimensions.All.Select(d => d == Dimensions.Ladder ? ladder : d == Dimensions.ChurnStatus ? churnStatus : null).ToList();
        return new ExportActions(new Playbook()).Of(classes);
    }

    [Fact]
    public void A_buyer_s_ladder_action_is_given_only_while_its_churn_status_is_active_or_at_risk()
    {
        var customer = $"ladder=customer: {Playbook.Defaults[Dimensions.Ladder]["customer"]}";
        Assert.Equal($"{customer} | churn_status=at-risk: {Playbook.Defaults[Dimensions.ChurnStatus]["at-risk"]}", Of("customer", "at-risk"));
        Assert.Equal($"churn_status=lapsed: {Playbook.Defaults[Dimensions.ChurnStatus]["lapsed"]}", Of("customer", "lapsed"));
        Assert.Null(Of("customer", null));
        // A prospect has no churn status and keeps its action.
        Assert.Equal($"ladder=prospect: {Playbook.Defaults[Dimensions.Ladder]["prospect"]}", Of("prospect", null));
    }
}
