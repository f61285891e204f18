namespace Clientele.Simulation.Internal;

/// <summary>
/// Names for persons, contacts and organizations. A mixed European list; names are never used to
/// infer anything (DOMAIN.md, style segments). A few organization names hold a comma or a quote so
/// the files exercise RFC 4180 quoting.
/// </summary>
internal static class Names
{
    private static readonly string[] First =
    [
        "Anna", "Lukas", "Sophie", "Jonas", "Marie", "Felix", "Emma", "Paul", "Lea", "Elias",
        "Chloé", "Louis", "Camille", "Hugo", "Inès", "Jules", "Manon", "Léo", "Sofía", "Pablo",
        "Lucía", "Javier", "Marta", "Diego", "Giulia", "Marco", "Chiara", "Luca", "Francesca", "Matteo",
        "Sanne", "Daan", "Fleur", "Bram", "Eva", "Thomas", "Olivia", "James", "Amelia", "Oliver",
        "Isla", "Jack", "Aoife", "Cian", "Freja", "Magnus", "Ingrid", "Lars", "Astrid", "Erik",
        "João", "Beatriz", "Tiago", "Mariana", "Zoë", "Noah", "Mia", "Ben", "Nora", "Samir",
        "Amira", "Yusuf", "Leila", "Mehmet", "Ayşe", "Piotr", "Kasia", "Ivan", "Elena", "Dmitri",
    ];

    private static readonly string[] Last =
    [
        "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schäfer", "Koch",
        "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
        "García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Núñez", "Romero",
        "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco",
        "de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Peeters", "Janssens", "Maes",
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "O'Brien", "Murphy", "Kelly",
        "Andersson", "Johansson", "Karlsson", "Nielsen", "Jensen", "Hansen", "Jørgensen", "Larsen", "Olsen", "Berg",
        "Silva", "Santos", "Ferreira", "Pereira", "Costa", "Oliveira", "Kaya", "Yılmaz", "Nowak", "Kowalski",
    ];

    private static readonly string[] Saints = ["Mary", "Joseph", "Anne", "Francis", "Luke", "Elisabeth", "Vincent", "Catherine"];

    private static readonly string[] DistributorTemplates = ["{Last} Distribution", "{City} Wholesale", "{Last} Supply", "{Last} & {Last} Trading"];

    public static string Person(ref SimulationRandom random) => $"{random.Of(First)} {random.Of(Last)}";

    /// <summary>The name of an organization of a domain in a country.</summary>
    public static string Organization(ref SimulationRandom random, int domain, int country, bool distributor)
    {
        var templates = distributor ? DistributorTemplates : Markets.Domains[domain].NameTemplates;
        var name = random.Of(templates);
        var place = Markets.Countries[country];
        name = Fill(name, "{City}", random.Of(place.Cities));
        name = Fill(name, "{Last}", random.Of(Last));
        name = Fill(name, "{Last}", random.Of(Last));
        name = Fill(name, "{First}", random.Of(First));
        name = Fill(name, "{Saint}", random.Of(Saints));
        var industry = Markets.Domains[domain].Industry;
        var business = industry is not (0 or 2 or 6) || distributor;
        return business && random.Chance(0.5) ? $"{name} {place.LegalSuffix}" : name;
    }

    private static string Fill(string template, string placeholder, string value)
    {
        var at = template.IndexOf(placeholder, StringComparison.Ordinal);
        return at < 0 ? template : string.Concat(template.AsSpan(0, at), value, template.AsSpan(at + placeholder.Length));
    }
}
