using static Clientele.Simulation.Internal.SimulationParameters;

namespace Clientele.Simulation.Internal;

/// <summary>
/// Writes a buying party's orders. The purchase process is Pareto/NBD (Schmittlein, Morrison and
/// Colombo 1987): a first order on the party's first buying day, then a Poisson process of rate
/// lambda per week until the exponential lifetime (hazard mu per week) ends or the period does.
/// Amounts are Gamma-Gamma (Fader, Hardie and Lee 2005, "RFM and CLV"): each order is Gamma(p, rate
/// nu), so the party's mean spend is p/nu. Planted first purchases (leaders, callers and followers)
/// are added on their day, and their line is held back before it.
/// </summary>
internal static class OrderProcess
{
    private static readonly string[] Statuses = ["completed", "returned", "cancelled"];
    private static readonly string[] PersonChannels = ["web", "store", "marketplace"];
    private static readonly double[] PersonChannelWeights = SimulationRandom.Cumulative([0.55, 0.30, 0.15]);
    private static readonly string[] OrganizationChannels = ["sales-rep", "web", "phone"];
    private static readonly double[] OrganizationChannelWeights = SimulationRandom.Cumulative([0.5, 0.3, 0.2]);
    private static readonly string[] ReviewTexts = ["Disappointed, would not buy again", "Does the job", "Works great, would recommend"];

    public static void Write(CompanyPlan plan, int i, PartyScratch scratch, CsvBuffer orders)
    {
        var start = plan.BuyStart[i];
        if (start < 0)
        {
            return;
        }

        var random = new SimulationRandom(plan.Seed, RandomStream.Orders, i);
        var organization = plan.IsOrganization(i);
        var stop = Math.Min(plan.DropDay[i], plan.Calendar.Days);
        var lambda = (double)plan.PurchaseRate[i];
        scratch.AddMoment((start * 86_400L) + Second(ref random, organization));
        for (var t = start + random.Exponential(7.0 / lambda); t < stop; t += random.Exponential(7.0 / lambda))
        {
            scratch.AddMoment(((long)t * 86_400L) + Second(ref random, organization));
        }

        int forcedLine = plan.ForcedLine[i];
        var forcedMoment = -1L;
        if (forcedLine >= 0 && plan.ForcedDay[i] >= start && plan.ForcedDay[i] < stop)
        {
            forcedMoment = (plan.ForcedDay[i] * 86_400L) + Second(ref random, organization);
            scratch.AddMoment(forcedMoment);
        }

        scratch.Moments.Sort();
        Adopt(plan, i, ref random, scratch.AdoptDay);

        var distributor = plan.Type[i] == PartyType.Distributor;
        var offset = random.Normal(0, LineMarginSd) - (distributor ? 0.12 : 0);
        var reason = plan.LostReason[i];
        var leavingFrom = plan.IsLost(i) && reason != LostReason.Unknown ? plan.DropDay[i] - (LostSignalWeeks * 7) : int.MaxValue;
        var returnsWhenLeaving = reason is LostReason.Quality or LostReason.Delivery ? ReturnedBeforeLeaving : 0;
        var negative = plan.Has(i, PartyFlags.NegativeSpreader);
        var reviewChance = plan.Loyalty[i] switch
        {
            Loyalty.Advocate => 0.10,
            Loyalty.Supporter => 0.04,
            _ => negative ? 0.05 : 0.02,
        };
        var spend = (double)plan.MeanSpend[i];
        var lastKeptDay = -1;
        foreach (var moment in scratch.Moments)
        {
            var day = (int)(moment / 86_400);
            var amount = Math.Max(1.0, Math.Round(random.Gamma(P, spend / P), 2));
            var line = moment == forcedMoment ? forcedLine : ChooseLine(plan, i, scratch.AdoptDay, day, amount, ref random);
            forcedMoment = moment == forcedMoment ? -1 : forcedMoment;
            var product = ChooseProduct(plan.Catalog, line, day, amount, ref random);
            var price = ProductCatalog.Products[product].Price;
            var quantity = Math.Max(1, (int)Math.Round(amount / price));
            var leaving = day >= leavingFrom;
            var u = random.NextDouble();
            var returned = ReturnedShare + (leaving ? returnsWhenLeaving : 0) + (negative ? 0.03 : 0);
            var status = u < CancelledShare ? 2 : u < CancelledShare + returned ? 1 : 0;
            var margin = status switch
            {
                0 when random.Chance(PromotionShare) => -amount * random.Uniform(0.02, 0.25),
                0 => amount * (ProductCatalog.Lines[line].MarginRate + offset + random.Normal(0, OrderMarginSd)),
                1 => -amount * random.Uniform(0.05, 0.15),
                _ => 0.0,
            };
            var channel = distributor ? (random.Chance(0.7) ? "edi" : "sales-rep")
                : organization ? OrganizationChannels[random.Pick(OrganizationChannelWeights)]
                : PersonChannels[random.Pick(PersonChannelWeights)];

            orders.IdSlot('O', plan.EventIdWidth);
            orders.Id('C', i + 1, 7);
            orders.Moment(plan.Calendar, day, (int)(moment % 86_400));
            orders.Fixed(amount, 2);
            orders.Fixed(margin, 2);
            orders.Integer(quantity);
            orders.Ascii(ProductCatalog.Products[product].Id);
            orders.Ascii(ProductCatalog.Lines[line].Name);
            orders.Ascii(Statuses[status]);
            orders.Ascii(channel);
            orders.EndRow();

            // The ladder counts purchase occasions (days), as the analysis does: two orders on one day are one purchase.
            if (status != 2 && day != lastKeptDay)
            {
                scratch.KeptPurchaseDays++;
                lastKeptDay = day;
            }
            if (status == 0 && random.Chance(reviewChance))
            {
                var reviewDay = day + random.Between(2, 20);
                if (reviewDay <= plan.LastDay)
                {
                    var satisfaction = scratch.Satisfaction * (reviewDay >= leavingFrom ? 0.3 : 1.0);
                    var score = Math.Clamp((int)Math.Round(1 + (4 * satisfaction) + random.Normal(0, 0.7)), 1, 5);
                    var sentiment = score >= 4 ? Sentiment.Positive : score == 3 ? Sentiment.Neutral : Sentiment.Negative;
                    scratch.Add(reviewDay, Second(ref random, false), InteractionKind.Review, line: line,
                        text: ReviewTexts[3 - (int)sentiment], score: score, scaleMax: 5, sentiment: sentiment);
                }
            }
        }
    }

    /// <summary>A second of the day: persons order 07:00-22:59, organizations 08:00-17:59.</summary>
    public static int Second(ref SimulationRandom random, bool organization) =>
        organization ? 28_800 + random.Int(36_000) : 25_200 + random.Int(57_600);

    /// <summary>
    /// When each line becomes available to the party: established lines always; a new line after its
    /// launch plus a delay (advocates 0-42 days, distributors 0-29 days, others 56 days plus an
    /// exponential of mean 150 days, and 55% of regular and 70% of supporting customers ever adopt);
    /// a planted line only from its planted day.
    /// </summary>
    private static void Adopt(CompanyPlan plan, int i, ref SimulationRandom random, int[] adoptDay)
    {
        for (var line = 0; line < adoptDay.Length; line++)
        {
            var launch = plan.Catalog.LineLaunchDay[line];
            if (launch <= 0)
            {
                adoptDay[line] = launch;
                continue;
            }

            var loyalty = plan.Loyalty[i];
            var adopts = plan.Type[i] == PartyType.Distributor || loyalty == Loyalty.Advocate
                || random.Chance(loyalty == Loyalty.Supporter ? 0.7 : 0.55);
            var delay = plan.Type[i] == PartyType.Distributor ? random.Int(30)
                : loyalty == Loyalty.Advocate ? random.Int(43)
                : 56 + random.Exponential(150);
            adoptDay[line] = adopts ? (int)Math.Min(int.MaxValue / 2, launch + delay) : int.MaxValue;
        }

        if (plan.ForcedLine[i] >= 0)
        {
            adoptDay[plan.ForcedLine[i]] = plan.ForcedDay[i];
        }
    }

    /// <summary>A line by the party's preferences (primary 0.55, secondary 0.25, other established 0.04, adopted new lines 0.08), among lines it can buy that day; lines whose cheapest product costs more than the order weigh a tenth.</summary>
    private static int ChooseLine(CompanyPlan plan, int i, int[] adoptDay, int day, double amount, ref SimulationRandom random)
    {
        Span<double> totals = stackalloc double[ProductCatalog.Lines.Length];
        var total = 0.0;
        for (var line = 0; line < totals.Length; line++)
        {
            var cheapest = adoptDay[line] <= day ? plan.Catalog.Cheapest(line, day) : -1;
            if (cheapest >= 0)
            {
                var weight = line == plan.PrimaryLine[i] ? 0.55
                    : line == plan.SecondaryLine[i] ? 0.25
                    : line < ProductCatalog.EstablishedLines ? 0.04 : 0.08;
                total += amount < ProductCatalog.Products[cheapest].Price * 0.8 ? weight * 0.1 : weight;
            }

            totals[line] = total;
        }

        return total > 0 ? random.Pick(totals) : plan.PrimaryLine[i];
    }

    /// <summary>A product of the line on sale that day, uniformly among those priced at most the amount, else the cheapest.</summary>
    private static int ChooseProduct(ProductCatalog catalog, int line, int day, double amount, ref SimulationRandom random)
    {
        var affordable = 0;
        foreach (var p in catalog.ProductsOf(line))
        {
            affordable += catalog.ProductLaunchDay[p] <= day && ProductCatalog.Products[p].Price <= amount ? 1 : 0;
        }

        if (affordable == 0)
        {
            var cheapest = catalog.Cheapest(line, day);
            return cheapest >= 0 ? cheapest : catalog.ProductsOf(line)[0];
        }

        var pick = random.Int(affordable);
        foreach (var p in catalog.ProductsOf(line))
        {
            if (catalog.ProductLaunchDay[p] <= day && ProductCatalog.Products[p].Price <= amount && pick-- == 0)
            {
                return p;
            }
        }

        return catalog.ProductsOf(line)[0];
    }
}
