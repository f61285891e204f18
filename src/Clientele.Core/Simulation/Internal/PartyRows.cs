namespace Clientele.Simulation.Internal;

/// <summary>Writes a party's customers row and its truth_customers row.</summary>
internal static class PartyRows
{
    private static readonly string[] LoyaltyLadder = ["customer", "supporter", "advocate"];

    public static void WriteCustomer(CompanyPlan plan, int i, CsvBuffer customers)
    {
        var organization = plan.IsOrganization(i);
        var random = new SimulationRandom(plan.Seed, RandomStream.Names, i);
        var segment = plan.Segment[i];
        customers.Id('C', i + 1, 7);
        if (!organization)
        {
            customers.Text(Names.Person(ref random));
            customers.Ascii("person");
            customers.Empty();
            customers.Empty();
            customers.Text(Markets.Groups[segment].Name);
        }
        else
        {
            var parent = plan.Parent[i];
            var name = parent < 0
                ? OrganizationName(plan, i, ref random)
                : $"{OrganizationName(plan, parent)} ({random.Of(Markets.Countries[plan.Country[i]].Cities)})";
            customers.Text(name);
            customers.Ascii("organization");
            customers.Text(Markets.IndustryOf(segment).Name);
            customers.Text(Markets.Domains[segment].Name);
            customers.Empty();
        }

        var country = Markets.Countries[plan.Country[i]];
        customers.Text(Markets.Regions[country.Region]);
        customers.Text(country.Name);
        customers.Day(plan.Calendar, plan.AcquiredDay[i]);
        customers.Ascii(CompanyPlan.AcquisitionChannels[plan.Channel[i]]);
        Party(customers, plan.ReferredBy[i]);
        customers.Boolean(plan.Has(i, PartyFlags.Prominent));
        if (plan.Wallet[i] > 0)
        {
            customers.Fixed(plan.Wallet[i], 2);
        }
        else
        {
            customers.Empty();
        }

        Party(customers, plan.Parent[i]);
        customers.Text(Attributes(plan, i, ref random));
        customers.EndRow();
    }

    /// <summary>
    /// The planted truth. The ladder follows the orders actually written, counted as purchase occasions
    /// (days with an order not cancelled): none is prospect for engaged parties and no-relationship
    /// otherwise, one is buyer, more are the party's loyalty (customer, supporter or advocate).
    /// </summary>
    public static void WriteTruth(CompanyPlan plan, int i, int keptPurchaseDays, CsvBuffer truth)
    {
        var buys = plan.Buys(i);
        var ladder = keptPurchaseDays switch
        {
            0 when buys || plan.Type[i] == PartyType.Prospect => "prospect",
            0 => "no-relationship",
            1 => "buyer",
            _ => LoyaltyLadder[(int)plan.Loyalty[i]],
        };
        var lost = plan.IsLost(i);
        truth.Id('C', i + 1, 7);
        truth.Ascii(ladder);
        if (buys)
        {
            truth.Boolean(!lost);
        }
        else
        {
            truth.Empty();
        }

        if (lost)
        {
            truth.Day(plan.Calendar, plan.DropDay[i]);
            truth.Ascii(Words.Of(plan.LostReason[i]));
        }
        else
        {
            truth.Empty();
            truth.Empty();
        }

        var advocate = ladder == "advocate";
        truth.Boolean(advocate);
        truth.Ascii(plan.Has(i, PartyFlags.NegativeSpreader) ? "negative"
            : advocate || plan.ReferralCount(i) > 0 ? "positive" : "");
        truth.Boolean(plan.Has(i, PartyFlags.Leader));
        truth.Boolean(plan.Has(i, PartyFlags.Caller));
        truth.Ascii(buys ? "direct" : plan.Type[i] switch
        {
            PartyType.Retailer => "indirect",
            PartyType.Consumer => "ultimate",
            _ => "",
        });
        truth.Ascii(plan.Type[i] == PartyType.Prospect ? Words.Of(plan.Outcome[i]) : "");
        if (buys)
        {
            truth.Fixed(plan.PurchaseRate[i], 4);
            truth.Fixed(plan.DropoutRate[i], 6);
            truth.Fixed(plan.MeanSpend[i], 2);
        }
        else
        {
            truth.Empty();
            truth.Empty();
            truth.Empty();
        }

        truth.EndRow();
    }

    private static string OrganizationName(CompanyPlan plan, int party)
    {
        var random = new SimulationRandom(plan.Seed, RandomStream.Names, party);
        return OrganizationName(plan, party, ref random);
    }

    private static string OrganizationName(CompanyPlan plan, int party, ref SimulationRandom random) =>
        Names.Organization(ref random, plan.Segment[party], plan.Country[party], plan.Type[party] == PartyType.Distributor);

    private static void Party(CsvBuffer buffer, int party)
    {
        if (party >= 0)
        {
            buffer.Id('C', party + 1, 7);
        }
        else
        {
            buffer.Empty();
        }
    }

    /// <summary>Other facts a CRM export would carry: head count and sites of organizations, the newsletter flag of 40% of persons.</summary>
    private static string? Attributes(CompanyPlan plan, int i, ref SimulationRandom random)
    {
        if (!plan.IsOrganization(i))
        {
            return random.Chance(0.4) ? (random.Chance(0.5) ? """{"newsletter":true}""" : """{"newsletter":false}""") : null;
        }

        var median = plan.Type[i] == PartyType.Distributor ? 150 : Markets.Domains[plan.Segment[i]].Employees;
        var employees = Math.Max(2, (int)Math.Round(median * random.LogNormal(0, 0.6)));
        var sites = 1 + random.Poisson(Math.Min(20, employees / 250.0));
        var business = plan.Type[i] switch
        {
            PartyType.Distributor => "\"business\":\"distributor\",",
            PartyType.Retailer => "\"business\":\"retailer\",",
            _ => "",
        };
        return $$"""{{{business}}"employees":{{employees}},"sites":{{sites}}}""";
    }
}
