namespace Clientele.Storage.Import;

/// <summary>Keeps rows whose <paramref name="Column"/> holds one of <paramref name="Values"/> (compared ignoring case).</summary>
public sealed record RowFilter(string Column, IReadOnlyList<string> Values)
{
    /// <summary>Parses <c>column=value[,value...]</c>.</summary>
    public static RowFilter Parse(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
            throw new WorkspaceException($"--where expects column=value[,value...], not '{text}'.");
        return new RowFilter(text[..equals].Trim(), text[(equals + 1)..].Split(',').Select(v => v.Trim()).ToArray());
    }

    /// <inheritdoc />
    public override string ToString() => $"{Column}={string.Join(',', Values)}";
}
