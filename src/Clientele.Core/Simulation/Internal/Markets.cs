using static Clientele.Simulation.Internal.ProductCatalog;

namespace Clientele.Simulation.Internal;

/// <summary>
/// The demo company's market: sales regions and countries, industries and their domains, and the
/// population groups of persons. Weights are relative shares of parties; spend and rate factors
/// scale the purchase process per segment.
/// </summary>
internal static class Markets
{
    public static readonly string[] Regions = ["DACH", "Benelux", "France", "Iberia", "Italy", "Nordics", "UK & Ireland"];

    public static readonly Country[] Countries =
    [
        new("Germany", 0, 0.20, "GmbH", ["Berlin", "Hamburg", "Munich", "Cologne", "Frankfurt", "Leipzig"]),
        new("Austria", 0, 0.04, "GmbH", ["Vienna", "Graz", "Linz", "Salzburg"]),
        new("Switzerland", 0, 0.04, "AG", ["Zurich", "Geneva", "Basel", "Bern"]),
        new("Netherlands", 1, 0.07, "B.V.", ["Amsterdam", "Rotterdam", "Utrecht", "Eindhoven"]),
        new("Belgium", 1, 0.05, "NV", ["Brussels", "Antwerp", "Ghent", "Liège"]),
        new("France", 2, 0.15, "SAS", ["Paris", "Lyon", "Marseille", "Toulouse", "Lille", "Nantes"]),
        new("Spain", 3, 0.09, "S.L.", ["Madrid", "Barcelona", "Valencia", "Seville", "Bilbao"]),
        new("Portugal", 3, 0.03, "Lda", ["Lisbon", "Porto", "Braga"]),
        new("Italy", 4, 0.11, "S.r.l.", ["Milan", "Rome", "Turin", "Naples", "Bologna"]),
        new("Sweden", 5, 0.04, "AB", ["Stockholm", "Gothenburg", "Malmö"]),
        new("Denmark", 5, 0.03, "ApS", ["Copenhagen", "Aarhus", "Odense"]),
        new("Norway", 5, 0.02, "AS", ["Oslo", "Bergen", "Trondheim"]),
        new("United Kingdom", 6, 0.11, "Ltd", ["London", "Manchester", "Leeds", "Glasgow", "Bristol"]),
        new("Ireland", 6, 0.02, "Ltd", ["Dublin", "Cork", "Galway"]),
    ];

    public static readonly Industry[] Industries =
    [
        new("healthcare",
            ["Hospital Director", "Medical Director", "Managing Director"],
            ["Head of Cardiology", "Head of Nephrology", "Head of Laboratory", "Head of Nursing"],
            ["Physician", "Nurse", "Researcher", "Lab Technician", "Pharmacist"]),
        new("hospitality",
            ["General Manager", "Owner", "Managing Director"],
            ["Head Chef", "Head of Housekeeping", "Food & Beverage Manager"],
            ["Chef", "Barista", "Housekeeper", "Service Manager"]),
        new("education",
            ["Principal", "Dean", "Director of Administration"],
            ["Head of Facilities", "Head of Science"],
            ["Teacher", "Lab Assistant", "Caretaker"]),
        new("retail",
            ["Managing Director", "Store Owner", "CEO"],
            ["Head of Category", "Head of Store Operations"],
            ["Store Manager", "Sales Associate", "Service Technician"]),
        new("manufacturing",
            ["Plant Director", "CEO", "Managing Director"],
            ["Head of Production", "Head of Quality Assurance", "Head of Maintenance"],
            ["Process Engineer", "Maintenance Engineer", "Lab Technician"]),
        new("services",
            ["CEO", "Managing Partner", "Chief Operating Officer"],
            ["Head of Workplace", "Head of People"],
            ["Office Manager", "Software Engineer", "Consultant"]),
        new("public",
            ["Mayor", "Director of Public Works", "Chief Executive"],
            ["Head of Facilities", "Head of Water Services"],
            ["Technician", "Facility Engineer", "Caretaker"]),
    ];

    public static readonly Domain[] Domains =
    [
        new(0, "hospitals", 0.04, 3.0, 1.1, Purifiers, ServicePlans, 800, ["hygiene-compliance", "uptime", "documentation"],
            ["{City} General Hospital", "St. {Saint} Hospital", "{Last} University Hospital"]),
        new(0, "clinics", 0.08, 1.0, 1.0, Purifiers, Dispensers, 40, ["hygiene-compliance", "ease-of-use"],
            ["{Last} Clinic", "{City} Medical Centre", "{Last} & {Last} Practice"]),
        new(0, "laboratories", 0.04, 1.6, 0.9, Purifiers, ServicePlans, 60, ["water-purity", "documentation"],
            ["{Last} Diagnostics", "{City} Lab Services"]),
        new(0, "pharmacies", 0.05, 0.6, 1.2, Filters, Dispensers, 12, ["shelf-availability", "ease-of-use"],
            ["{Last} Pharmacy", "{City} Apothecary"]),
        new(1, "hotels", 0.07, 1.2, 1.0, Dispensers, Filters, 80, ["guest-experience", "sustainability"],
            ["Hotel {City} Central", "{Last} Inn", "Grand Hotel {Last}"]),
        new(1, "restaurants", 0.12, 0.45, 1.3, Filters, Dispensers, 15, ["water-taste", "uptime"],
            ["Trattoria {First}", "Bistro \"{First}\"", "{Last}'s Kitchen"]),
        new(1, "catering", 0.04, 0.7, 1.1, Dispensers, Filters, 30, ["uptime", "delivery-lead-time"],
            ["{Last} Catering", "{City} Events & Catering"]),
        new(2, "schools", 0.07, 0.6, 0.7, Dispensers, Filters, 60, ["safety", "ease-of-use"],
            ["{City} Primary School", "St. {Saint} School"]),
        new(2, "universities", 0.03, 1.8, 0.8, Dispensers, Purifiers, 2_000, ["sustainability", "uptime"],
            ["University of {City}", "{City} Institute of Technology"]),
        new(3, "grocery", 0.06, 0.7, 1.2, Filters, Dispensers, 40, ["shelf-availability", "delivery-lead-time"],
            ["{Last} Fresh Market", "{City} Grocers"]),
        new(3, "electronics", 0.03, 0.8, 1.0, Filters, Purifiers, 25, ["shelf-availability", "returns-handling"],
            ["{Last} Electronics", "{City} Tech Store"]),
        new(3, "home-improvement", 0.03, 0.9, 1.0, Filters, Purifiers, 50, ["shelf-availability", "installation"],
            ["{Last} Home & Garden", "{City} DIY"]),
        new(3, "department-stores", 0.02, 1.1, 0.9, Dispensers, Filters, 300, ["shelf-availability", "guest-experience"],
            ["{Last} Department Store", "Galeria {City}"]),
        new(4, "food-processing", 0.05, 2.2, 0.9, Purifiers, ServicePlans, 250, ["water-purity", "uptime"],
            ["{Last} Foods", "{City} Dairy"]),
        new(4, "beverages", 0.03, 2.5, 0.9, Purifiers, Filters, 200, ["water-purity", "water-taste"],
            ["{Last} Brewery", "{City} Bottling Co."]),
        new(4, "pharmaceuticals", 0.02, 3.5, 0.8, Purifiers, ServicePlans, 900, ["documentation", "water-purity"],
            ["{Last} Pharma", "{Last}, {Last} Laboratories"]),
        new(5, "it-services", 0.06, 0.5, 0.8, Dispensers, ServicePlans, 120, ["design", "sustainability"],
            ["{Last} Systems", "{City} Digital"]),
        new(5, "banking", 0.03, 0.8, 0.7, Dispensers, ServicePlans, 400, ["design", "uptime"],
            ["{City} Savings Bank", "{Last} Private Bank"]),
        new(5, "consulting", 0.04, 0.4, 0.7, Dispensers, Filters, 40, ["design", "ease-of-use"],
            ["{Last}, {Last} & Partners", "{Last} Advisory"]),
        new(6, "municipalities", 0.05, 1.0, 0.6, Dispensers, ServicePlans, 300, ["safety", "documentation"],
            ["City of {City}", "{City} Municipality"]),
        new(6, "utilities", 0.02, 2.0, 0.6, Purifiers, ServicePlans, 500, ["water-purity", "uptime"],
            ["{City} Water Works", "{City} Energy"]),
    ];

    /// <summary>The retail domains: distributors serve them and the retailers in the supply chain belong to them.</summary>
    public static readonly int[] RetailDomains = [9, 10, 11, 12];

    public static readonly PopulationGroup[] Groups =
    [
        new("families", 0.34, 1.1, 1.0, Filters, Purifiers, ["water-taste", "ease-of-use", "sustainability"]),
        new("professionals", 0.25, 1.2, 0.9, Filters, ServicePlans, ["design", "convenience"]),
        new("retirees", 0.17, 0.9, 0.8, Filters, ServicePlans, ["ease-of-use", "installation"]),
        new("students", 0.13, 0.55, 0.8, Filters, Purifiers, ["convenience", "sustainability"]),
        new("traders", 0.11, 3.0, 1.8, Filters, Dispensers, ["availability", "delivery-lead-time"]),
    ];

    public static readonly double[] CountryWeights = SimulationRandom.Cumulative([.. Countries.Select(c => c.Weight)]);

    public static readonly double[] DomainWeights = SimulationRandom.Cumulative([.. Domains.Select(d => d.Weight)]);

    public static readonly double[] GroupWeights = SimulationRandom.Cumulative([.. Groups.Select(g => g.Weight)]);

    public static Industry IndustryOf(int domain) => Industries[Domains[domain].Industry];

    public static int RegionOf(int country) => Countries[country].Region;
}
