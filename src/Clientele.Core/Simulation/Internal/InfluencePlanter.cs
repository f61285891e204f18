using static Clientele.Simulation.Internal.SimulationParameters;

namespace Clientele.Simulation.Internal;

/// <summary>
/// Plants leaders and callers and the customers who follow them. A leader (0.2% of parties per new
/// line, at least 2) buys a newly launched line within 14 days of its launch; 3 + Poisson(6)
/// followers, preferably from its region, then buy that line for the first time 7-42 days after it.
/// A caller (80% of prominent buyers) buys a line it never bought before on some day of its life;
/// 5 + Poisson(10) followers, preferably from its region, buy that line for the first time 7-56 days
/// later. Everyone else adopts new lines later (see <see cref="OrderProcess"/>), so the followers'
/// first purchases cluster right after their leader's or caller's.
/// </summary>
internal static class InfluencePlanter
{
    public static void Plant(CompanyPlan plan)
    {
        var random = new SimulationRandom(plan.Seed, RandomStream.Relations, 4);
        foreach (var line in plan.Catalog.NewLines)
        {
            var launch = plan.Catalog.LineLaunchDay[line];
            if (launch > plan.LastDay - 90)
            {
                continue;
            }

            var leaders = Math.Max(2, (int)Math.Round(plan.Count * 0.002));
            for (var k = 0; k < leaders; k++)
            {
                var leader = Find(plan, ref random, line, launch, 120, -1);
                if (leader < 0)
                {
                    continue;
                }

                var day = launch + random.Int(15);
                Force(plan, leader, line, day, PartyFlags.None);
                if (Follow(plan, ref random, leader, line, day, 3 + random.Poisson(6), 42) > 0)
                {
                    plan.Flags[leader] |= PartyFlags.Leader;
                }
            }
        }

        Span<int> lines = stackalloc int[ProductCatalog.Lines.Length];
        for (var caller = 0; caller < plan.Count; caller++)
        {
            if (!plan.Has(caller, PartyFlags.Prominent) || !random.Chance(CallerShare))
            {
                continue;
            }

            var from = plan.BuyStart[caller] + 7;
            var to = Math.Min(plan.DropDay[caller], plan.Calendar.Days) - 63;
            if (to < from)
            {
                continue;
            }

            var day = random.Between(from, to);
            var count = 0;
            for (var line = 0; line < ProductCatalog.Lines.Length; line++)
            {
                if (line != plan.PrimaryLine[caller] && plan.Catalog.LineLaunchDay[line] <= day)
                {
                    lines[count++] = line;
                }
            }

            var chosen = lines[random.Int(count)];
            Force(plan, caller, chosen, day, PartyFlags.None);
            if (Follow(plan, ref random, caller, chosen, day, 5 + random.Poisson(10), 56) > 0)
            {
                plan.Flags[caller] |= PartyFlags.Caller;
            }
        }
    }

    private static int Follow(CompanyPlan plan, ref SimulationRandom random, int model, int line, int day, int wanted, int maxLag)
    {
        var found = 0;
        for (var k = 0; k < wanted; k++)
        {
            var followDay = Math.Min(plan.LastDay, day + random.Between(7, maxLag));
            var follower = Find(plan, ref random, line, followDay, 14, plan.Region(model));
            if (follower >= 0)
            {
                Force(plan, follower, line, followDay, PartyFlags.Follower);
                found++;
            }
        }

        return found;
    }

    /// <summary>A random ordinary buyer buying on the day and for the horizon after it, free of other plantings; -1 if none found.</summary>
    private static int Find(CompanyPlan plan, ref SimulationRandom random, int line, int day, int horizon, int region)
    {
        for (var attempt = 0; attempt < 400; attempt++)
        {
            var i = random.Int(plan.Count);
            if (plan.Type[i] == PartyType.Buyer
                && plan.ForcedLine[i] < 0
                && !plan.Has(i, PartyFlags.Prominent)
                && plan.BuyStart[i] >= 0 && plan.BuyStart[i] <= day
                && (plan.DropDay[i] == CompanyPlan.Alive || plan.DropDay[i] > day + horizon)
                && plan.PrimaryLine[i] != line
                && (region < 0 || attempt >= 200 || plan.Region(i) == region))
            {
                return i;
            }
        }

        return -1;
    }

    private static void Force(CompanyPlan plan, int party, int line, int day, PartyFlags flag)
    {
        plan.ForcedLine[party] = (sbyte)line;
        plan.ForcedDay[party] = day;
        plan.Flags[party] |= flag;
    }
}
