namespace Clientele.Classification;

/// <summary>
/// Takes one dimension's reasons for every customer as soon as they are final, overrides explained, for a dimension whose
/// reason is stored as text (<see cref="DimensionDeclaration.RendersReason"/> false): <see cref="CustomerAnalysis.Run"/> empties
/// the array after the call, so that a run over a million customers never holds every dimension's reasons at once. Every
/// dimension renders its reason when read today, so none is handed on; the product lines' reasons are rendered too.
/// </summary>
/// <param name="dimension">The dimension (<see cref="Dimensions"/>).</param>
/// <param name="productLine">Always null (a product line's reason is rendered when read); kept for the delegate's shape.</param>
/// <param name="reasons">The reason per customer (null where there is none), indexed like the columns.</param>
public delegate void FinalReasons(string dimension, string? productLine, string?[] reasons);
