namespace Clientele.Classification;

/// <summary>
/// Takes one dimension's reasons, or one product line's (<paramref name="productLine"/> not null; <paramref name="dimension"/>
/// then <see cref="CustomerAnalysis.ProductLineReasons"/>), for every customer as soon as they are final, overrides explained:
/// <see cref="CustomerAnalysis.Run"/> empties the array after the call, so that a run over a million customers never holds
/// every dimension's reasons at once (they were some 2 GB of text).
/// </summary>
/// <param name="dimension">The dimension (<see cref="Dimensions"/>), or <see cref="CustomerAnalysis.ProductLineReasons"/>.</param>
/// <param name="productLine">The product line, or null for a dimension.</param>
/// <param name="reasons">The reason per customer (null where there is none), indexed like the columns.</param>
public delegate void FinalReasons(string dimension, string? productLine, string?[] reasons);
