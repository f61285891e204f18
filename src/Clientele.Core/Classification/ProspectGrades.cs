namespace Clientele.Classification;

/// <summary>The prospect grades, the close probability behind them and how they were made, aligned with <see cref="CustomerColumns"/>.</summary>
/// <param name="Result">A, B, C or D for prospects (no kept order, some engagement); null for others.</param>
/// <param name="CloseProbability">P(close) from the learned model (0-1), 1 for a won opportunity without an order yet, 0 for a lost one; NaN where not graded or graded by the points rule (points are not a probability).</param>
/// <param name="Report">The model, its training examples and its cross-validated accuracy, or why the points rule was used.</param>
public sealed record ProspectGrades(DimensionResult Result, double[] CloseProbability, ProspectModelReport Report)
{
    /// <summary>Per party: 0 has bought (no grade), 1 no engagement (not a prospect), 2 a prospect; NaN where not applied.</summary>
    public double[] State { get; init; } = [];

    /// <summary>
    /// A prospect's journey, <see cref="ProspectGrade.JourneyFigures"/> figures a party from index i × that: inquiries, visits,
    /// trials, quotes, opportunities, cancelled orders, days since the last touch (NaN for none), 1 for an organization;
    /// NaN for a party that is no prospect.
    /// </summary>
    public double[] Journey { get; init; } = [];

    /// <summary>A prospect's latest opportunity outcome as imported (null for none); null for a party that is no prospect.</summary>
    public string?[] Outcome { get; init; } = [];
}
