namespace Clientele.Scoring;

/// <summary>
/// The data a model choice is made on: each buyer's (x, t_x, T) as of the calibration end and its purchase
/// days in the holdout period after it, of length <see cref="Length"/> (all in the models' time unit).
/// </summary>
/// <param name="Frequency">x at the calibration end.</param>
/// <param name="Recency">t_x at the calibration end.</param>
/// <param name="Age">T at the calibration end.</param>
/// <param name="Actual">Purchase days in the holdout period.</param>
/// <param name="Length">The holdout period's length.</param>
/// <param name="CalibrationEnd">The last day of the calibration period.</param>
public sealed record HoldoutSample(double[] Frequency, double[] Recency, double[] Age, int[] Actual, double Length, DateOnly CalibrationEnd)
{
    /// <summary>The number of customers.</summary>
    public int Count => Frequency.Length;

    /// <summary>
    /// For each day of the holdout period (index 0 = the day after <see cref="CalibrationEnd"/>): purchase days of these
    /// customers (all of them, before any sampling) on that day; null when not known. Feeds the holdout tracking.
    /// </summary>
    public int[]? DailyActual { get; init; }
}
