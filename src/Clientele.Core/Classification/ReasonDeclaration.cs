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
/// One figure a dimension stores for its reason: a number (a snapshot column of its own, DOUBLE, null for NaN) or, where the
/// reason names something that is not a number (a complaint tag, a seller, a list of roles), a text (VARCHAR). A figure the
/// snapshot stores anyway (<see cref="Shared"/>: <c>orders</c>, <c>supply_depth</c>, <c>kind</c>) is declared here too, so
/// the reason reads it, but it is not stored twice.
/// </summary>
/// <param name="Name">The column's name, prefixed by the dimension's ("churn_status_days_since"), or the shared figure column's.</param>
/// <param name="Meaning">What it means, in words.</param>
/// <param name="Value">Customer <c>i</c>'s value in an analysis; NaN for none (a text figure's is NaN).</param>
public sealed record ReasonFigure(string Name, string Meaning, Func<AnalysisResult, int, double> Value)
{
    /// <summary>A text figure's value for customer <c>i</c> (null for none); null for a number figure.</summary>
    public Func<AnalysisResult, int, string?>? Text { get; init; }

    /// <summary>Whether the figure is text (<see cref="ReasonRow.Texts"/>) rather than a number (<see cref="ReasonRow.Figures"/>).</summary>
    public bool IsText => Text is not null;

    /// <summary>
    /// Whether the figure is one of the snapshot's own figure columns, stored whatever the reasons need (the reason reads it,
    /// its declaration does not store it again). Its <see cref="Value"/> or <see cref="Text"/> must be what that column stores.
    /// </summary>
    public bool Shared { get; init; }

    /// <summary>A text figure (a column of its own, VARCHAR).</summary>
    public static ReasonFigure OfText(string name, string meaning, Func<AnalysisResult, int, string?> text) =>
        new(name, meaning, (_, _) => double.NaN) { Text = text };
}

/// <summary>What every reason may read beside the row: the analysis's learned context, its options and how it scored.</summary>
/// <param name="Classification">The population facts the classes were applied with.</param>
/// <param name="Options">The options of the analysis.</param>
/// <param name="UsesMargin">Whether values are net margin (else revenue: the data has no margins).</param>
/// <param name="TrendDays">The lag of P(alive)'s trend, in days.</param>
public sealed record ReasonContext(ClassificationContext Classification, ClassificationOptions Options, bool UsesMargin, double TrendDays);
