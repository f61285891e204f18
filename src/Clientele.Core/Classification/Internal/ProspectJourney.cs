namespace Clientele.Classification.Internal;

/// <summary>
/// A party's pre-purchase journey: inquiries, visits, trials, quotes and opportunities before its first completed order.
/// For a party without orders every such interaction counts. For a buyer only the total before the first order is known
/// (<see cref="CustomerColumns.ProspectTouches"/>), while the per-kind counts also hold later cross-sell inquiries and
/// quotes; the total is split by kind with visits, trials and opportunities first (they belong to prospect journeys), then
/// one opening inquiry, then the quotes, then the other inquiries, so the split is exact for non-buyers and for buyers
/// without later cross-sell touches.
/// </summary>
internal readonly record struct ProspectJourney(int Inquiries, int Visits, int Trials, int Quotes, int Opportunities)
{
    /// <summary>The feature names of <see cref="Features"/>.</summary>
    public static readonly string[] FeatureNames = ["inquiries", "visits", "trials", "quotes", "organization"];

    public static ProspectJourney Of(CustomerColumns columns, Kinds kinds, int i)
    {
        var s = columns.Summary;
        int inquiry = kinds.Count(s, kinds.Inquiry, i), visit = kinds.Count(s, kinds.Visit, i), trial = kinds.Count(s, kinds.Trial, i);
        int quote = kinds.Count(s, kinds.Quote, i), opportunity = kinds.Count(s, kinds.Opportunity, i);
        var bought = s.Orders[i] + s.Returns[i] > 0 || columns.HasBought(i);
        var total = bought ? columns.ProspectTouches[i] : Math.Max(columns.ProspectTouches[i], inquiry + visit + trial + quote + opportunity);
        var visits = Math.Min(visit, total);
        var trials = Math.Min(trial, total - visits);
        var opportunities = Math.Min(opportunity, total - visits - trials);
        var asked = total - visits - trials - opportunities;
        var quotes = Math.Min(quote, Math.Max(0, asked - (asked > 0 && inquiry > 0 ? 1 : 0)));
        return new ProspectJourney(asked - quotes, visits, trials, quotes, opportunities);
    }

    /// <summary>The model's features in the order of <see cref="FeatureNames"/>.</summary>
    public double[] Features(bool organization) => [Inquiries, Visits, Trials, Quotes, organization ? 1 : 0];

    /// <summary>"3 visits, 1 trial, 1 quote", or "no inquiry, visit, trial or quote".</summary>
    public string Describe()
    {
        var parts = new List<string>(4);
        if (Inquiries > 0) parts.Add(ValueText.Count(Inquiries, "inquiry", "inquiries"));
        if (Visits > 0) parts.Add(ValueText.Count(Visits, "visit", "visits"));
        if (Trials > 0) parts.Add(ValueText.Count(Trials, "trial", "trials"));
        if (Quotes > 0) parts.Add(ValueText.Count(Quotes, "quote", "quotes"));
        return parts.Count == 0 ? "no inquiry, visit, trial or quote" : string.Join(", ", parts);
    }

    /// <summary>The positions of the journey's interaction kinds in <see cref="Customers.CustomerSummary.InteractionKinds"/> (−1 where absent).</summary>
    internal readonly record struct Kinds(int Inquiry, int Visit, int Trial, int Quote, int Opportunity)
    {
        public static Kinds Of(Customers.CustomerSummary summary)
        {
            var list = summary.InteractionKinds;
            int Find(string kind)
            {
                for (var k = 0; k < list.Count; k++) if (string.Equals(list[k], kind, StringComparison.OrdinalIgnoreCase)) return k;
                return -1;
            }
            return new Kinds(Find("inquiry"), Find("visit"), Find("trial"), Find("quote"), Find("opportunity"));
        }

        public int Count(Customers.CustomerSummary summary, int kind, int i) => kind < 0 ? 0 : summary.InteractionCounts[kind][i];
    }
}
