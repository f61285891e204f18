namespace Clientele.Storage.Import;

/// <summary>Progress of an import: the stage, and bytes read of the file's size.</summary>
public readonly record struct ImportProgress(string Stage, long BytesRead, long TotalBytes, long Rows);
