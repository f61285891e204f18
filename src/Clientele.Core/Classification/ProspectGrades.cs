namespace Clientele.Classification;

/// <summary>The prospect grades, the close probability behind them and how they were made, aligned with <see cref="CustomerColumns"/>.</summary>
/// <param name="Result">A, B, C or D for prospects (no kept order, some engagement); null for others.</param>
/// <param name="CloseProbability">P(close) from the learned model (0-1), 1 for a won opportunity without an order yet, 0 for a lost one; NaN where not graded or graded by the points rule (points are not a probability).</param>
/// <param name="Report">The model, its training examples and its cross-validated accuracy, or why the points rule was used.</param>
public sealed record ProspectGrades(DimensionResult Result, double[] CloseProbability, ProspectModelReport Report);
