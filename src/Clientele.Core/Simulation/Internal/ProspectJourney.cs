namespace Clientele.Simulation.Internal;

/// <summary>
/// A prospect's engagement, as planted: an inquiry on the day it became known, then a visit, a trial
/// and a quote, each taken with a probability rising with the prospect's warmth, 3-27 days apart;
/// then, for 55%, an opportunity. 85% of opportunities close (won with probability
/// logistic(6·warmth − 2.5), lost otherwise): that is the known outcome; the rest stay open. Days are
/// -1 for stages not reached; a stage that would fall after the last simulated day is not reached.
/// Drawn from the party's own stream, so planning and writing see the same journey.
/// </summary>
/// <param name="Inquiry">Day of the first inquiry (the day the prospect became known).</param>
/// <param name="Visit">Day of the visit, or -1.</param>
/// <param name="Trial">Day of the trial, or -1.</param>
/// <param name="Quote">Day of the quote, or -1.</param>
/// <param name="Opportunity">Day the opportunity was won, lost or last seen open, or -1.</param>
/// <param name="Outcome">The known outcome.</param>
/// <param name="Line">The product line the prospect is interested in.</param>
/// <param name="Warmth">How ready to buy, 0-1 (Beta(2, 2.5)).</param>
/// <param name="FirstOrder">For a won prospect: the day of its first order (1-21 days after the win).</param>
internal readonly record struct ProspectJourney(
    int Inquiry, int Visit, int Trial, int Quote, int Opportunity, ProspectOutcome Outcome, int Line, double Warmth, int FirstOrder)
{
    public static ProspectJourney Draw(int seed, int party, int inquiryDay, int lastDay)
    {
        var random = new SimulationRandom(seed, RandomStream.Prospect, party);
        var warmth = random.Beta(2.0, 2.5);
        var line = random.Int(ProductCatalog.EstablishedLines);
        var day = inquiryDay;
        var visit = Stage(ref random, ref day, lastDay, 0.2 + (0.6 * warmth));
        var trial = Stage(ref random, ref day, lastDay, 0.1 + (0.6 * warmth));
        var quote = Stage(ref random, ref day, lastDay, 0.2 + (0.5 * warmth));
        var opportunity = Stage(ref random, ref day, lastDay, 0.55);
        var outcome = ProspectOutcome.None;
        var firstOrder = -1;
        if (opportunity >= 0 && opportunity < lastDay && random.Chance(0.85))
        {
            var won = 1.0 / (1.0 + Math.Exp(2.5 - (6.0 * warmth)));
            outcome = random.Chance(won) ? ProspectOutcome.Won : ProspectOutcome.Lost;
            firstOrder = outcome == ProspectOutcome.Won ? Math.Min(lastDay, opportunity + random.Between(1, 21)) : -1;
        }

        return new ProspectJourney(inquiryDay, visit, trial, quote, opportunity, outcome, line, warmth, firstOrder);
    }

    private static int Stage(ref SimulationRandom random, ref int day, int lastDay, double probability)
    {
        var gap = random.Between(3, 27);
        if (!random.Chance(probability))
        {
            return -1;
        }

        day += gap;
        return day <= lastDay ? day : -1;
    }
}
