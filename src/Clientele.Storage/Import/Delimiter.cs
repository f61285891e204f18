namespace Clientele.Storage.Import;

/// <summary>How the fields of a line are separated.</summary>
public enum Delimiter
{
    /// <summary>Detected from the first line: the most frequent of comma, semicolon and tab; runs of blanks when none occurs.</summary>
    Auto,
    /// <summary>Comma, with RFC 4180 quoting.</summary>
    Comma,
    /// <summary>Semicolon, with RFC 4180 quoting.</summary>
    Semicolon,
    /// <summary>Tab, with RFC 4180 quoting.</summary>
    Tab,
    /// <summary>Runs of spaces or tabs; leading and trailing blanks are ignored (the CDNOW files). No quoting.</summary>
    Whitespace,
}
