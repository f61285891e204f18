using static Clientele.Simulation.Internal.SimulationParameters;

namespace Clientele.Simulation.Internal;

/// <summary>
/// Plants each party on its own: what it is, where, how it buys and how it will leave. Arrival first
/// (type, kind and the day it became known, then the parties are numbered in that order), then every
/// party's own draws from its own random stream, so this step runs in parallel.
/// </summary>
internal static class PartyPlanner
{
    // Weights over CompanyPlan.AcquisitionChannels: organizations come through web, events, sales reps
    // and partners; persons through web, stores, marketplaces and events.
    private static readonly double[] OrganizationChannels = SimulationRandom.Cumulative([0.25, 0, 0, 0.15, 0.45, 0.15]);
    private static readonly double[] PersonChannels = SimulationRandom.Cumulative([0.50, 0.30, 0.12, 0.08]);

    public static void Arrive(CompanyPlan plan)
    {
        var n = plan.Count;
        var days = plan.Calendar.Days;
        var types = new PartyType[n];
        var organizations = new bool[n];
        var keys = new long[n];
        var distributors = Math.Max(3, (int)Math.Round(n * DistributorShare));
        for (var j = 0; j < n; j++)
        {
            var random = new SimulationRandom(plan.Seed, RandomStream.Arrival, j);
            int day;
            if (j < distributors)
            {
                types[j] = PartyType.Distributor;
                organizations[j] = true;
                day = random.Int(Math.Min(60, days));
            }
            else
            {
                var u = random.NextDouble();
                var type = u < RetailerShare ? PartyType.Retailer
                    : u < RetailerShare + ConsumerShare ? PartyType.Consumer
                    : u < RetailerShare + ConsumerShare + ProspectShare ? PartyType.Prospect
                    : u < RetailerShare + ConsumerShare + ProspectShare + NoRelationshipShare ? PartyType.NoRelationship
                    : PartyType.Buyer;
                types[j] = type;
                organizations[j] = type == PartyType.Retailer || (type != PartyType.Consumer && random.Chance(OrganizationShare));
                day = random.Int(days);
            }

            keys[j] = ((long)day << 32) | (uint)j;
        }

        Array.Sort(keys);
        for (var i = 0; i < n; i++)
        {
            var j = (int)(keys[i] & 0xFFFF_FFFF);
            plan.Type[i] = types[j];
            plan.Flags[i] = organizations[j] ? PartyFlags.Organization : PartyFlags.None;
            plan.AcquiredDay[i] = (int)(keys[i] >> 32);
        }
    }

    public static void Draw(CompanyPlan plan, int i)
    {
        var random = new SimulationRandom(plan.Seed, RandomStream.Party, i);
        var type = plan.Type[i];
        var organization = plan.IsOrganization(i);
        var country = random.Pick(Markets.CountryWeights);
        plan.Country[i] = (byte)country;
        plan.Segment[i] = (byte)(!organization ? random.Pick(Markets.GroupWeights)
            : type is PartyType.Distributor or PartyType.Retailer ? random.Of(Markets.RetailDomains)
            : random.Pick(Markets.DomainWeights));
        plan.Channel[i] = (byte)(type switch
        {
            PartyType.Consumer => CompanyPlan.RetailPartnerChannel,
            PartyType.Distributor or PartyType.Retailer => random.Chance(0.7) ? CompanyPlan.SalesRepChannel : CompanyPlan.EventChannel,
            _ => organization ? random.Pick(OrganizationChannels) : random.Pick(PersonChannels),
        });
        plan.ContactCount[i] = (byte)(organization ? random.Between(2, 6) : 0);

        var buyStart = -1;
        switch (type)
        {
            case PartyType.Buyer:
                buyStart = organization ? Math.Min(plan.LastDay, plan.AcquiredDay[i] + (int)random.Exponential(14)) : plan.AcquiredDay[i];
                plan.Flags[i] |= random.Chance(ProminentShare) ? PartyFlags.Prominent : PartyFlags.None;
                break;
            case PartyType.Distributor:
                buyStart = plan.AcquiredDay[i];
                break;
            case PartyType.Retailer when random.Chance(RetailerBuysDirectShare):
                buyStart = Math.Min(plan.LastDay, plan.AcquiredDay[i] + random.Int(180));
                break;
            case PartyType.Prospect:
                var journey = ProspectJourney.Draw(plan.Seed, i, plan.AcquiredDay[i], plan.LastDay);
                plan.Outcome[i] = journey.Outcome;
                buyStart = journey.FirstOrder;
                break;
        }

        if (buyStart >= 0)
        {
            DrawPurchasing(plan, i, ref random, buyStart);
        }
        else if (type is PartyType.Prospect or PartyType.NoRelationship && (organization || random.Chance(PersonWalletShare)))
        {
            // Prospects buy in our category from others: their wallet is what a comparable customer spends.
            var (rate, spend) = RateAndSpend(plan, i, ref random, Loyalty.Regular);
            plan.Wallet[i] = RoundWallet(rate * 52 * spend * random.LogNormal(0, 0.3));
        }
    }

    /// <summary>The first three buyers become prominent when chance made fewer than three.</summary>
    public static void EnsureProminent(CompanyPlan plan)
    {
        var prominent = 0;
        for (var i = 0; i < plan.Count; i++)
        {
            prominent += plan.Has(i, PartyFlags.Prominent) ? 1 : 0;
        }

        for (var i = 0; i < plan.Count && prominent < 3; i++)
        {
            if (plan.Type[i] == PartyType.Buyer && !plan.Has(i, PartyFlags.Prominent) && plan.BuyStart[i] <= plan.LastDay - 120)
            {
                plan.Flags[i] |= PartyFlags.Prominent;
                prominent++;
            }
        }
    }

    private static void DrawPurchasing(CompanyPlan plan, int i, ref SimulationRandom random, int buyStart)
    {
        var type = plan.Type[i];
        plan.BuyStart[i] = buyStart;
        var u = random.NextDouble();
        var loyalty = type == PartyType.Distributor ? Loyalty.Supporter
            : type != PartyType.Buyer ? Loyalty.Regular
            : u < AdvocateShare ? Loyalty.Advocate
            : u < AdvocateShare + SupporterShare ? Loyalty.Supporter
            : Loyalty.Regular;
        plan.Loyalty[i] = loyalty;

        var (primary, secondary) = SegmentLines(plan, i);
        plan.PrimaryLine[i] = (byte)(random.Chance(0.8) ? primary : random.Int(ProductCatalog.EstablishedLines));
        var second = random.Chance(0.7) ? secondary : random.Int(ProductCatalog.EstablishedLines);
        plan.SecondaryLine[i] = (byte)(second != plan.PrimaryLine[i] ? second : (second + 1) % ProductCatalog.EstablishedLines);

        var (lambda, spend) = RateAndSpend(plan, i, ref random, loyalty);
        var mu = random.Gamma(S, 1.0 / Beta) * (loyalty switch
        {
            Loyalty.Advocate => AdvocateDropout,
            Loyalty.Supporter => SupporterDropout,
            _ => 1.0,
        }) * (type == PartyType.Distributor ? DistributorDropout / SupporterDropout : 1.0);
        plan.PurchaseRate[i] = (float)lambda;
        plan.DropoutRate[i] = (float)mu;
        plan.MeanSpend[i] = (float)spend;

        // The lifetime is exponential with the party's own hazard mu (Pareto/NBD); the party makes no
        // order on or after its drop-out day.
        var lifetimeDays = random.Exponential(7.0 / mu);
        var drop = lifetimeDays > plan.Calendar.Days ? CompanyPlan.Alive : buyStart + Math.Max(1, (int)Math.Ceiling(lifetimeDays));
        drop = drop > plan.LastDay ? CompanyPlan.Alive : drop;
        plan.DropDay[i] = drop;
        if (drop != CompanyPlan.Alive)
        {
            plan.LostReason[i] = (LostReason)random.Pick(LostReasonWeights);
        }

        var lost = plan.LostReason[i];
        var ordinary = type == PartyType.Buyer;
        var flags = PartyFlags.None;
        flags |= ordinary && loyalty != Loyalty.Advocate && random.Chance(HighMaintenanceShare) ? PartyFlags.HighMaintenance : 0;
        flags |= ordinary && random.Chance(loyalty switch { Loyalty.Advocate => 0.30, Loyalty.Supporter => 0.08, _ => 0.02 }) ? PartyFlags.Contributor : 0;
        var unhappyLeaver = lost is LostReason.Quality or LostReason.Service or LostReason.Delivery or LostReason.NoFollowUp;
        flags |= ordinary && loyalty != Loyalty.Advocate && (unhappyLeaver ? random.Chance(NegativeSpreaderShare) : loyalty == Loyalty.Regular && random.Chance(0.01)) ? PartyFlags.NegativeSpreader : 0;
        plan.Flags[i] |= flags;

        if (plan.IsOrganization(i) || random.Chance(PersonWalletShare))
        {
            var share = loyalty switch
            {
                Loyalty.Advocate => random.Beta(5, 3),
                Loyalty.Supporter => random.Beta(6, 3),
                _ => random.Beta(2, 4),
            };
            plan.Wallet[i] = RoundWallet(lambda * 52 * spend / Math.Max(0.03, share) * random.LogNormal(0, 0.15));
        }
    }

    /// <summary>Purchase rate per week (lambda) and mean spend per order (p/nu) for the party's segment.</summary>
    private static (double Lambda, double Spend) RateAndSpend(CompanyPlan plan, int i, ref SimulationRandom random, Loyalty loyalty)
    {
        var organization = plan.IsOrganization(i);
        var type = plan.Type[i];
        double rateFactor, spendFactor;
        if (organization)
        {
            var domain = Markets.Domains[plan.Segment[i]];
            rateFactor = domain.RateFactor * OrganizationRate;
            spendFactor = domain.SpendFactor * (type == PartyType.Distributor ? DistributorSpend : OrganizationSpend);
        }
        else
        {
            var group = Markets.Groups[plan.Segment[i]];
            rateFactor = group.RateFactor;
            spendFactor = group.SpendFactor;
        }

        rateFactor *= loyalty switch
        {
            Loyalty.Advocate => AdvocateRate,
            Loyalty.Supporter => SupporterRate,
            _ => 1.0,
        };
        rateFactor *= type switch
        {
            PartyType.Distributor => DistributorRate / SupporterRate,
            PartyType.Retailer => RetailerRate,
            _ => 1.0,
        };
        var lambda = random.Gamma(R, 1.0 / Alpha) * rateFactor;
        var nu = random.Gamma(Q, 1.0 / (Gamma * spendFactor));
        return (lambda, P / nu);
    }

    private static (int Primary, int Secondary) SegmentLines(CompanyPlan plan, int i)
    {
        if (plan.IsOrganization(i))
        {
            var domain = Markets.Domains[plan.Segment[i]];
            return (domain.PrimaryLine, domain.SecondaryLine);
        }

        var group = Markets.Groups[plan.Segment[i]];
        return (group.PrimaryLine, group.SecondaryLine);
    }

    /// <summary>Wallets are estimates: rounded to tens, at least 100.</summary>
    private static float RoundWallet(double value) => (float)Math.Max(100.0, Math.Round(value / 10.0) * 10.0);
}
