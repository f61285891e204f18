namespace Clientele.Storage.Removal;

/// <summary>How many rows of one table a removal takes out.</summary>
/// <param name="Table">The table's name.</param>
/// <param name="Rows">Rows removed.</param>
public sealed record TableRows(string Table, long Rows);
