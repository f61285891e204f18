using System.Globalization;

namespace Clientele.Storage.Concerns;

/// <summary>What customers care about, per group of one grouping of an analysis (<see cref="ConcernQuery.Of"/>).</summary>
/// <param name="AsOf">The analysis read; interactions up to and including this day count.</param>
/// <param name="PreviousAsOf">The analysis the trend is measured against (the latest before <paramref name="AsOf"/>); null when there is none.</param>
/// <param name="Dimension">The grouping: a dimension ("segment" for the structure map's segments).</param>
/// <param name="Top">How many needs and how many concerns in general each group shows.</param>
/// <param name="Base">The whole base, the reference of every lift.</param>
/// <param name="Groups">The groups: a closed dimension's classes in its order, else by customers, largest first.</param>
/// <param name="KindsRead">The interaction kinds whose tag or text names a concern (the options' <c>concerns.kinds</c>).</param>
/// <param name="InteractionsByKind">
/// The analysis's customers' interactions up to <paramref name="AsOf"/> per kind, read or not (most first): what the data
/// holds, so that a report without concerns can say why.
/// </param>
public sealed record ConcernReport(
    DateOnly AsOf, DateOnly? PreviousAsOf, string Dimension, int Top, ConcernGroup Base, IReadOnlyList<ConcernGroup> Groups,
    IReadOnlyList<string> KindsRead, IReadOnlyDictionary<string, long> InteractionsByKind)
{
    /// <summary>
    /// Why no customer raises a concern, in one plain sentence (no interactions at all, or none of the kinds read, or none
    /// whose tag or text names a concern); null when some customer does.
    /// </summary>
    public string? WhyNone()
    {
        if (Base.RaisingAny > 0) return null;
        var culture = CultureInfo.InvariantCulture;
        var kinds = KindsRead.Count > 1 ? string.Join(", ", KindsRead.Take(KindsRead.Count - 1)) + " or " + KindsRead[^1] : string.Join("", KindsRead);
        var total = InteractionsByKind.Values.Sum();
        if (total == 0)
            return string.Format(culture,
                "The data has no interactions (support contacts, complaints, suggestions, reviews, ...) up to {0:yyyy-MM-dd}, so it cannot say what customers care about: " +
                "import interactions of kind {1} with a tag or a text (docs/importing.md).", AsOf, kinds);
        var held = InteractionsByKind.Count == 1
            ? "all of kind " + InteractionsByKind.Keys.Single()
            : string.Join(", ", InteractionsByKind.Select(p => string.Format(culture, "{0:N0} of kind {1}", p.Value, p.Key)));
        var read = KindsRead.Sum(k => InteractionsByKind.GetValueOrDefault(k));
        return read == 0
            ? string.Format(culture,
                "None of the {0:N0} interactions up to {1:yyyy-MM-dd} ({2}) is of a kind that names a concern ({3}; options file, concerns.kinds), so the data cannot say what customers care about.",
                total, AsOf, held, string.Join(", ", KindsRead))
            : string.Format(culture,
                "None of the {0:N0} interactions up to {1:yyyy-MM-dd} ({2}) names a concern by its tag or its text (the keyword rule of the options file, concerns), so the data cannot say what customers care about.",
                total, AsOf, held);
    }
}
