using Clientele.Tables;
using static Clientele.Simulation.Internal.SimulationParameters;

namespace Clientele.Simulation.Internal;

/// <summary>
/// Writes a party's interactions, sorted by time: a prospect's journey; at most one old visit of a
/// party with no relationship; and for buying parties support (with its cost to serve), everyday
/// complaints, NPS surveys, the signals before leaving (complaints tagged with the planted reason,
/// low scores), negative spreaders' reviews, contributors' suggestions, thanks for referrals and
/// cross-sell inquiries. Reviews of orders are added by <see cref="OrderProcess"/>.
/// </summary>
internal static class InteractionLog
{
    private static readonly string[] OutcomeTexts = ["Negotiation ongoing", "Contract signed", "Chose another supplier"];

    /// <summary>The party's satisfaction, 0-1: advocates Beta(14, 1.2), supporters Beta(10, 1.5), others Beta(7, 1.6), negative spreaders Beta(1.2, 5); high-maintenance parties 15% lower.</summary>
    public static double Satisfaction(CompanyPlan plan, int i, ref SimulationRandom random)
    {
        var satisfaction = plan.Has(i, PartyFlags.NegativeSpreader) ? random.Beta(1.2, 5)
            : plan.Loyalty[i] switch
            {
                Loyalty.Advocate => random.Beta(14, 1.2),
                Loyalty.Supporter => random.Beta(10, 1.5),
                _ => random.Beta(7, 1.6),
            };
        return plan.Has(i, PartyFlags.HighMaintenance) ? satisfaction * 0.85 : satisfaction;
    }

    public static void Plant(CompanyPlan plan, int i, ref SimulationRandom random, PartyScratch scratch)
    {
        var organization = plan.IsOrganization(i);
        switch (plan.Type[i])
        {
            case PartyType.Prospect:
                Journey(plan, i, ref random, scratch, organization);
                break;
            case PartyType.NoRelationship when plan.AcquiredDay[i] <= plan.LastDay - 365 && random.Chance(0.5):
                scratch.Add(plan.AcquiredDay[i], OrderProcess.Second(ref random, true), InteractionKind.Visit,
                    cost: (organization ? 120 : 25) * random.LogNormal(0, 0.3), text: InteractionTexts.ProspectTexts[1]);
                break;
        }

        if (plan.Buys(i))
        {
            BuyingLife(plan, i, ref random, scratch, organization);
        }
    }

    public static void Write(CompanyPlan plan, int i, PartyScratch scratch, CsvBuffer interactions)
    {
        scratch.SortEvents();
        foreach (ref readonly var e in scratch.Events)
        {
            interactions.IdSlot('I', plan.EventIdWidth);
            interactions.Id('C', i + 1, 7);
            interactions.Moment(plan.Calendar, (int)(e.Moment / 86_400), (int)(e.Moment % 86_400));
            interactions.Ascii(CanonicalTables.InteractionKinds[(int)e.Kind]);
            if (e.Score >= 0)
            {
                interactions.Integer(e.Score);
                interactions.Integer(e.ScaleMax);
            }
            else
            {
                interactions.Empty();
                interactions.Empty();
            }

            if (e.Sentiment == Sentiment.None)
            {
                interactions.Empty();
            }
            else
            {
                interactions.Ascii(e.Sentiment switch { Sentiment.Positive => "positive", Sentiment.Neutral => "neutral", _ => "negative" });
            }

            if (double.IsNaN(e.Cost))
            {
                interactions.Empty();
            }
            else
            {
                interactions.Fixed(e.Cost, 2);
            }

            interactions.Text(e.Tag);
            if (e.Line >= 0)
            {
                interactions.Ascii(ProductCatalog.Lines[e.Line].Name);
            }
            else
            {
                interactions.Empty();
            }

            interactions.Text(e.Text);
            interactions.EndRow();
        }
    }

    private static void Journey(CompanyPlan plan, int i, ref SimulationRandom random, PartyScratch scratch, bool organization)
    {
        var journey = ProspectJourney.Draw(plan.Seed, i, plan.AcquiredDay[i], plan.LastDay);
        var scale = organization ? 1.0 : 0.2;
        Stage(journey.Inquiry, InteractionKind.Inquiry, 12, ref random);
        Stage(journey.Visit, InteractionKind.Visit, 120, ref random);
        Stage(journey.Trial, InteractionKind.Trial, 180, ref random);
        Stage(journey.Quote, InteractionKind.Quote, 45, ref random);
        if (journey.Opportunity >= 0)
        {
            var outcome = (int)journey.Outcome;
            scratch.Add(journey.Opportunity, OrderProcess.Second(ref random, true), InteractionKind.Opportunity,
                cost: 60 * scale * random.LogNormal(0, 0.3), tag: outcome == 0 ? "open" : Words.Of(journey.Outcome),
                line: journey.Line, text: OutcomeTexts[outcome],
                sentiment: journey.Outcome switch { ProspectOutcome.Won => Sentiment.Positive, ProspectOutcome.Lost => Sentiment.Negative, _ => Sentiment.Neutral });
        }

        void Stage(int day, InteractionKind kind, double cost, ref SimulationRandom random)
        {
            if (day >= 0)
            {
                scratch.Add(day, OrderProcess.Second(ref random, true), kind, cost: cost * scale * random.LogNormal(0, 0.3),
                    line: journey.Line, text: InteractionTexts.ProspectTexts[(int)kind]);
            }
        }
    }

    private static void BuyingLife(CompanyPlan plan, int i, ref SimulationRandom random, PartyScratch scratch, bool organization)
    {
        var start = plan.BuyStart[i];
        var stop = Math.Min(plan.DropDay[i], plan.Calendar.Days);
        var weeks = (stop - start) / 7.0;
        var lambda = (double)plan.PurchaseRate[i];
        var distributor = plan.Type[i] == PartyType.Distributor;
        var baseCost = distributor ? 150.0 : organization ? 90.0 : 18.0;
        var concerns = organization ? Markets.Domains[plan.Segment[i]].Concerns : Markets.Groups[plan.Segment[i]].Concerns;
        var primary = plan.PrimaryLine[i];
        var highMaintenance = plan.Has(i, PartyFlags.HighMaintenance);
        var marginPerOrder = plan.MeanSpend[i] * ProductCatalog.Lines[primary].MarginRate;

        var supportRate = SupportBase + (SupportPerOrder * lambda) + (highMaintenance ? HighMaintenanceSupportPerOrder * lambda : 0);
        for (var k = random.Poisson(supportRate * weeks); k > 0; k--)
        {
            var concern = random.Of(concerns);
            var cost = (baseCost * random.LogNormal(0, 0.35)) + (highMaintenance ? marginPerOrder * random.Uniform(0.8, 1.6) : 0);
            scratch.Add(random.Between(start, stop - 1), OrderProcess.Second(ref random, true), InteractionKind.Support, cost: cost,
                tag: concern, line: random.Chance(0.7) ? primary : plan.SecondaryLine[i], text: InteractionTexts.Support(concern),
                sentiment: Sentiment.Neutral);
        }

        for (var k = random.Poisson((ComplaintBase + (ComplaintPerOrder * lambda)) * weeks); k > 0; k--)
        {
            var reason = InteractionTexts.EverydayReasons[random.Pick(InteractionTexts.EverydayReasonWeights)];
            Complaint(random.Between(start, stop - 1), reason, ref random);
        }

        var lost = plan.IsLost(i);
        var reasonKnown = lost && plan.LostReason[i] != LostReason.Unknown;
        var leavingFrom = reasonKnown ? Math.Max(start, plan.DropDay[i] - (LostSignalWeeks * 7)) : int.MaxValue;
        var leavingTo = reasonKnown ? Math.Max(leavingFrom, plan.DropDay[i] - 1) : int.MaxValue;
        var response = plan.Loyalty[i] switch { Loyalty.Advocate => 0.6, Loyalty.Supporter => 0.45, _ => 0.25 };
        for (var day = start + 28; day < stop; day += SurveyEveryDays)
        {
            if (random.Chance(response))
            {
                var surveyDay = Math.Min(plan.LastDay, day + random.Int(7));
                var score = surveyDay >= leavingFrom ? random.Between(0, 4)
                    : Math.Clamp((int)Math.Round((10 * scratch.Satisfaction) + random.Normal(0, 1.0)), 0, 10);
                Survey(surveyDay, score, ref random);
            }
        }

        if (reasonKnown)
        {
            if (random.Chance(LostComplaintShare))
            {
                for (var k = random.Between(1, 3); k > 0; k--)
                {
                    Complaint(random.Between(leavingFrom, leavingTo), plan.LostReason[i], ref random);
                }
            }

            if (random.Chance(LostLowScoreShare))
            {
                Survey(random.Between(leavingFrom, leavingTo), random.Between(0, 4), ref random);
            }
        }

        if (plan.Has(i, PartyFlags.NegativeSpreader))
        {
            for (var k = random.Between(1, 3); k > 0; k--)
            {
                var day = lost ? random.Between(Math.Max(start, plan.DropDay[i] - 14), Math.Min(plan.LastDay, plan.DropDay[i] + 30))
                    : random.Between(start, stop - 1);
                scratch.Add(day, OrderProcess.Second(ref random, false), InteractionKind.Review, line: primary,
                    text: "Would not recommend, look elsewhere", score: random.Between(1, 2), scaleMax: 5, sentiment: Sentiment.Negative);
            }
        }

        if (plan.Has(i, PartyFlags.Contributor))
        {
            for (var k = 1 + random.Poisson(1.5); k > 0; k--)
            {
                var topic = random.Pick(InteractionTexts.SuggestionWeights);
                scratch.Add(random.Between(start, stop - 1), OrderProcess.Second(ref random, true), InteractionKind.Suggestion,
                    tag: InteractionTexts.SuggestionTags[topic], text: InteractionTexts.Suggestions[topic],
                    sentiment: random.Chance(0.6) ? Sentiment.Positive : Sentiment.Neutral);
            }
        }

        foreach (var referred in plan.ReferredByParty(i))
        {
            var day = plan.AcquiredDay[referred] + random.Between(3, 21);
            if (random.Chance(ReferralThanksShare) && day <= plan.LastDay)
            {
                scratch.Add(day, OrderProcess.Second(ref random, true), InteractionKind.ReferralThanks,
                    cost: random.Uniform(15, 40), text: "Thank you for recommending us", sentiment: Sentiment.Positive);
            }
        }

        for (var k = random.Poisson(CrossSellPerWeek * weeks); k > 0; k--)
        {
            var day = random.Between(start, stop - 1);
            var line = random.Int(ProductCatalog.Lines.Length);
            if (line != primary && plan.Catalog.LineLaunchDay[line] <= day)
            {
                var quote = organization && random.Chance(0.4);
                scratch.Add(day, OrderProcess.Second(ref random, true), quote ? InteractionKind.Quote : InteractionKind.Inquiry,
                    cost: (quote ? 45 : 12) * (organization ? 1.0 : 0.2) * random.LogNormal(0, 0.3), line: line,
                    text: quote ? InteractionTexts.ProspectTexts[3] : InteractionTexts.ProspectTexts[0]);
            }
        }

        void Complaint(int day, LostReason reason, ref SimulationRandom random)
        {
            scratch.Add(day, OrderProcess.Second(ref random, true), InteractionKind.Complaint,
                cost: 1.5 * baseCost * random.LogNormal(0, 0.35), tag: Words.Of(reason), line: primary,
                text: random.Of(InteractionTexts.Complaints[(int)reason]), sentiment: Sentiment.Negative);
        }

        void Survey(int day, int score, ref SimulationRandom random)
        {
            var sentiment = score >= 9 ? Sentiment.Positive : score >= 7 ? Sentiment.Neutral : Sentiment.Negative;
            scratch.Add(day, OrderProcess.Second(ref random, false), InteractionKind.Survey, score: score, scaleMax: 10, sentiment: sentiment);
        }
    }
}
