namespace Clientele.Classification;

/// <summary>
/// Takes one dimension's reasons for every customer as soon as they are final, overrides explained, for a dimension whose
/// reason is stored as text (<see cref="DimensionDeclaration.RendersReason"/> false): <see cref="CustomerAnalysis.Run"/> empties
/// the array after the call, so that a run over a million customers never holds every dimension's reasons at once. Every
/// dimension, and every product line, renders its reason when read today: nothing is handed on.
/// </summary>
/// <param name="dimension">The dimension (<see cref="Dimensions"/>).</param>
/// <param name="productLine">Null: a product line's reason is rendered when read, never handed on.</param>
/// <param name="reasons">The reason per customer (null where there is none), indexed like the columns.</param>
public delegate void FinalReasons(string dimension, string? productLine, string?[] reasons);
