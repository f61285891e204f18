namespace Clientele.Tables;

/// <summary>The value types a canonical column can hold.</summary>
public enum ColumnType
{
    /// <summary>Free text.</summary>
    Text,
    /// <summary>A floating-point number (amounts, scores, weights).</summary>
    Number,
    /// <summary>A whole number.</summary>
    Integer,
    /// <summary>A date or date-time; dates are stored as midnight.</summary>
    Timestamp,
    /// <summary>true/false, yes/no, 1/0.</summary>
    Boolean,
    /// <summary>One of a fixed list of words (see <see cref="CanonicalColumn.Allowed"/>).</summary>
    Choice,
    /// <summary>A JSON object of extra attributes.</summary>
    Json,
}
