namespace Clientele.Classification;

/// <summary>
/// How a dimension's reason is told when it is read rather than stored as text: the figures the dimension stores for it
/// beside the snapshot's own figure columns, and the pure function that puts a customer's class, figures and the analysis's
/// context into the reason's words. A snapshot keeps the class and the figures; every reader (profile, listings, export,
/// the live update) renders the reason with <see cref="Render"/>, and so does <see cref="AnalysisResult.Reason"/> in memory.
/// </summary>
/// <param name="Figures">The figures the reason needs that are neither a snapshot figure column nor in the context, stored with the class.</param>
/// <param name="Render">The reason of a class (the computed one, before any override) from the row's figures and the context.</param>
public sealed record ReasonDeclaration(IReadOnlyList<ReasonFigure> Figures, ReasonRenderer Render)
{
    /// <summary>A reason that needs no figures of its own.</summary>
    public ReasonDeclaration(ReasonRenderer render) : this([], render)
    {
    }
}

/// <summary>Renders a reason: <paramref name="class"/> is the computed class (null where the dimension does not apply).</summary>
public delegate string? ReasonRenderer(string? @class, ReasonRow row, ReasonContext context);

/// <summary>
/// One figure a dimension stores for its reason (a snapshot column of its own, DOUBLE, null for NaN).
/// </summary>
/// <param name="Name">The column's name, prefixed by the dimension's ("churn_status_days_since").</param>
/// <param name="Meaning">What it means, in words.</param>
/// <param name="Value">Customer <c>i</c>'s value in an analysis; NaN for none.</param>
public sealed record ReasonFigure(string Name, string Meaning, Func<AnalysisResult, int, double> Value);

/// <summary>What every reason may read beside the row: the analysis's learned context, its options and how it scored.</summary>
/// <param name="Classification">The population facts the classes were applied with.</param>
/// <param name="Options">The options of the analysis.</param>
/// <param name="UsesMargin">Whether values are net margin (else revenue: the data has no margins).</param>
/// <param name="TrendDays">The lag of P(alive)'s trend, in days.</param>
public sealed record ReasonContext(ClassificationContext Classification, ClassificationOptions Options, bool UsesMargin, double TrendDays);
