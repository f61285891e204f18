namespace Clientele.Classification;

/// <summary>
/// The figures of one customer a reason is rendered from (<see cref="ReasonDeclaration"/>): the snapshot's own figure columns
/// the reasons read, and the dimension's declared figures in their declared order. NaN where a figure has no value. Filled
/// from an analysis (<c>Of</c>) or from a snapshot row; one instance is reused row after row.
/// </summary>
public sealed class ReasonRow
{
    /// <summary>Whether the customer has bought (snapshot column <c>t</c> not null).</summary>
    public bool HasBought { get; set; }

    /// <summary>Past + future net value (<c>value</c>).</summary>
    public double Value { get; set; }

    /// <summary>Past net value (<c>past_net_value</c>).</summary>
    public double PastNetValue { get; set; }

    /// <summary>Future net value (<c>future_net_value</c>); NaN without a model.</summary>
    public double FutureNetValue { get; set; }

    /// <summary>P(alive) (<c>p_alive</c>); NaN without a model.</summary>
    public double ProbabilityAlive { get; set; }

    /// <summary>P(alive) a trend lag earlier (<c>p_alive_previous</c>); NaN when unknown.</summary>
    public double ProbabilityAlivePrevious { get; set; }

    /// <summary>The dimension's own figures (<see cref="ReasonDeclaration.Figures"/>), in their declared order.</summary>
    public double[] Figures { get; set; } = [];

    /// <summary>The dimension's text figures, at the same positions as <see cref="Figures"/> (null for a number figure or no text).</summary>
    public string?[] Texts { get; set; } = [];

    /// <summary>Customer <paramref name="i"/>'s figures in <paramref name="result"/>, for <paramref name="reason"/>'s dimension.</summary>
    public static ReasonRow Of(AnalysisResult result, int i, ReasonDeclaration reason)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(reason);
        var figures = new double[reason.Figures.Count];
        var texts = new string?[reason.Figures.Count];
        for (var k = 0; k < figures.Length; k++)
        {
            var figure = reason.Figures[k];
            if (figure.Text is { } text) (figures[k], texts[k]) = (double.NaN, text(result, i));
            else figures[k] = figure.Value(result, i);
        }
        var row = Of(result.Columns, result.Scoring.Scores, i, figures);
        row.Texts = texts;
        return row;
    }

    /// <summary>Customer <paramref name="i"/>'s figures from its columns and scores, with the dimension's own <paramref name="figures"/> (none by default).</summary>
    public static ReasonRow Of(CustomerColumns columns, CustomerScores scores, int i, double[]? figures = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(scores);
        return new ReasonRow
        {
            HasBought = columns.HasBought(i),
            Value = scores.Value(i),
            PastNetValue = scores.PastNetValue[i],
            FutureNetValue = scores.FutureNetValue[i],
            ProbabilityAlive = scores.ProbabilityAlive[i],
            ProbabilityAlivePrevious = scores.ProbabilityAlivePrevious[i],
            Figures = figures ?? [],
        };
    }
}
