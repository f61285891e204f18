using static Clientele.Simulation.Internal.SimulationParameters;

namespace Clientele.Simulation.Internal;

/// <summary>
/// Plants who referred whom. Every buyer has a referral propensity: advocates Pareto(1, 1.0) (capped
/// at 100), 3% of regular customers 0.3·Pareto(1, 2), everyone else none (supporters do not
/// recommend). 14% of ordinary buyers came through a referral: their referrer is drawn in proportion
/// to propensity among parties known at least 7 days earlier and buying (first order done, not yet
/// dropped out) on the day the referred party became known, which gives a heavy tail: a few
/// advocates bring many customers, most customers bring none.
/// </summary>
internal static class ReferralNetwork
{
    public static void Plant(CompanyPlan plan)
    {
        var random = new SimulationRandom(plan.Seed, RandomStream.Relations, 3);
        var referrers = new List<int>();
        var totals = new List<double>();
        var sum = 0.0;
        for (var i = 0; i < plan.Count; i++)
        {
            if (plan.Type[i] != PartyType.Buyer)
            {
                continue;
            }

            var weight = plan.Loyalty[i] switch
            {
                Loyalty.Advocate => Math.Min(100, random.Pareto(1, 1.0)),
                Loyalty.Regular when random.Chance(0.03) => 0.3 * random.Pareto(1, 2.0),
                _ => 0,
            };
            if (weight > 0)
            {
                sum += weight;
                referrers.Add(i);
                totals.Add(sum);
            }
        }

        var known = 0;
        for (var i = 0; i < plan.Count; i++)
        {
            if (plan.Type[i] != PartyType.Buyer || plan.Has(i, PartyFlags.Prominent) || !random.Chance(ReferredShare))
            {
                continue;
            }

            var day = plan.AcquiredDay[i];
            while (known < referrers.Count && plan.AcquiredDay[referrers[known]] <= day - 7)
            {
                known++;
            }

            for (var attempt = 0; known > 0 && attempt < 12; attempt++)
            {
                var u = random.NextDouble() * totals[known - 1];
                var at = totals.BinarySearch(0, known, u, null);
                var referrer = referrers[at < 0 ? Math.Min(~at, known - 1) : Math.Min(at + 1, known - 1)];
                if (plan.BuyStart[referrer] >= 0 && plan.BuyStart[referrer] <= day && plan.DropDay[referrer] > day)
                {
                    plan.ReferredBy[i] = referrer;
                    plan.Flags[i] |= PartyFlags.Referred;
                    plan.Channel[i] = CompanyPlan.ReferralChannel;
                    break;
                }
            }
        }

        var start = new int[plan.Count + 1];
        for (var i = 0; i < plan.Count; i++)
        {
            if (plan.ReferredBy[i] >= 0)
            {
                start[plan.ReferredBy[i] + 1]++;
            }
        }

        for (var i = 0; i < plan.Count; i++)
        {
            start[i + 1] += start[i];
        }

        var targets = new int[start[plan.Count]];
        var next = start[..^1];
        for (var i = 0; i < plan.Count; i++)
        {
            if (plan.ReferredBy[i] >= 0)
            {
                targets[next[plan.ReferredBy[i]]++] = i;
            }
        }

        plan.ReferralStart = start;
        plan.ReferralTargets = targets;
    }
}
