using Clientele.Classification;

namespace Clientele.Core.Tests.Classification;

public sealed class DimensionsTests
{
    [Fact]
    public void Every_dimension_has_its_own_title_in_words()
    {
        var titles = Dimensions.All.Select(Dimensions.Title).ToList();
        Assert.Equal(titles.Count, titles.Distinct().Count());
        Assert.All(titles, t => Assert.DoesNotContain("_", t, StringComparison.Ordinal));
        Assert.Equal("Churn status", Dimensions.Title(Dimensions.ChurnStatus));
    }

    [Fact]
    public void A_class_reads_with_spaces_for_underscores_and_keeps_hyphens_and_capitals()
    {
        Assert.Equal("no follow up", Dimensions.ClassTitle("no_follow_up"));
        Assert.Equal("at-risk", Dimensions.ClassTitle("at-risk"));
        Assert.Equal("MVC", Dimensions.ClassTitle("MVC"));
        Assert.Equal("", Dimensions.ClassTitle(null));
    }

    [Fact]
    public void Each_dimension_is_declared_once_and_everything_else_reads_its_declaration()
    {
        Assert.Equal(Dimensions.All.Count, Dimensions.All.Distinct().Count());
        Assert.Equal(Dimensions.All, Dimensions.Declared.Select(d => d.Name));
        foreach (var d in Dimensions.Declared)
        {
            Assert.Same(d, Dimensions.Declaration(d.Name));
            Assert.Equal(d.Title, Dimensions.Title(d.Name));
            Assert.Equal(d.IsClosed, DimensionClasses.IsClosed(d.Name));
            Assert.Equal(d.Ranking != DimensionRanking.None, DimensionClasses.Ranked.Contains(d.Name));
            // A playbook names exactly the classes (or, for a list, the listed roles) its dimension has, and its routine
            // classes are among them.
            var named = d.ListOf.Count > 0 ? d.ListOf : d.Classes;
            if (d.Playbook.Count > 0)
            {
                Assert.NotNull(named);
                Assert.Equal(named.Order(StringComparer.Ordinal), d.Playbook.Keys.Order(StringComparer.Ordinal));
                Assert.Same(d.Playbook, Playbook.Defaults[d.Name]);
            }
            else Assert.False(Playbook.Defaults.ContainsKey(d.Name));
            Assert.All(d.Routine, c => Assert.True(Playbook.Routine.Contains((d.Name, c)) && d.Playbook.ContainsKey(c), $"{d.Name}.{c}"));
            Assert.True(d.Ranking == DimensionRanking.None || d.IsClosed, $"{d.Name} ranks classes it does not close");
        }
        Assert.Equal(Dimensions.Declared.Sum(d => d.Routine.Count), Playbook.Routine.Count);
    }

    [Fact]
    public void The_buying_center_is_a_closed_set_so_a_misspelt_class_is_refused_rather_than_taken_as_a_new_one()
    {
        Assert.Equal("no contacts", DimensionClasses.Find(Dimensions.BuyingCenter, "No Contacts"));
        Assert.Null(DimensionClasses.Find(Dimensions.BuyingCenter, "compleet"));
    }

    [Fact]
    public void A_list_dimension_gives_each_listed_role_its_action_and_others_their_class_s()
    {
        var actions = new Playbook().ActionsFor([new(Dimensions.Influence, "leader, referrer"), new(Dimensions.ChurnStatus, "lost")]);
        Assert.Equal([("influence", "leader"), ("influence", "referrer"), ("churn_status", "lost")], actions.Select(a => (a.Dimension, a.Class)));
    }

    [Theory]
    [InlineData("active", true, true)]
    [InlineData("at-risk", true, true)]
    [InlineData("lapsed", false, false)]
    [InlineData("lost", false, false)]
    [InlineData(null, false, true)]
    public void The_ladder_s_actions_for_buyers_are_for_live_relationships_and_a_level_of_service_not_for_ended_ones(
        string? churnStatus, bool ladderAction, bool serviceAction)
    {
        KeyValuePair<string, string?>[] classes =
            [new(Dimensions.Ladder, "buyer"), new(Dimensions.ValueTier, "VIP"), new(Dimensions.ValueClass, "MVC"), new(Dimensions.SupplyChain, "direct"),
             new(Dimensions.ChurnStatus, churnStatus)];
        var actions = new Playbook().ActionsFor(classes);
        Assert.Equal(ladderAction, actions.Any(a => a.Dimension == Dimensions.Ladder));
        Assert.Equal(serviceAction, actions.Any(a => a.Dimension == Dimensions.ValueTier));
        Assert.Equal(serviceAction, actions.Any(a => a.Dimension == Dimensions.ValueClass));
        Assert.Equal(serviceAction, actions.Any(a => a.Dimension == Dimensions.SupplyChain));
        Assert.Equal(churnStatus is not null, actions.Any(a => a.Dimension == Dimensions.ChurnStatus));
        Assert.Equal(ladderAction, Playbook.AppliesTo(Dimensions.Ladder, "buyer", churnStatus));
        foreach (var tier in ValueTier.Classes) Assert.Equal(serviceAction, Playbook.AppliesTo(Dimensions.ValueTier, tier, churnStatus));
        Assert.Equal(serviceAction, Playbook.AppliesTo(Dimensions.ValueClass, "other", churnStatus));
        // A prospect has no churn status: its ladder action is always given; so is a BZC's (its cost to serve, whatever its status).
        Assert.True(Playbook.AppliesTo(Dimensions.Ladder, "prospect", churnStatus));
        Assert.True(Playbook.AppliesTo(Dimensions.ValueClass, "BZC", churnStatus));
        // Indirect and ultimate customers do not buy from us, so have no churn status of their own to wait for.
        Assert.True(Playbook.AppliesTo(Dimensions.SupplyChain, "indirect", churnStatus));
        var withheld = Playbook.Withheld(classes);
        Assert.Equal(
            churnStatus switch
            {
                null => ["ladder = buyer: no action, since nothing says the relationship is alive (no churn status: no model and no repeat history to judge it)"],
                "lapsed" or "lost" => [$"ladder = buyer, value_tier = VIP, value_class = MVC, supply_chain = direct: no action while {churnStatus} (the churn status's win-back comes first)"],
                _ => [],
            },
            withheld);
        // The ladder's buyer rungs are the only classes whose actions presuppose a live relationship; the value tiers, MVC and
        // other, and serving a direct customer the only ones whose actions are a level of service.
        Assert.Equal([(Dimensions.Ladder, "advocate"), (Dimensions.Ladder, "buyer"), (Dimensions.Ladder, "customer"), (Dimensions.Ladder, "supporter")],
            Dimensions.Declared.SelectMany(d => d.ForLiveRelationships.Select(c => (d.Name, c))).Order());
        (string, string)[] service = [(Dimensions.ValueClass, "MVC"), (Dimensions.ValueClass, "other"), (Dimensions.ValueTier, "large"),
            (Dimensions.ValueTier, "medium"), (Dimensions.ValueTier, "small"), (Dimensions.ValueTier, "VIP"), (Dimensions.SupplyChain, "direct")];
        Assert.Equal(service.Order(), Dimensions.Declared.SelectMany(d => d.NotForEndedRelationships.Select(c => (d.Name, c))).Order());
    }
}
