namespace Clientele.Simulation.Internal;

/// <summary>
/// Everything planted about the parties before any file is written, as one column per field:
/// the parties are numbered in the order they became known (party i is customer C(i+1)), so every
/// referrer and every parent company comes before the parties that point at it.
/// </summary>
internal sealed class CompanyPlan
{
    /// <summary>The drop-out day of a party still alive at the end.</summary>
    public const int Alive = int.MaxValue;

    public static readonly string[] AcquisitionChannels =
        ["web", "store", "marketplace", "event", "sales-rep", "partner", "referral", "retail-partner"];

    public const byte EventChannel = 3;
    public const byte SalesRepChannel = 4;
    public const byte ReferralChannel = 6;
    public const byte RetailPartnerChannel = 7;

    public CompanyPlan(SimulationOptions options)
    {
        Options = options;
        Seed = options.Seed;
        Count = options.Customers;
        Calendar = new SimulationCalendar(options.Start, options.Days);
        Catalog = new ProductCatalog(options.Days);
        var n = Count;
        Type = new PartyType[n];
        Flags = new PartyFlags[n];
        Loyalty = new Loyalty[n];
        LostReason = new LostReason[n];
        Outcome = new ProspectOutcome[n];
        AcquiredDay = new int[n];
        BuyStart = new int[n];
        DropDay = new int[n];
        ReferredBy = new int[n];
        Parent = new int[n];
        ForcedDay = new int[n];
        ForcedLine = new sbyte[n];
        Segment = new byte[n];
        Country = new byte[n];
        Channel = new byte[n];
        PrimaryLine = new byte[n];
        SecondaryLine = new byte[n];
        ContactCount = new byte[n];
        FirstContact = new long[n];
        PurchaseRate = new float[n];
        DropoutRate = new float[n];
        MeanSpend = new float[n];
        Wallet = new float[n];
        Array.Fill(BuyStart, -1);
        Array.Fill(DropDay, Alive);
        Array.Fill(ReferredBy, -1);
        Array.Fill(Parent, -1);
        Array.Fill(ForcedLine, (sbyte)-1);
    }

    public SimulationOptions Options { get; }
    public int Seed { get; }
    public int Count { get; }
    public SimulationCalendar Calendar { get; }
    public ProductCatalog Catalog { get; }
    public int LastDay => Calendar.LastDay;

    public readonly PartyType[] Type;
    public readonly PartyFlags[] Flags;
    public readonly Loyalty[] Loyalty;
    public readonly LostReason[] LostReason;
    public readonly ProspectOutcome[] Outcome;

    /// <summary>Day the party became known (customers.acquired_at).</summary>
    public readonly int[] AcquiredDay;

    /// <summary>Day of the first order, or -1 for parties that never buy.</summary>
    public readonly int[] BuyStart;

    /// <summary>Day the party stopped buying (no order on or after it), or <see cref="Alive"/>.</summary>
    public readonly int[] DropDay;
    public readonly int[] ReferredBy;
    public readonly int[] Parent;

    /// <summary>A planted first purchase of a line (leaders, callers and their followers): the line, or -1.</summary>
    public readonly sbyte[] ForcedLine;
    public readonly int[] ForcedDay;

    /// <summary>Index into <see cref="Markets.Domains"/> (organizations) or <see cref="Markets.Groups"/> (persons).</summary>
    public readonly byte[] Segment;
    public readonly byte[] Country;
    public readonly byte[] Channel;
    public readonly byte[] PrimaryLine;
    public readonly byte[] SecondaryLine;
    public readonly byte[] ContactCount;

    /// <summary>Number of the party's first contact (K...), contacts being numbered from 1 in party order.</summary>
    public readonly long[] FirstContact;

    /// <summary>Planted purchases per week while alive (Pareto/NBD lambda).</summary>
    public readonly float[] PurchaseRate;

    /// <summary>Planted dropout hazard per week (Pareto/NBD mu).</summary>
    public readonly float[] DropoutRate;

    /// <summary>Planted mean spend per order (Gamma-Gamma p/nu).</summary>
    public readonly float[] MeanSpend;

    /// <summary>Total yearly category spend, or 0 when not known.</summary>
    public readonly float[] Wallet;

    /// <summary>Referrals as adjacency lists: the parties referred by party i are ReferralTargets[ReferralStart[i]..ReferralStart[i+1]].</summary>
    public int[] ReferralStart { get; set; } = [];
    public int[] ReferralTargets { get; set; } = [];

    public List<int> SupplySellers { get; } = [];
    public List<int> SupplyBuyers { get; } = [];

    /// <summary>Digits of order and interaction ids: room for a thousand per party.</summary>
    public int EventIdWidth => Math.Max(8, Count.ToString(System.Globalization.CultureInfo.InvariantCulture).Length + 3);

    public bool IsOrganization(int party) => (Flags[party] & PartyFlags.Organization) != 0;

    public bool Has(int party, PartyFlags flag) => (Flags[party] & flag) != 0;

    public bool Buys(int party) => BuyStart[party] >= 0;

    /// <summary>Bought and stopped before the end.</summary>
    public bool IsLost(int party) => BuyStart[party] >= 0 && DropDay[party] <= LastDay;

    public int ReferralCount(int party) => ReferralStart.Length == 0 ? 0 : ReferralStart[party + 1] - ReferralStart[party];

    public ReadOnlySpan<int> ReferredByParty(int party) =>
        ReferralTargets.AsSpan(ReferralStart[party], ReferralStart[party + 1] - ReferralStart[party]);

    public int Region(int party) => Markets.RegionOf(Country[party]);
}
