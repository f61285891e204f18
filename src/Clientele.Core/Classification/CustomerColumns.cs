using Clientele.Customers;

namespace Clientele.Classification;

/// <summary>
/// Everything the classifications read about each customer, as columns: the transaction summary plus the
/// party's attributes and the signals of its orders, interactions, referrals, product lines, supply links,
/// account hierarchy and contacts. Index <c>i</c> of every per-customer array is <c>Summary.CustomerId[i]</c>.
/// Filled by the workspace (Storage) from one as-of date; classifications never read anything else.
/// Links between customers are indices into these arrays (−1 for none).
/// </summary>
public sealed class CustomerColumns
{
    /// <summary>Allocates the columns for the customers of <paramref name="summary"/>.</summary>
    public CustomerColumns(CustomerSummary summary, IReadOnlyList<string> productLines)
    {
        Summary = summary;
        var n = summary.Count;
        Name = new string?[n];
        Kind = new string?[n];
        Industry = new string?[n];
        Domain = new string?[n];
        PopulationGroup = new string?[n];
        Region = new string?[n];
        Country = new string?[n];
        Channel = new string?[n];
        AcquiredAt = new DateOnly?[n];
        IsProminent = new bool[n];
        WalletEstimate = new double?[n];
        ParentIndex = Filled(n, -1);
        ReferredByIndex = Filled(n, -1);
        CancelledOrders = new int[n];
        ReturnMargin = new double[n];
        RevenueLastYear = new double[n];
        KeptPurchaseDays = new int[n];
        PeriodStart = new DateOnly?[n];
        Size = new double?[n];
        SizeAttribute = new string?[n];
        ProductLines = productLines;
        LineOrders = productLines.Select(_ => new int[n]).ToArray();
        LineInterest = productLines.Select(_ => new int[n]).ToArray();
        NewLinesAdopted = new int[n];
        EarliestAdoptionDays = new double?[n];
        EarliestAdoptionRank = new double?[n];
        Followers = new int[n];
        FollowersExpected = new double[n];
        FollowedLine = new string?[n];
        FollowersRevenue = new double[n];
        SurveyAnswers = new int[n];
        PromoterAnswers = new int[n];
        DetractorAnswers = new int[n];
        PositiveReviews = new int[n];
        NegativeReviews = new int[n];
        PositiveInteractions = new int[n];
        NegativeInteractions = new int[n];
        ProspectTouches = new int[n];
        LastTouch = new DateOnly?[n];
        OpportunityOutcome = new string?[n];
        SuggestionTags = new string?[n];
        RecentComplaints = new int[n];
        RecentComplaintTag = new string?[n];
        RecentLowScores = new int[n];
        RecentReturns = new int[n];
        RecentServiceCost = new double[n];
        ReferredRevenue = new double[n];
        ReferredMargin = new double[n];
        SupplySeller = [];
        SupplyBuyer = [];
        Contacts = ContactColumns.Empty;
        Targets = [];
    }

    /// <summary>The transaction summary (frequency, recency, T, revenue, margin, interactions, referrals, ...).</summary>
    public CustomerSummary Summary { get; }

    /// <summary>The number of customers.</summary>
    public int Count => Summary.Count;

    /// <summary>The as-of date of every column.</summary>
    public DateOnly AsOf => Summary.AsOf;

    /// <summary>The customer's id.</summary>
    public string[] CustomerId => Summary.CustomerId;

    /// <summary>Display name, or null.</summary>
    public string?[] Name { get; }

    /// <summary>"person", "organization", or null when the data does not say.</summary>
    public string?[] Kind { get; }

    /// <summary>Industry (organizations).</summary>
    public string?[] Industry { get; }

    /// <summary>Domain within the industry (organizations): finer than industry.</summary>
    public string?[] Domain { get; }

    /// <summary>Population group (persons, mass retail).</summary>
    public string?[] PopulationGroup { get; }

    /// <summary>Region.</summary>
    public string?[] Region { get; }

    /// <summary>Country.</summary>
    public string?[] Country { get; }

    /// <summary>Acquisition channel.</summary>
    public string?[] Channel { get; }

    /// <summary>The day the party became known, or null.</summary>
    public DateOnly?[] AcquiredAt { get; }

    /// <summary>A prominent party whose purchases may draw others.</summary>
    public bool[] IsProminent { get; }

    /// <summary>The party's total yearly spend in our category (all suppliers), or null when unknown.</summary>
    public double?[] WalletEstimate { get; }

    /// <summary>Index of the parent account, or −1.</summary>
    public int[] ParentIndex { get; }

    /// <summary>Index of the customer who referred this one (customers.referred_by), or −1.</summary>
    public int[] ReferredByIndex { get; }

    /// <summary>Cancelled orders up to the as-of date.</summary>
    public int[] CancelledOrders { get; }

    /// <summary>Sum of the margins of returned orders (the handling loss: usually ≤ 0).</summary>
    public double[] ReturnMargin { get; }

    /// <summary>Revenue of completed orders in the 365 days up to and including the as-of date.</summary>
    public double[] RevenueLastYear { get; }

    /// <summary>
    /// Purchase occasions: days with at least one kept order (completed or returned; a cancelled order was never
    /// bought). Several orders or order lines on one day are one occasion, as the summary's purchase days count them.
    /// </summary>
    public int[] KeptPurchaseDays { get; }

    /// <summary>
    /// The earliest <c>orders.period_start</c> of the customer's completed orders: where an order totals a period's
    /// purchases (an annual spend export imported with <c>--lines-from-columns</c>), the day that period began, so the
    /// customer is known to have bought over the whole period, not only on the order's day. Null where no order has one.
    /// </summary>
    public DateOnly?[] PeriodStart { get; }

    /// <summary>
    /// The party's size as the data states it (employees, yearly turnover, ...): the first attribute of
    /// <c>customers.attributes</c> named in the size attributes of the options with a positive number, or null.
    /// Used to compare customers of the same size band (wallet estimates).
    /// </summary>
    public double?[] Size { get; }

    /// <summary>The attribute <see cref="Size"/> was read from (e.g. "employees"), or null.</summary>
    public string?[] SizeAttribute { get; }

    /// <summary>
    /// Product ids named by completed orders up to the as-of date that the products table lacks, with their order
    /// counts, most orders first (the orders' lines are then unknown unless they carry a product_line themselves).
    /// </summary>
    public IReadOnlyList<(string ProductId, int Orders)> UnknownProducts { get; set; } = [];

    /// <summary>The product lines of the orders and products (empty when the data has none).</summary>
    public IReadOnlyList<string> ProductLines { get; }

    /// <summary>Per line of <see cref="ProductLines"/>: the customer's completed orders of that line.</summary>
    public int[][] LineOrders { get; }

    /// <summary>Per line of <see cref="ProductLines"/>: the customer's interactions about that line (inquiry, quote, trial, ...).</summary>
    public int[][] LineInterest { get; }

    /// <summary>Lines launched after the first order in the data that the customer has bought.</summary>
    public int[] NewLinesAdopted { get; }

    /// <summary>Fewest days from a new line's launch to the customer's first purchase of it, or null.</summary>
    public double?[] EarliestAdoptionDays { get; }

    /// <summary>Best (lowest) rank of the customer's first purchase among all first purchases of a new line, as a fraction (0 = the very first), or null.</summary>
    public double?[] EarliestAdoptionRank { get; }

    /// <summary>
    /// The customers of the same region who first bought a line 7 to 56 days after this customer first bought it,
    /// on the line where they most exceed what chance gives (<see cref="FollowersExpected"/>): the customer's apparent followers.
    /// </summary>
    public int[] Followers { get; }

    /// <summary>How many such first purchases the same line and region would show in a window of that length by chance.</summary>
    public double[] FollowersExpected { get; }

    /// <summary>The line of <see cref="Followers"/>, or null.</summary>
    public string?[] FollowedLine { get; }

    /// <summary>Revenue of the followers' first purchases of that line.</summary>
    public double[] FollowersRevenue { get; }

    /// <summary>Survey answers with a score.</summary>
    public int[] SurveyAnswers { get; }

    /// <summary>Survey answers of 9-10 on a 0-10 scale (NPS promoters).</summary>
    public int[] PromoterAnswers { get; }

    /// <summary>Survey answers of 0-6 on a 0-10 scale (NPS detractors).</summary>
    public int[] DetractorAnswers { get; }

    /// <summary>Reviews scoring at least 80% of their scale (4-5 of 5).</summary>
    public int[] PositiveReviews { get; }

    /// <summary>Reviews scoring at most 40% of their scale (1-2 of 5).</summary>
    public int[] NegativeReviews { get; }

    /// <summary>Interactions with positive sentiment.</summary>
    public int[] PositiveInteractions { get; }

    /// <summary>Interactions with negative sentiment.</summary>
    public int[] NegativeInteractions { get; }

    /// <summary>Pre-purchase engagement: inquiries, visits, trials, quotes and opportunities before the first completed order (all of them for non-buyers).</summary>
    public int[] ProspectTouches { get; }

    /// <summary>Day of the latest interaction of any kind, or null.</summary>
    public DateOnly?[] LastTouch { get; }

    /// <summary>The tag of the latest opportunity: "won", "lost", "open" (or another word of the data), or null without opportunities.</summary>
    public string?[] OpportunityOutcome { get; }

    /// <summary>Tags of the customer's suggestions with counts, e.g. "quality:2, talent:1"; null without suggestions.</summary>
    public string?[] SuggestionTags { get; }

    /// <summary>Complaints in the churn-signal window: from a number of days (an option) before the last purchase to the as-of date.</summary>
    public int[] RecentComplaints { get; }

    /// <summary>The most frequent complaint tag in that window (ties: the latest), or null.</summary>
    public string?[] RecentComplaintTag { get; }

    /// <summary>Low scores in that window: surveys of 0-4 of 10, reviews of 1-2 of 5.</summary>
    public int[] RecentLowScores { get; }

    /// <summary>Returned orders in that window.</summary>
    public int[] RecentReturns { get; }

    /// <summary>Interaction costs in that window.</summary>
    public double[] RecentServiceCost { get; }

    /// <summary>Revenue (completed orders) of the customers this one referred.</summary>
    public double[] ReferredRevenue { get; }

    /// <summary>Margin of the customers this one referred (revenue where they have no margin).</summary>
    public double[] ReferredMargin { get; }

    /// <summary>Supply links, as index pairs: <c>SupplySeller[k]</c> sells our goods on to <c>SupplyBuyer[k]</c>.</summary>
    public int[] SupplySeller { get; set; }

    /// <summary>See <see cref="SupplySeller"/>.</summary>
    public int[] SupplyBuyer { get; set; }

    /// <summary>Contacts at organizations and the buying roles recorded for them.</summary>
    public ContactColumns Contacts { get; set; }

    /// <summary>The target groups of the structure map.</summary>
    public IReadOnlyList<TargetGroup> Targets { get; set; }

    /// <summary>
    /// The columns of the <paramref name="count"/> customers from index <paramref name="start"/>, in order (their index in it starts at
    /// 0), with their contacts and those contacts' roles. Links between customers are not kept (every parent and referrer is −1, no
    /// supply link): what reads them, the hierarchy roll-up and the supply chain position, is computed over the whole base. The
    /// product lines, the targets and the unknown products are the whole base's.
    /// </summary>
    public CustomerColumns Slice(int start, int count)
    {
        var part = new CustomerColumns(Summary.Slice(start, count), ProductLines) { UnknownProducts = UnknownProducts, Targets = Targets };
        void Copy<T>(T[] from, T[] to) => Array.Copy(from, start, to, 0, count);
        Copy(Name, part.Name);
        Copy(Kind, part.Kind);
        Copy(Industry, part.Industry);
        Copy(Domain, part.Domain);
        Copy(PopulationGroup, part.PopulationGroup);
        Copy(Region, part.Region);
        Copy(Country, part.Country);
        Copy(Channel, part.Channel);
        Copy(AcquiredAt, part.AcquiredAt);
        Copy(IsProminent, part.IsProminent);
        Copy(WalletEstimate, part.WalletEstimate);
        Copy(CancelledOrders, part.CancelledOrders);
        Copy(ReturnMargin, part.ReturnMargin);
        Copy(RevenueLastYear, part.RevenueLastYear);
        Copy(KeptPurchaseDays, part.KeptPurchaseDays);
        Copy(PeriodStart, part.PeriodStart);
        Copy(Size, part.Size);
        Copy(SizeAttribute, part.SizeAttribute);
        for (var l = 0; l < ProductLines.Count; l++)
        {
            Copy(LineOrders[l], part.LineOrders[l]);
            Copy(LineInterest[l], part.LineInterest[l]);
        }
        Copy(NewLinesAdopted, part.NewLinesAdopted);
        Copy(EarliestAdoptionDays, part.EarliestAdoptionDays);
        Copy(EarliestAdoptionRank, part.EarliestAdoptionRank);
        Copy(Followers, part.Followers);
        Copy(FollowersExpected, part.FollowersExpected);
        Copy(FollowedLine, part.FollowedLine);
        Copy(FollowersRevenue, part.FollowersRevenue);
        Copy(SurveyAnswers, part.SurveyAnswers);
        Copy(PromoterAnswers, part.PromoterAnswers);
        Copy(DetractorAnswers, part.DetractorAnswers);
        Copy(PositiveReviews, part.PositiveReviews);
        Copy(NegativeReviews, part.NegativeReviews);
        Copy(PositiveInteractions, part.PositiveInteractions);
        Copy(NegativeInteractions, part.NegativeInteractions);
        Copy(ProspectTouches, part.ProspectTouches);
        Copy(LastTouch, part.LastTouch);
        Copy(OpportunityOutcome, part.OpportunityOutcome);
        Copy(SuggestionTags, part.SuggestionTags);
        Copy(RecentComplaints, part.RecentComplaints);
        Copy(RecentComplaintTag, part.RecentComplaintTag);
        Copy(RecentLowScores, part.RecentLowScores);
        Copy(RecentReturns, part.RecentReturns);
        Copy(RecentServiceCost, part.RecentServiceCost);
        Copy(ReferredRevenue, part.ReferredRevenue);
        Copy(ReferredMargin, part.ReferredMargin);
        part.Contacts = Contacts.Of(start, count);
        return part;
    }

    /// <summary>Whether customer <paramref name="i"/> has a completed order by the as-of date.</summary>
    public bool HasBought(int i) => Summary.PurchaseDays[i] > 0;

    private static int[] Filled(int n, int value)
    {
        var array = new int[n];
        Array.Fill(array, value);
        return array;
    }
}
