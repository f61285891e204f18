using static Clientele.Simulation.Internal.SimulationParameters;

namespace Clientele.Simulation.Internal;

/// <summary>
/// Plants the relations between organizations: account hierarchies (parent companies and their
/// subsidiaries) and the supply chain below us (distributors sell to retailers, retailers to consumers).
/// Sequential, from the plan's relations stream.
/// </summary>
internal static class AccountRelations
{
    public static void Plant(CompanyPlan plan)
    {
        PlantHierarchies(plan);
        PlantSupplyChain(plan);
    }

    /// <summary>
    /// 3% of organizations are group parents; 8% of those known later are subsidiaries of an earlier
    /// parent (80% in the same industry), and 60% of subsidiaries are in the parent's country.
    /// Hierarchies are one level deep: a parent is never itself a subsidiary.
    /// </summary>
    private static void PlantHierarchies(CompanyPlan plan)
    {
        var random = new SimulationRandom(plan.Seed, RandomStream.Relations, 1);
        var byIndustry = Markets.Industries.Select(_ => new List<int>()).ToArray();
        var all = new List<int>();
        for (var i = 0; i < plan.Count; i++)
        {
            if (!plan.IsOrganization(i) || plan.Type[i] is not (PartyType.Buyer or PartyType.Prospect or PartyType.NoRelationship))
            {
                continue;
            }

            var industry = Markets.Domains[plan.Segment[i]].Industry;
            if (random.Chance(GroupParentShare))
            {
                plan.Flags[i] |= PartyFlags.GroupParent;
                all.Add(i);
                byIndustry[industry].Add(i);
            }
            else if (all.Count > 0 && random.Chance(SubsidiaryShare))
            {
                var same = byIndustry[industry];
                var parent = same.Count > 0 && random.Chance(0.8) ? random.Of(same) : random.Of(all);
                plan.Parent[i] = parent;
                if (random.Chance(0.6))
                {
                    plan.Country[i] = plan.Country[parent];
                }
            }
        }
    }

    /// <summary>
    /// Each retailer buys from one distributor (a second one for 20%), preferring one serving its
    /// domain; each consumer buys from one retailer, preferring its own region, and lives in the
    /// retailer's country.
    /// </summary>
    private static void PlantSupplyChain(CompanyPlan plan)
    {
        var random = new SimulationRandom(plan.Seed, RandomStream.Relations, 2);
        var distributors = new List<int>();
        var retailers = new List<int>();
        var consumers = new List<int>();
        for (var i = 0; i < plan.Count; i++)
        {
            switch (plan.Type[i])
            {
                case PartyType.Distributor: distributors.Add(i); break;
                case PartyType.Retailer: retailers.Add(i); break;
                case PartyType.Consumer: consumers.Add(i); break;
            }
        }

        foreach (var retailer in retailers)
        {
            var first = PickDistributor(plan, ref random, distributors, plan.Segment[retailer]);
            plan.SupplySellers.Add(first);
            plan.SupplyBuyers.Add(retailer);
            if (distributors.Count > 1 && random.Chance(0.2))
            {
                var second = random.Of(distributors);
                if (second != first)
                {
                    plan.SupplySellers.Add(second);
                    plan.SupplyBuyers.Add(retailer);
                }
            }
        }

        var sellers = retailers.Count > 0 ? retailers : distributors;
        var byRegion = Markets.Regions.Select(_ => new List<int>()).ToArray();
        foreach (var seller in sellers)
        {
            byRegion[plan.Region(seller)].Add(seller);
        }

        foreach (var consumer in consumers)
        {
            var local = byRegion[plan.Region(consumer)];
            var seller = local.Count > 0 && random.Chance(0.8) ? random.Of(local) : random.Of(sellers);
            plan.Country[consumer] = plan.Country[seller];
            plan.SupplySellers.Add(seller);
            plan.SupplyBuyers.Add(consumer);
        }
    }

    private static int PickDistributor(CompanyPlan plan, ref SimulationRandom random, List<int> distributors, byte domain)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var candidate = random.Of(distributors);
            if (plan.Segment[candidate] == domain)
            {
                return candidate;
            }
        }

        return random.Of(distributors);
    }
}
