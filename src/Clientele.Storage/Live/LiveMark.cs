using System.Globalization;

namespace Clientele.Storage.Live;

/// <summary>
/// A customer's snapshot row as a live update left it (<see cref="LiveUpdate"/>): when, by which import or event batch,
/// the day its figures are as of, and the classes that moved since the analysis.
/// </summary>
/// <param name="AnalysisAsOf">The analysis the row belongs to.</param>
/// <param name="AsOf">The day the row's figures are as of (the customer's latest order or interaction; for a referrer, also its latest referral made or bought).</param>
/// <param name="At">When it was updated (UTC).</param>
/// <param name="ImportId">The import or event batch that caused the latest update, if any.</param>
/// <param name="Changes">The customer's classes that moved since the analysis, in the order they moved.</param>
public sealed record LiveMark(DateOnly AnalysisAsOf, DateOnly AsOf, DateTime At, long? ImportId, IReadOnlyList<ClassChange> Changes)
{
    /// <summary>The mark in words: "live since the analysis of 2025-12-31: updated 2026-01-02 08:00 UTC by import #12, figures as of 2026-01-02".</summary>
    public string Text => string.Format(CultureInfo.InvariantCulture,
        "live since the analysis of {0:yyyy-MM-dd}: updated {1:yyyy-MM-dd HH:mm} UTC{2}, figures as of {3:yyyy-MM-dd}",
        AnalysisAsOf, At, ImportId is { } id ? $" by import #{id}" : "", AsOf);
}
