namespace Clientele.Simulation;

/// <summary>
/// What <see cref="CompanySimulator"/> makes: how many parties, from which seed, over which period.
/// The same options always give byte-identical files on the same runtime and CPU architecture.
/// </summary>
public sealed record SimulationOptions
{
    /// <summary>The smallest <see cref="Customers"/> accepted.</summary>
    public const int MinCustomers = 100;

    /// <summary>The largest <see cref="Customers"/> accepted (memory: about 100 bytes per party while planning).</summary>
    public const int MaxCustomers = 20_000_000;

    /// <summary>The shortest simulated period accepted, in days.</summary>
    public const int MinDays = 90;

    /// <summary>The longest simulated period accepted, in days (20 years).</summary>
    public const int MaxDays = 7_305;

    /// <summary>
    /// Number of parties: actual and potential customers, persons and organizations, including
    /// prospects, parties with no relationship and the retailers and consumers further down the supply
    /// chain. Between <see cref="MinCustomers"/> and <see cref="MaxCustomers"/>.
    /// </summary>
    public int Customers { get; init; } = 5_000;

    /// <summary>The seed every random draw derives from.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>The first simulated day.</summary>
    public DateOnly Start { get; init; } = new(2023, 1, 1);

    /// <summary>The last simulated day, included: the data's "as of" date.</summary>
    public DateOnly End { get; init; } = new(2025, 12, 31);

    /// <summary>Number of simulated days, <see cref="Start"/> and <see cref="End"/> included.</summary>
    public int Days => End.DayNumber - Start.DayNumber + 1;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when an option is outside its documented range.</summary>
    internal void Validate()
    {
        if (Customers is < MinCustomers or > MaxCustomers)
        {
            throw new ArgumentOutOfRangeException(
                nameof(Customers), Customers,
                $"Customers must be between {MinCustomers:N0} and {MaxCustomers:N0}; it was {Customers:N0}.");
        }

        if (End < Start)
        {
            throw new ArgumentOutOfRangeException(
                nameof(End), End, $"End ({End:yyyy-MM-dd}) must not be before Start ({Start:yyyy-MM-dd}).");
        }

        if (Days is < MinDays or > MaxDays)
        {
            throw new ArgumentOutOfRangeException(
                nameof(End), End,
                $"The period from Start ({Start:yyyy-MM-dd}) to End ({End:yyyy-MM-dd}) is {Days:N0} days; it must be between {MinDays} and {MaxDays:N0} days.");
        }

        if (End.Year > 9_000)
        {
            throw new ArgumentOutOfRangeException(nameof(End), End, "End must be before the year 9000.");
        }
    }
}
