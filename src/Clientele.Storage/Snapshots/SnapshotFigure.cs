using Clientele.Classification;

namespace Clientele.Storage.Snapshots;

/// <summary>
/// One figure column of <c>snapshot_customers</c> (<see cref="SnapshotSchema.FigureColumns"/>): its name, SQL type and
/// meaning, and how the snapshot writer takes customer <c>i</c>'s value from an analysis (typed, so a million rows box
/// nothing). Make one with <see cref="Number"/>, <see cref="Integer"/>, <see cref="Boolean"/> or <see cref="Text"/>.
/// </summary>
public sealed class SnapshotFigure
{
    private SnapshotFigure(string name, string type, string meaning, Action<SnapshotRow, AnalysisResult, int> write) =>
        (Name, Type, Meaning, _write) = (name, type, meaning, write);

    private readonly Action<SnapshotRow, AnalysisResult, int> _write;

    /// <summary>The column's name.</summary>
    public string Name { get; }

    /// <summary>Its SQL type (DOUBLE, INTEGER, BOOLEAN, VARCHAR).</summary>
    public string Type { get; }

    /// <summary>What it means, in words (the customer profile shows it beside the figure).</summary>
    public string Meaning { get; }

    /// <summary>A DOUBLE column; NaN (no value) is stored as null.</summary>
    public static SnapshotFigure Number(string name, string meaning, Func<AnalysisResult, int, double?> value) =>
        new(name, "DOUBLE", meaning, (row, result, i) => row.Number(value(result, i)));

    /// <summary>An INTEGER column.</summary>
    public static SnapshotFigure Integer(string name, string meaning, Func<AnalysisResult, int, int?> value) =>
        new(name, "INTEGER", meaning, (row, result, i) => row.Integer(value(result, i)));

    /// <summary>A BOOLEAN column.</summary>
    public static SnapshotFigure Boolean(string name, string meaning, Func<AnalysisResult, int, bool?> value) =>
        new(name, "BOOLEAN", meaning, (row, result, i) => row.Boolean(value(result, i)));

    /// <summary>A VARCHAR column.</summary>
    public static SnapshotFigure Text(string name, string meaning, Func<AnalysisResult, int, string?> value) =>
        new(name, "VARCHAR", meaning, (row, result, i) => row.Text(value(result, i)));

    /// <summary>Writes customer <paramref name="i"/>'s value of this column as the next field of <paramref name="row"/>.</summary>
    internal void Write(SnapshotRow row, AnalysisResult result, int i) => _write(row, result, i);
}
