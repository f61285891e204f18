namespace Clientele.Simulation.Internal;

/// <summary>
/// The demo company's catalogue: a maker of drinking-water equipment selling to households and to
/// organizations. Four lines were on sale before the simulated period; smart-sensors launches at 40%
/// of the period and eco-refills at 70%, so leaders and followers of new lines can be planted.
/// Launch days are relative to the simulated period, so the catalogue fits any period.
/// </summary>
internal sealed class ProductCatalog
{
    public const int Filters = 0;
    public const int Purifiers = 1;
    public const int Dispensers = 2;
    public const int ServicePlans = 3;
    public const int SmartSensors = 4;
    public const int EcoRefills = 5;

    /// <summary>The lines that were on sale before the simulated period (primary and secondary lines come from these).</summary>
    public const int EstablishedLines = 4;

    public static readonly ProductLine[] Lines =
    [
        new("filters", 0.45),
        new("purifiers", 0.30),
        new("dispensers", 0.26),
        new("service-plans", 0.55),
        new("smart-sensors", 0.38),
        new("eco-refills", 0.42),
    ];

    public static readonly Product[] Products =
    [
        new("P01", "Cartridge Mini", Filters, 19.90, -4.0),
        new("P02", "Cartridge Classic", Filters, 29.90, -5.0),
        new("P03", "Cartridge Pro", Filters, 49.00, -3.0),
        new("P04", "Tap Filter", Filters, 39.50, -2.0),
        new("P05", "Cartridge Ultra", Filters, 59.00, 0.25),
        new("P06", "Filter 6-pack", Filters, 149.00, -1.0),
        new("P07", "Countertop Purifier", Purifiers, 249.00, -4.0),
        new("P08", "Under-sink Purifier", Purifiers, 489.00, -3.0),
        new("P09", "RO Purifier 200", Purifiers, 1_290.00, -3.0),
        new("P10", "RO Purifier 800 Clinical", Purifiers, 4_900.00, -2.0),
        new("P11", "Lab-grade Purifier", Purifiers, 8_900.00, 0.55),
        new("P12", "Desk Dispenser", Dispensers, 390.00, -5.0),
        new("P13", "Floor Dispenser", Dispensers, 890.00, -4.0),
        new("P14", "Sparkling Dispenser", Dispensers, 1_490.00, -2.0),
        new("P15", "Dispenser Fleet Kit", Dispensers, 5_900.00, -1.0),
        new("P16", "Touchless Dispenser", Dispensers, 1_190.00, 0.60),
        new("P17", "Care Basic", ServicePlans, 120.00, -5.0),
        new("P18", "Care Plus", ServicePlans, 390.00, -4.0),
        new("P19", "Care Clinical", ServicePlans, 1_900.00, -3.0),
        new("P20", "Fleet Care", ServicePlans, 6_900.00, -1.0),
        new("P21", "Leak Sensor", SmartSensors, 59.00, 0.40),
        new("P22", "Quality Sensor", SmartSensors, 149.00, 0.40),
        new("P23", "Sensor Hub", SmartSensors, 299.00, 0.40),
        new("P24", "Fleet Telemetry", SmartSensors, 2_400.00, 0.48),
        new("P25", "Refill Pouch", EcoRefills, 9.90, 0.70),
        new("P26", "Refill Box", EcoRefills, 29.00, 0.70),
        new("P27", "Refill Pallet", EcoRefills, 690.00, 0.70),
    ];

    private readonly int[][] _productsByLine;

    public ProductCatalog(int days)
    {
        ProductLaunchDay = new int[Products.Length];
        LineLaunchDay = new int[Lines.Length];
        Array.Fill(LineLaunchDay, int.MaxValue);
        for (var p = 0; p < Products.Length; p++)
        {
            var launch = Products[p].Launch;
            ProductLaunchDay[p] = launch < 0 ? (int)Math.Round(launch * 365.25) : (int)Math.Round(launch * (days - 1));
            LineLaunchDay[Products[p].Line] = Math.Min(LineLaunchDay[Products[p].Line], ProductLaunchDay[p]);
        }

        _productsByLine = new int[Lines.Length][];
        for (var line = 0; line < Lines.Length; line++)
        {
            _productsByLine[line] = [.. Enumerable.Range(0, Products.Length).Where(p => Products[p].Line == line).OrderBy(p => Products[p].Price)];
        }
    }

    /// <summary>Launch day of each product (day 0 = simulated start; negative before it).</summary>
    public int[] ProductLaunchDay { get; }

    /// <summary>Launch day of each line: its first product's.</summary>
    public int[] LineLaunchDay { get; }

    /// <summary>The lines launched inside the simulated period.</summary>
    public IEnumerable<int> NewLines => Enumerable.Range(0, Lines.Length).Where(l => LineLaunchDay[l] > 0);

    /// <summary>The products of a line, cheapest first.</summary>
    public ReadOnlySpan<int> ProductsOf(int line) => _productsByLine[line];

    /// <summary>The cheapest product of the line on sale on the day, or -1 before the line's launch.</summary>
    public int Cheapest(int line, int day)
    {
        foreach (var p in _productsByLine[line])
        {
            if (ProductLaunchDay[p] <= day)
            {
                return p;
            }
        }

        return -1;
    }
}
