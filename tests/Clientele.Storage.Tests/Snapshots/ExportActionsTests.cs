using Clientele.Classification;
using Clientele.Storage.Snapshots;

namespace Clientele.Storage.Tests.Snapshots;

/// <summary>The actions cell an export streamed to the client writes (a PostgreSQL workspace's), as DuckDB's SQL join writes it.</summary>
public sealed class ExportActionsTests
{
    private static string? Of(string? ladder, string? churnStatus, string? valueTier = null, string? valueClass = null, string? supplyChain = null)
    {
        var classes = Dimensions.All.Select(d => d switch
        {
            Dimensions.Ladder => ladder,
            Dimensions.ChurnStatus => churnStatus,
            Dimensions.ValueTier => valueTier,
            Dimensions.ValueClass => valueClass,
            Dimensions.SupplyChain => supplyChain,
            _ => null,
        }).ToList();
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

    [Fact]
    public void A_level_of_service_is_withheld_only_where_the_churn_status_says_the_customer_left()
    {
        var vip = $"value_tier=VIP: {Playbook.Defaults[Dimensions.ValueTier]["VIP"]}";
        var mvc = $"value_class=MVC: {Playbook.Defaults[Dimensions.ValueClass]["MVC"]}";
        Assert.Equal($"{vip} | {mvc} | churn_status=active: {Playbook.Defaults[Dimensions.ChurnStatus]["active"]}", Of(null, "active", "VIP", "MVC"));
        Assert.Equal($"churn_status=lost: {Playbook.Defaults[Dimensions.ChurnStatus]["lost"]}", Of(null, "lost", "VIP", "MVC"));
        // Without a churn status nothing says the customer left (UCI's yearly totals): the level of service stands.
        Assert.Equal($"{vip} | {mvc}", Of(null, null, "VIP", "MVC"));
        // A BZC's cost to serve is fixed whatever its status.
        Assert.Equal($"value_class=BZC: {Playbook.Defaults[Dimensions.ValueClass]["BZC"]} | churn_status=lapsed: {Playbook.Defaults[Dimensions.ChurnStatus]["lapsed"]}",
            Of(null, "lapsed", null, "BZC"));
        // Serving a direct customer is a level of service too; an indirect one has no churn status of its own.
        var direct = $"supply_chain=direct: {Playbook.Defaults[Dimensions.SupplyChain]["direct"]}";
        Assert.Equal($"{direct} | churn_status=at-risk: {Playbook.Defaults[Dimensions.ChurnStatus]["at-risk"]}", Of(null, "at-risk", supplyChain: "direct"));
        Assert.Equal($"churn_status=lapsed: {Playbook.Defaults[Dimensions.ChurnStatus]["lapsed"]}", Of(null, "lapsed", supplyChain: "direct"));
        Assert.Equal(direct, Of(null, null, supplyChain: "direct"));
        Assert.Equal($"supply_chain=indirect: {Playbook.Defaults[Dimensions.SupplyChain]["indirect"]}", Of(null, null, supplyChain: "indirect"));
    }
}
