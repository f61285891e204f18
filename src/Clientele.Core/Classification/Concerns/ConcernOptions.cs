using System.ComponentModel.DataAnnotations;

namespace Clientele.Classification.Concerns;

/// <summary>
/// The concern taxonomy and the keyword rule of <see cref="ConcernRule"/>, with defaults that fit the demo company
/// (docs/classification.md, "Concerns"). Concerns are read when they are asked for, so a changed taxonomy applies to
/// every analysis at once, without a new <c>clientele analyze</c>.
/// </summary>
public sealed record ConcernOptions
{
    /// <summary>
    /// The interaction kinds whose tag or text names a concern. Default: support, complaint, suggestion and review; not
    /// opportunities or quotes, whose tags are deal stages, nor inquiries ("asked for a price list" is interest, not a
    /// concern), nor surveys, which carry a score.
    /// </summary>
    public string[] Kinds { get; init; } = ["support", "complaint", "suggestion", "review"];

    /// <summary>
    /// Concerns in general rather than a deeper need (the article: "price" and "quality" are said by everybody and
    /// explain little). They are ranked apart from the needs. Default: price, quality, delivery, service, competitor,
    /// no-follow-up (the complaint reasons).
    /// </summary>
    public string[] General { get; init; } = ["price", "quality", "delivery", "service", "competitor", "no-follow-up"];

    /// <summary>
    /// Tags that mean the same concern, after normalising (lower case, blanks and underscores as hyphens): tag → concern.
    /// A tag not listed here is a concern of its own name; a tag mapped to "none" names no concern (a departure because
    /// the need ended, a suggestion of a new customer or of a hire).
    /// </summary>
    public Dictionary<string, string> Synonyms { get; init; } = new(StringComparer.Ordinal)
    {
        ["cost"] = "price",
        ["pricing"] = "price",
        ["late-delivery"] = "delivery",
        ["lead-time"] = "delivery-lead-time",
        ["availability"] = "shelf-availability",
        ["stock"] = "shelf-availability",
        ["eco"] = "sustainability",
        ["taste"] = "water-taste",
        ["purity"] = "water-purity",
        ["hygiene"] = "hygiene-compliance",
        ["downtime"] = "uptime",
        ["need-ended"] = "none",
        ["opportunity"] = "none",
        ["talent"] = "none",
    };

    /// <summary>
    /// The keyword rule for interactions without a tag: keyword → concern. A keyword matches a word of the text that
    /// starts with it, ignoring case ("price" matches "Prices"); the longest matching keyword wins, ties by the
    /// keyword's alphabetical order. A text that matches none names no concern.
    /// </summary>
    public Dictionary<string, string> Keywords { get; init; } = new(StringComparer.Ordinal)
    {
        ["price"] = "price",
        ["invoice"] = "price",
        ["expensive"] = "price",
        ["leak"] = "quality",
        ["broken"] = "quality",
        ["defect"] = "quality",
        ["technician"] = "service",
        ["hotline"] = "service",
        ["waiting"] = "service",
        ["delivery"] = "delivery",
        ["delivered"] = "delivery",
        ["late"] = "delivery",
        ["competitor"] = "competitor",
        ["called back"] = "no-follow-up",
        ["no answer"] = "no-follow-up",
        ["taste"] = "water-taste",
        ["hygiene"] = "hygiene-compliance",
        ["certificate"] = "hygiene-compliance",
        ["audit"] = "hygiene-compliance",
        ["maintenance log"] = "documentation",
        ["documentation"] = "documentation",
        ["unit down"] = "uptime",
        ["replacement"] = "uptime",
        ["install"] = "installation",
        ["purity"] = "water-purity",
        ["sustainab"] = "sustainability",
        ["design"] = "design",
        ["easier"] = "ease-of-use",
        ["refill size"] = "range",
    };

    /// <summary>How many concerns of each kind (needs, and concerns in general) a group shows by default. Default 5.</summary>
    [Range(1, 100)]
    public int Top { get; init; } = 5;

    /// <summary>Throws when a list holds an empty word, or a synonym or keyword names no concern.</summary>
    /// <exception cref="ArgumentException">ParamName is the option's name.</exception>
    public void Validate()
    {
        if (Kinds.Length == 0 || Kinds.Any(string.IsNullOrWhiteSpace))
            throw new ArgumentException("needs at least one interaction kind, and no empty one.", nameof(Kinds));
        if (General.Any(string.IsNullOrWhiteSpace)) throw new ArgumentException("holds an empty concern.", nameof(General));
        if (Synonyms.Any(p => string.IsNullOrWhiteSpace(p.Key) || string.IsNullOrWhiteSpace(p.Value)))
            throw new ArgumentException("holds an empty tag or concern.", nameof(Synonyms));
        if (Keywords.Any(p => string.IsNullOrWhiteSpace(p.Key) || string.IsNullOrWhiteSpace(p.Value)))
            throw new ArgumentException("holds an empty keyword or concern.", nameof(Keywords));
    }
}
