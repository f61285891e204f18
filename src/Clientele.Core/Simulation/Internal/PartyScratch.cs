namespace Clientele.Simulation.Internal;

/// <summary>
/// Working memory for writing one party at a time, reused across the parties of a chunk: order
/// moments, the interactions waiting to be sorted, and the figures the truth row needs.
/// </summary>
internal sealed class PartyScratch
{
    private long[] _moments = new long[256];
    private InteractionEvent[] _events = new InteractionEvent[64];

    public int MomentCount { get; private set; }
    public int EventCount { get; private set; }

    /// <summary>Day each line becomes available to the party (int.MaxValue: never).</summary>
    public int[] AdoptDay { get; } = new int[ProductCatalog.Lines.Length];

    /// <summary>Days with an order not cancelled (purchase occasions).</summary>
    public int KeptPurchaseDays { get; set; }

    /// <summary>The party's satisfaction, 0-1: drives scores, reviews and survey answers.</summary>
    public double Satisfaction { get; set; }

    public Span<long> Moments => _moments.AsSpan(0, MomentCount);

    public Span<InteractionEvent> Events => _events.AsSpan(0, EventCount);

    public void Reset()
    {
        MomentCount = 0;
        EventCount = 0;
        KeptPurchaseDays = 0;
    }

    public void AddMoment(long moment)
    {
        if (MomentCount == _moments.Length)
        {
            Array.Resize(ref _moments, _moments.Length * 2);
        }

        _moments[MomentCount++] = moment;
    }

    public void Add(int day, int second, InteractionKind kind, double cost = double.NaN, string? tag = null, int line = -1,
        string? text = null, int score = -1, int scaleMax = 0, Sentiment sentiment = Sentiment.None)
    {
        if (EventCount == _events.Length)
        {
            Array.Resize(ref _events, _events.Length * 2);
        }

        _events[EventCount] = new InteractionEvent
        {
            Moment = (day * 86_400L) + second,
            Sequence = EventCount,
            Kind = kind,
            Cost = cost,
            Tag = tag,
            Line = (sbyte)line,
            Text = text,
            Score = (sbyte)score,
            ScaleMax = (byte)scaleMax,
            Sentiment = sentiment,
        };
        EventCount++;
    }

    public void SortEvents() =>
        Events.Sort(static (a, b) => a.Moment != b.Moment ? a.Moment.CompareTo(b.Moment) : a.Sequence.CompareTo(b.Sequence));
}
