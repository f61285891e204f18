using System.ComponentModel.DataAnnotations;

namespace Clientele.Classification;

/// <summary>
/// The choices of <see cref="BuyingCenter"/>, with their defaults: which roles a complete buying center needs, whether
/// and how roles are inferred from job titles, and the title → roles map itself (editable).
/// </summary>
public sealed record BuyingCenterOptions
{
    /// <summary>
    /// The roles an organization's buying center needs to be "complete". Default all six of DOMAIN.md section 3
    /// (payer, user, beneficiary, decider, promoter, stimulator): every purchase involves all six whether we know the
    /// people or not. Drop "stimulator" where rivals and public opinion are never people on record.
    /// </summary>
    public IReadOnlyList<string> RequiredRoles { get; init; } = ["payer", "user", "beneficiary", "decider", "promoter", "stimulator"];

    /// <summary>Infer roles from job titles with <see cref="TitleRules"/>. Default true: CRMs record roles patchily, titles are usually there.</summary>
    public bool InferFromTitles { get; init; } = true;

    /// <summary>
    /// Also infer roles for a contact that has some recorded roles (adding only roles not recorded for it). Default
    /// true: roles are recorded one by one, so a CFO whose "payer" row is missing may still have "decider" recorded;
    /// false infers only for contacts with no recorded role at all.
    /// </summary>
    public bool InferAlongsideRecorded { get; init; } = true;

    /// <summary>
    /// Whether a role known only by inference makes the role known for the class. Default true (the reason marks it
    /// "inferred from title"); false keeps inferred roles in the role holders but counts only recorded ones.
    /// </summary>
    public bool InferredCountsAsKnown { get; init; } = true;

    /// <summary>
    /// The least weight (0-1) at which a role holder makes the role known. Default 0: any holder counts, since a weak
    /// holder is still a person to talk to. A recorded role without a weight always counts.
    /// </summary>
    [Range(0d, 1d)]
    public double MinWeight { get; init; }

    /// <summary>Holders named per role in the reason (the heaviest first; the rest counted). Default 2.</summary>
    [Range(1, 1000)]
    public int HoldersShownPerRole { get; init; } = 2;

    /// <summary>
    /// The title → roles map, tried in order, the first match winning; order specific rules before general ones
    /// (finance before "head of", so "Head of Finance" pays). The default covers common English titles: finance pays;
    /// purchasing promotes and pays; chief executives, directors, owners, general managers, principals and head
    /// teachers decide and benefit; department heads, head chefs and chief physicians promote and benefit; quality,
    /// compliance, sustainability and health &amp; safety people stimulate; operations and facilities managers use; doctors,
    /// engineers, chefs, teachers, nurses, technicians and researchers use and benefit.
    /// </summary>
    public IReadOnlyList<TitleRoleRule> TitleRules { get; init; } = DefaultTitleRules;

    /// <summary>The default of <see cref="TitleRules"/>.</summary>
    public static IReadOnlyList<TitleRoleRule> DefaultTitleRules { get; } =
    [
        new()
        {
            Name = "finance",
            Keywords = ["cfo", "chief financial officer", "finance", "financial", "accountant", "accounting", "accounts",
                "controller", "comptroller", "treasurer", "bursar", "cashier", "billing"],
            Roles = ["payer"],
        },
        new()
        {
            Name = "purchasing",
            Keywords = ["purchasing", "procurement", "buyer", "purchaser", "sourcing"],
            Roles = ["promoter", "payer"],
        },
        new()
        {
            Name = "executive",
            Keywords = ["ceo", "chief executive", "chief executive officer", "coo", "chief operating officer", "managing director",
                "director", "owner", "proprietor", "founder", "president", "general manager", "principal", "head teacher",
                "headteacher", "headmaster", "headmistress", "managing partner", "mayor", "dean", "chairman", "chairwoman",
                "chairperson", "superintendent"],
            Unless = ["principal engineer", "principal consultant", "principal scientist", "principal investigator",
                "principal architect", "product owner"],
            Roles = ["decider", "beneficiary"],
        },
        new()
        {
            Name = "department head",
            Keywords = ["head of", "department head", "head of department", "chief physician", "chief doctor", "chief nurse",
                "chief engineer", "head chef", "head nurse", "executive chef", "matron", "team lead", "team leader",
                "department manager", "category manager", "food & beverage manager", "food and beverage manager"],
            Roles = ["promoter", "beneficiary"],
        },
        new()
        {
            Name = "quality and compliance",
            Keywords = ["quality", "compliance", "sustainability", "health & safety", "health and safety", "safety officer",
                "hse", "environmental", "risk", "auditor", "infection control", "hygiene"],
            Roles = ["stimulator"],
        },
        new()
        {
            Name = "operations",
            Keywords = ["operations", "facilities", "facility manager", "office manager", "site manager", "store manager",
                "shop manager", "maintenance manager", "building manager"],
            Roles = ["user"],
        },
        new()
        {
            Name = "user",
            Keywords = ["doctor", "physician", "surgeon", "nurse", "engineer", "chef", "cook", "teacher", "lecturer", "professor",
                "tutor", "technician", "researcher", "scientist", "pharmacist", "therapist", "dentist", "midwife", "paramedic",
                "lab assistant", "laboratory assistant", "caretaker", "janitor", "housekeeper", "barista", "bartender", "waiter",
                "waitress", "consultant", "analyst", "developer", "designer", "associate", "operator", "mechanic", "clerk"],
            Roles = ["user", "beneficiary"],
        },
    ];
}
