namespace Clientele.Customers;

/// <summary>
/// The per-customer summary of a transaction log as of a date, as columns: one array per field,
/// index <c>i</c> of every array is the customer <c>CustomerId[i]</c>. Times (<see cref="Recency"/>,
/// <see cref="T"/>) are in <see cref="Unit"/>s. Purchases are counted in purchase days: the orders of
/// one customer on one day are one purchase, as the BTYD models count them.
/// </summary>
public sealed class CustomerSummary
{
    /// <summary>Allocates the columns for <paramref name="count"/> customers.</summary>
    public CustomerSummary(int count, DateOnly asOf, TimeUnit unit, IReadOnlyList<string> interactionKinds)
    {
        AsOf = asOf;
        Unit = unit;
        CustomerId = new string[count];
        FirstPurchase = new DateOnly?[count];
        LastPurchase = new DateOnly?[count];
        Orders = new int[count];
        PurchaseDays = new int[count];
        Frequency = new double[count];
        Recency = new double[count];
        T = new double[count];
        MonetaryValue = new double[count];
        Revenue = new double[count];
        Margin = new double?[count];
        Returns = new int[count];
        ReturnedAmount = new double[count];
        InteractionKinds = interactionKinds;
        InteractionCounts = interactionKinds.Select(_ => new int[count]).ToArray();
        OtherInteractions = new int[count];
        ServiceCost = new double[count];
        MeanSurveyScore = new double?[count];
        ReferralsMade = new int[count];
        ReferralsBought = new int[count];
    }

    /// <summary>The calibration cut-off: orders and interactions after this day are ignored.</summary>
    public DateOnly AsOf { get; }

    /// <summary>The unit of <see cref="Recency"/> and <see cref="T"/>.</summary>
    public TimeUnit Unit { get; }

    /// <summary>The number of customers.</summary>
    public int Count => CustomerId.Length;

    /// <summary>The customer's id.</summary>
    public string[] CustomerId { get; }

    /// <summary>The day of the first purchase, or null for a customer who has not bought.</summary>
    public DateOnly?[] FirstPurchase { get; }

    /// <summary>The day of the last purchase, or null.</summary>
    public DateOnly?[] LastPurchase { get; }

    /// <summary>Completed orders (lines), returned and cancelled ones excluded.</summary>
    public int[] Orders { get; }

    /// <summary>Days with at least one completed order.</summary>
    public int[] PurchaseDays { get; }

    /// <summary>x: repeat purchase days (purchase days − 1; 0 for non-buyers).</summary>
    public double[] Frequency { get; }

    /// <summary>t_x: from the first to the last purchase, in <see cref="Unit"/>s (0 without repeats).</summary>
    public double[] Recency { get; }

    /// <summary>T: from the first purchase to <see cref="AsOf"/>, in <see cref="Unit"/>s; NaN for non-buyers.</summary>
    public double[] T { get; }

    /// <summary>Mean spend of the repeat purchase days (the first day excluded); 0 without repeats.</summary>
    public double[] MonetaryValue { get; }

    /// <summary>Total spend of completed orders.</summary>
    public double[] Revenue { get; }

    /// <summary>Total margin of completed orders, or null when no order gives one.</summary>
    public double?[] Margin { get; }

    /// <summary>Orders with status returned.</summary>
    public int[] Returns { get; }

    /// <summary>Amount of the returned orders.</summary>
    public double[] ReturnedAmount { get; }

    /// <summary>The interaction kinds counted one by one, in the order of <see cref="InteractionCounts"/>.</summary>
    public IReadOnlyList<string> InteractionKinds { get; }

    /// <summary>Per kind of <see cref="InteractionKinds"/>: the customer's interactions of that kind.</summary>
    public int[][] InteractionCounts { get; }

    /// <summary>Interactions of any other kind.</summary>
    public int[] OtherInteractions { get; }

    /// <summary>Sum of interaction costs (cost to serve).</summary>
    public double[] ServiceCost { get; }

    /// <summary>Mean survey score on a 0-10 scale (scores out of <c>scale_max</c> rescaled), or null without surveys.</summary>
    public double?[] MeanSurveyScore { get; }

    /// <summary>Referrals the customer made.</summary>
    public int[] ReferralsMade { get; }

    /// <summary>Referred customers who have bought.</summary>
    public int[] ReferralsBought { get; }

    /// <summary>A summary of the first <paramref name="count"/> customers only.</summary>
    public CustomerSummary Head(int count) => Slice(0, Math.Clamp(count, 0, Count));

    /// <summary>A summary of the <paramref name="count"/> customers from index <paramref name="start"/>, in order (their index in it starts at 0).</summary>
    public CustomerSummary Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start, Count - count);
        var part = new CustomerSummary(count, AsOf, Unit, InteractionKinds);
        Array.Copy(CustomerId, start, part.CustomerId, 0, count);
        Array.Copy(FirstPurchase, start, part.FirstPurchase, 0, count);
        Array.Copy(LastPurchase, start, part.LastPurchase, 0, count);
        Array.Copy(Orders, start, part.Orders, 0, count);
        Array.Copy(PurchaseDays, start, part.PurchaseDays, 0, count);
        Array.Copy(Frequency, start, part.Frequency, 0, count);
        Array.Copy(Recency, start, part.Recency, 0, count);
        Array.Copy(T, start, part.T, 0, count);
        Array.Copy(MonetaryValue, start, part.MonetaryValue, 0, count);
        Array.Copy(Revenue, start, part.Revenue, 0, count);
        Array.Copy(Margin, start, part.Margin, 0, count);
        Array.Copy(Returns, start, part.Returns, 0, count);
        Array.Copy(ReturnedAmount, start, part.ReturnedAmount, 0, count);
        for (var k = 0; k < InteractionCounts.Length; k++) Array.Copy(InteractionCounts[k], start, part.InteractionCounts[k], 0, count);
        Array.Copy(OtherInteractions, start, part.OtherInteractions, 0, count);
        Array.Copy(ServiceCost, start, part.ServiceCost, 0, count);
        Array.Copy(MeanSurveyScore, start, part.MeanSurveyScore, 0, count);
        Array.Copy(ReferralsMade, start, part.ReferralsMade, 0, count);
        Array.Copy(ReferralsBought, start, part.ReferralsBought, 0, count);
        return part;
    }
}
