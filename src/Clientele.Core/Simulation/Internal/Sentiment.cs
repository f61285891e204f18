namespace Clientele.Simulation.Internal;

/// <summary>interactions.sentiment; <see cref="None"/> writes an empty field.</summary>
internal enum Sentiment : byte
{
    None,
    Positive,
    Neutral,
    Negative,
}
