namespace Clientele.Simulation.Internal;

/// <summary>Free text and tags of interactions. Some texts hold commas and quotes on purpose (RFC 4180 quoting).</summary>
internal static class InteractionTexts
{
    /// <summary>Complaint texts by <see cref="LostReason"/> (index 0 unused).</summary>
    public static readonly string[][] Complaints =
    [
        [],
        ["Prices went up again, we are comparing offers", "Invoice higher than the quote"],
        ["Cartridge leaked after two weeks", "Water tastes odd, unit replaced twice"],
        ["Technician did not show up, twice", "Hotline kept us waiting for 40 minutes"],
        ["Delivery late again", "Wrong items delivered, \"urgent\" order missed"],
        ["A competitor offered a full-service contract", "Competitor quoted 20% less for the same units"],
        ["Nobody called back about our request", "Asked for a visit three times, no answer"],
        ["Site closed, we no longer need the service", "Moving abroad, cancelling"],
    ];

    /// <summary>Complaint reasons of complaints that are not followed by leaving, with their weights.</summary>
    public static readonly LostReason[] EverydayReasons =
        [LostReason.Delivery, LostReason.Quality, LostReason.Service, LostReason.Price, LostReason.NoFollowUp];

    public static readonly double[] EverydayReasonWeights = SimulationRandom.Cumulative([0.30, 0.25, 0.20, 0.15, 0.10]);

    public static readonly string[] SuggestionTags = ["quality", "range", "opportunity", "talent"];

    public static readonly double[] SuggestionWeights = SimulationRandom.Cumulative([0.35, 0.30, 0.20, 0.15]);

    public static readonly string[] Suggestions =
    [
        "Make the cartridges easier to swap",
        "Please offer a larger refill size",
        "Our sister company is looking for a supplier",
        "A former colleague would be a great technician for you",
    ];

    public static readonly string[] ProspectTexts =
    [
        "Asked for a price list",
        "Showroom visit",
        "Trial unit installed",
        "Quote sent",
    ];

    private static readonly Dictionary<string, string> SupportTexts = Markets.Domains.SelectMany(d => d.Concerns)
        .Concat(Markets.Groups.SelectMany(g => g.Concerns))
        .Distinct(StringComparer.Ordinal)
        .ToDictionary(concern => concern, concern => concern switch
        {
            "uptime" => "Unit down, asked for a replacement",
            "water-taste" => "Asked about the taste after a filter change",
            "hygiene-compliance" => "Needs hygiene certificates for an audit",
            "documentation" => "Requested maintenance logs",
            "installation" => "Help with installation",
            "delivery-lead-time" => "Asked when the next delivery arrives",
            _ => $"Question about {concern}",
        }, StringComparer.Ordinal);

    /// <summary>The text of a support contact about a concern.</summary>
    public static string Support(string concern) => SupportTexts[concern];
}
