namespace Clientele.Simulation.Internal;

/// <summary>One interaction of the party being written, kept until its interactions are sorted by time.</summary>
internal struct InteractionEvent
{
    /// <summary>Seconds since the simulated start.</summary>
    public long Moment;

    /// <summary>Order of creation, to break ties between equal moments.</summary>
    public int Sequence;
    public InteractionKind Kind;

    /// <summary>Score, or -1 for none.</summary>
    public sbyte Score;

    /// <summary>Top of the score's scale (10 or 5), or 0.</summary>
    public byte ScaleMax;
    public Sentiment Sentiment;

    /// <summary>Product line, or -1.</summary>
    public sbyte Line;

    /// <summary>Cost to serve, or NaN for none.</summary>
    public double Cost;
    public string? Tag;
    public string? Text;
}
