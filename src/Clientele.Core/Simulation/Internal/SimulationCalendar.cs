namespace Clientele.Simulation.Internal;

/// <summary>
/// Simulated days as integers: day 0 is <see cref="SimulationOptions.Start"/>, day
/// <see cref="LastDay"/> is <see cref="SimulationOptions.End"/>. Keeps the <c>yyyy-MM-dd</c> text of
/// every simulated day so the hot loops copy ten bytes instead of formatting a date.
/// </summary>
internal sealed class SimulationCalendar
{
    private readonly byte[] _text;

    public SimulationCalendar(DateOnly start, int days)
    {
        Start = start;
        Days = days;
        _text = new byte[days * 10];
        for (var day = 0; day < days; day++)
        {
            CsvBuffer.FormatDate(start.AddDays(day), _text.AsSpan(day * 10, 10));
        }
    }

    public DateOnly Start { get; }

    /// <summary>Number of simulated days.</summary>
    public int Days { get; }

    public int LastDay => Days - 1;

    public DateOnly Date(int day) => Start.AddDays(day);

    /// <summary>The ten UTF-8 bytes of <c>yyyy-MM-dd</c> for a simulated day.</summary>
    public ReadOnlySpan<byte> Text(int day) => _text.AsSpan(day * 10, 10);
}
