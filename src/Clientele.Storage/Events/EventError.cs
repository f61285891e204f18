namespace Clientele.Storage.Events;

/// <summary>One refused value of an event batch: where it is (list, element, field) and what was expected.</summary>
/// <param name="List">The batch's list (<c>orders</c>, <c>interactions</c>, <c>referrals</c>), or the unknown key found in its place.</param>
/// <param name="Index">The element's 0-based index in the list, or null when the problem is the list itself.</param>
/// <param name="Field">The element's key (a canonical column), or null when the problem is the whole element.</param>
/// <param name="Value">The offending value as text (a long one cut, as the importer cuts it), or null.</param>
/// <param name="Expected">What was expected, in the importer's words for a value.</param>
public sealed record EventError(string List, int? Index, string? Field, string? Value, string Expected)
{
    /// <summary>The place, e.g. <c>orders[3].amount</c>.</summary>
    public string Place => List + (Index is { } index ? $"[{index}]" : "") + (Field is null ? "" : "." + Field);

    /// <summary>The whole error as one line: <c>orders[3].amount: "12,x" is not a number (...)</c>.</summary>
    public string Message => Value is null ? $"{Place}: {Expected}" : $"{Place}: \"{Value}\" is not {Expected}";

    /// <inheritdoc />
    public override string ToString() => Message;
}
