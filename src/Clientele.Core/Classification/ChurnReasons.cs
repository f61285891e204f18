namespace Clientele.Classification;

/// <summary>
/// The taxonomy of churn reasons (DOMAIN.md: "what made customers abandon you") and the mapping of the free tags a
/// company's data uses onto it: "late delivery" is delivery, "too expensive" is price. A tag that matches nothing is
/// <see cref="Unknown"/>; the caller shows its text.
/// </summary>
public static class ChurnReasons
{
    /// <summary>Our prices, or a better price elsewhere.</summary>
    public const string Price = "price";

    /// <summary>Product quality: defects, leaks, taste.</summary>
    public const string Quality = "quality";

    /// <summary>Service: support, technicians, hotline.</summary>
    public const string Service = "service";

    /// <summary>Delivery: late, wrong or missing items.</summary>
    public const string Delivery = "delivery";

    /// <summary>Won by a competitor's offer.</summary>
    public const string Competitor = "competitor";

    /// <summary>Nobody followed up the customer's requests.</summary>
    public const string NoFollowUp = "no_follow_up";

    /// <summary>The customer no longer needs what we sell (site closed, moved away).</summary>
    public const string NeedEnded = "need_ended";

    /// <summary>No signal, or one the taxonomy does not name.</summary>
    public const string Unknown = "unknown";

    /// <summary>The dimension's declaration: its name, title, classes and playbook (<see cref="DimensionDeclaration"/>).</summary>
    public static readonly DimensionDeclaration Declaration = new(Dimensions.ChurnReason, "Churn reason")
    {
        Classes = [Price, Quality, Service, Delivery, Competitor, NoFollowUp, NeedEnded, Unknown],
        Playbook = new Dictionary<string, string>
        {
            [Price] = "Review the price or offer a value plan.",
            [Quality] = "Fix the quality problem and tell them it is fixed.",
            [Service] = "Escalate service and apologise.",
            [Delivery] = "Fix delivery and offer compensation.",
            [Competitor] = "Compare the competitor's offer; counter where it pays.",
            [NoFollowUp] = "Assign an owner and follow up.",
            [NeedEnded] = "Stay in touch for when the need returns.",
            [Unknown] = "Ask: a short exit survey or call.",
        },
        Reason = new ReasonDeclaration(
            [
                Figure("churn_reason_status", "the churn status the reason was found for, as its position among ChurnStatus.Classes (null for none)", 0),
                Figure("churn_reason_complaints", "complaints in the churn window", 1),
                Figure("churn_reason_low_scores", "low survey scores in the churn window", 2),
                Figure("churn_reason_returns", "returns in the churn window", 3),
                Figure("churn_reason_service_cost", "service cost in the churn window", 4),
                ReasonFigure.OfText("churn_reason_tag", "the churn window's most frequent complaint tag", (r, i) => r.Churn.Reason.FigureTexts is { Length: > 0 } t ? t[i] : null),
            ],
            (_, row, context) => ChurnStatus.ReasonText(row, context.Classification.Churn.TypicalServiceCost, context.Options.Churn)),
    };

    /// <summary>The figures of each customer's row in the churn reason's <see cref="DimensionResult.Figures"/>, in the declaration's order.</summary>
    internal const int FigureCount = 5;

    private static ReasonFigure Figure(string name, string meaning, int k) =>
        new(name, meaning, (r, i) => r.Churn.Reason.Figures is { Length: > 0 } f ? f[i * FigureCount + k] : double.NaN);

    /// <summary>The reasons, in the order they are shown.</summary>
    public static readonly IReadOnlyList<string> All = [Price, Quality, Service, Delivery, Competitor, NoFollowUp, NeedEnded, Unknown];

    /// <summary>
    /// Words and phrases that point to a reason, checked in this order as whole words of the normalised tag
    /// (lower case; '_' and '-' read as spaces), so "competitor cheaper" is competitor and "late delivery" delivery.
    /// </summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> Synonyms =
    [
        new("no follow up", NoFollowUp), new("no followup", NoFollowUp), new("follow up", NoFollowUp), new("followup", NoFollowUp),
        new("no callback", NoFollowUp), new("no call back", NoFollowUp), new("not called back", NoFollowUp), new("no answer", NoFollowUp),
        new("no response", NoFollowUp), new("unanswered", NoFollowUp), new("ignored", NoFollowUp),
        new("need ended", NeedEnded), new("no longer needed", NeedEnded), new("no longer need", NeedEnded), new("no need", NeedEnded),
        new("not needed", NeedEnded), new("closed", NeedEnded), new("closure", NeedEnded), new("moved", NeedEnded),
        new("moving", NeedEnded), new("relocated", NeedEnded), new("out of business", NeedEnded), new("bankrupt", NeedEnded),
        new("competitor", Competitor), new("competitors", Competitor), new("competition", Competitor), new("rival", Competitor),
        new("switched", Competitor), new("other supplier", Competitor), new("another supplier", Competitor), new("alternative", Competitor),
        new("delivery", Delivery), new("deliveries", Delivery), new("late", Delivery), new("delayed", Delivery), new("delay", Delivery),
        new("shipping", Delivery), new("shipment", Delivery), new("logistics", Delivery), new("wrong item", Delivery),
        new("wrong items", Delivery), new("missing items", Delivery), new("lead time", Delivery),
        new("quality", Quality), new("defect", Quality), new("defective", Quality), new("broken", Quality), new("faulty", Quality),
        new("leak", Quality), new("leaked", Quality), new("leaking", Quality), new("damaged", Quality), new("taste", Quality),
        new("malfunction", Quality), new("breakdown", Quality),
        new("service", Service), new("support", Service), new("technician", Service), new("hotline", Service), new("rude", Service),
        new("staff", Service), new("unfriendly", Service), new("waiting", Service), new("customer care", Service),
        new("price", Price), new("prices", Price), new("pricing", Price), new("expensive", Price), new("too expensive", Price),
        new("cost", Price), new("costly", Price), new("overpriced", Price), new("cheaper", Price), new("invoice", Price),
        new("discount", Price), new("budget", Price),
        new("unknown", Unknown),
    ];

    /// <summary>The reason a tag points to: the taxonomy's own word, or the first synonym found in it; <see cref="Unknown"/> for none or an empty tag.</summary>
    public static string Map(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag)) return Unknown;
        var text = Normalise(tag);
        foreach (var reason in All)
            if (text == Normalise(reason)) return reason;
        var padded = " " + text + " ";
        foreach (var (phrase, reason) in Synonyms)
            if (padded.Contains(" " + phrase + " ", StringComparison.Ordinal)) return reason;
        return Unknown;
    }

    /// <summary>Whether <paramref name="tag"/> is recognised (maps to a reason of the taxonomy, or says "unknown" itself).</summary>
    public static bool IsRecognised(string? tag) =>
        !string.IsNullOrWhiteSpace(tag) && (Map(tag) != Unknown || Normalise(tag) == Unknown);

    private static string Normalise(string tag)
    {
        var chars = tag.Trim().ToLowerInvariant().ToCharArray();
        for (var k = 0; k < chars.Length; k++)
            if (chars[k] is '_' or '-' or '/' or ',' or '.' or ';' or ':' or '!' or '(' or ')' or '"' or '\'') chars[k] = ' ';
        return string.Join(' ', new string(chars).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
