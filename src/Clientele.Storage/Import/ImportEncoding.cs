namespace Clientele.Storage.Import;

/// <summary>The text encoding of an imported file.</summary>
public enum ImportEncoding
{
    /// <summary>UTF-8 (a byte-order mark is allowed); bytes that are not UTF-8 are an error.</summary>
    Utf8,
    /// <summary>ISO-8859-1 (Latin-1): every byte is a character.</summary>
    Latin1,
}
