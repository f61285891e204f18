using System.Text;
using System.Text.Json;
using Clientele.Tables;

namespace Clientele.Storage.Events;

/// <summary>
/// A batch of events as JSON: <c>{ "orders": [...], "interactions": [...], "referrals": [...] }</c>, each element an
/// object whose keys are canonical columns of that table (docs/api.md, "Live events"). Parsing checks only the shape:
/// known lists and keys (matched ignoring case, as a file's header is), each key once, single values (text, number,
/// true/false, null). The values themselves are checked by the importer's own row checks when the batch is stored
/// (<see cref="EventStore"/>), so a bad value is refused with the same words as in a file.
/// </summary>
public sealed class EventBatch
{
    /// <summary>The tables a batch carries, in the order they are stored.</summary>
    public static readonly IReadOnlyList<CanonicalTable> Tables = [CanonicalTables.Orders, CanonicalTables.Interactions, CanonicalTables.Referrals];

    /// <summary>The most rows a batch may hold over all its lists (more go through an import of a file).</summary>
    public const int MaxRows = 10_000;

    /// <summary>How deep the JSON may nest: a batch needs three levels (batch, list, element); a value nested deeper is refused anyway.</summary>
    private const int MaxDepth = 16;

    private readonly Dictionary<CanonicalTable, List<string?[]>> _rows;
    private readonly List<EventError> _problems;

    private EventBatch(Dictionary<CanonicalTable, List<string?[]>> rows, List<EventError> problems, string sha256, long bytes)
    {
        (_rows, _problems, Sha256, Bytes) = (rows, problems, sha256, bytes);
    }

    /// <summary>The SHA-256 of the JSON text (lower-case hex), recorded with the import.</summary>
    public string Sha256 { get; }

    /// <summary>The size of the JSON text in bytes.</summary>
    public long Bytes { get; }

    /// <summary>Rows over all lists.</summary>
    public int RowCount => _rows.Values.Sum(r => r.Count);

    /// <summary>
    /// The rows of one table (empty for a table the batch does not carry): one value per canonical column, in the
    /// table's column order, as text; null where the element gave none.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string?>> Rows(CanonicalTable table) =>
        _rows.TryGetValue(table, out var rows) ? rows : [];

    /// <summary>The shape errors found while parsing (unknown keys, nested values, ...), in the batch's order.</summary>
    internal IReadOnlyList<EventError> Problems => _problems;

    /// <summary>
    /// The distinct customer ids the batch names, from each table's <see cref="CanonicalTable.CustomerColumns"/> (trimmed, as
    /// the importer trims every value), sorted ordinally.
    /// </summary>
    public IReadOnlyList<string> NamedCustomers()
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (table, rows) in _rows)
        {
            var columns = table.CustomerColumns.Select(c => IndexOf(table, c)).ToArray();
            foreach (var row in rows)
                foreach (var c in columns)
                    if (row[c]?.Trim() is { Length: > 0 } id) ids.Add(id);
        }
        return [.. ids];
    }

    /// <summary>Parses a batch from its JSON text (UTF-8).</summary>
    /// <exception cref="WorkspaceException">Not JSON, not an object, no rows at all, or more than <see cref="MaxRows"/>.</exception>
    public static EventBatch Parse(ReadOnlySpan<byte> json)
    {
        if (json.StartsWith("\uFEFF"u8)) json = json[3..];
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(json));
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
            document = JsonDocument.ParseValue(ref reader);
            try
            {
                // Anything but white space after the value is refused (reading on throws for it).
                reader.Read();
            }
            catch (JsonException)
            {
                document.Dispose();
                throw;
            }
        }
        catch (JsonException e)
        {
            throw new WorkspaceException($"the body is not valid JSON: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new WorkspaceException($"the body is JSON {Kind(root.ValueKind)}: send an object {{ \"orders\": [...], \"interactions\": [...], \"referrals\": [...] }}.");
            var rows = new Dictionary<CanonicalTable, List<string?[]>>();
            var problems = new List<EventError>();
            var lists = string.Join(", ", Tables.Select(t => t.Name));
            foreach (var list in root.EnumerateObject())
            {
                var table = Tables.FirstOrDefault(t => string.Equals(t.Name, list.Name, StringComparison.OrdinalIgnoreCase));
                if (table is null)
                {
                    problems.Add(new EventError(Shown(list.Name), null, null, null, $"one of the lists {lists}: an unknown key is refused, not dropped"));
                    continue;
                }
                if (rows.ContainsKey(table))
                {
                    problems.Add(new EventError(table.Name, null, null, null, "given once: the list appears twice"));
                    continue;
                }
                rows[table] = [];
                if (list.Value.ValueKind == JsonValueKind.Null) continue;
                if (list.Value.ValueKind != JsonValueKind.Array)
                {
                    problems.Add(new EventError(table.Name, null, null, null, $"a list of objects, not {Kind(list.Value.ValueKind)}"));
                    continue;
                }
                if (rows.Values.Sum(r => r.Count) + list.Value.GetArrayLength() > MaxRows)
                {
                    throw new WorkspaceException(
                        $"the batch holds more than {MaxRows:N0} rows: send at most {MaxRows:N0} per batch, or import a file (POST /api/imports, clientele import).");
                }
                var index = 0;
                foreach (var element in list.Value.EnumerateArray())
                    rows[table].Add(Row(table, index++, element, problems));
            }
            if (problems.Count == 0 && rows.Values.Sum(r => r.Count) == 0)
                throw new WorkspaceException($"the batch holds no events: give at least one row in {lists}.");
            return new EventBatch(rows, problems, sha256, json.Length);
        }
    }

    private static string?[] Row(CanonicalTable table, int index, JsonElement element, List<EventError> problems)
    {
        var values = new string?[table.Columns.Count];
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new EventError(table.Name, index, null, null, $"an object whose keys are columns of {table.Name}, not {Kind(element.ValueKind)}"));
            return values;
        }
        var given = new bool[table.Columns.Count];
        foreach (var property in element.EnumerateObject())
        {
            var c = IndexOf(table, property.Name);
            if (c < 0)
            {
                problems.Add(new EventError(table.Name, index, Shown(property.Name), null,
                    $"a column of {table.Name} ({string.Join(", ", table.Columns.Select(col => col.Name))}): an unknown key is refused, not dropped"));
                continue;
            }
            var field = table.Columns[c].Name;
            if (given[c])
            {
                problems.Add(new EventError(table.Name, index, field, null, "given once: the key appears twice"));
                continue;
            }
            given[c] = true;
            var value = property.Value;
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    if (!IsValidText(value, out var text))
                        problems.Add(new EventError(table.Name, index, field, null, "text of Unicode characters: the string holds a lone surrogate escape (\\ud800-\\udfff)"));
                    values[c] = text;
                    break;
                case JsonValueKind.Number:
                    values[c] = value.GetRawText();
                    break;
                case JsonValueKind.True or JsonValueKind.False:
                    values[c] = value.ValueKind == JsonValueKind.True ? "true" : "false";
                    break;
                case JsonValueKind.Null:
                    break;
                default:
                    problems.Add(new EventError(table.Name, index, field, null, $"a single value (text, a number, true or false, or null), not {Kind(value.ValueKind)}"));
                    break;
            }
        }
        return values;
    }

    /// <summary>A JSON string's text, unless it escapes half of a surrogate pair (which no UTF-8 text can hold).</summary>
    private static bool IsValidText(JsonElement value, out string? text)
    {
        try
        {
            // System.Text.Json refuses a lone high surrogate escape here, and reads a lone low one through: both are checked.
            text = value.GetString();
        }
        catch (InvalidOperationException)
        {
            text = null;
            return false;
        }
        var span = text.AsSpan();
        for (var i = 0; i < span.Length; i++)
        {
            if (char.IsHighSurrogate(span[i]) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1])) i++;
            else if (char.IsSurrogate(span[i]))
            {
                text = null;
                return false;
            }
        }
        return true;
    }

    /// <summary>A key as a message shows it: cut when long, so a huge key keeps the message short.</summary>
    private static string Shown(string key) => Import.ImportError.Excerpt(key);

    private static int IndexOf(CanonicalTable table, string name)
    {
        for (var c = 0; c < table.Columns.Count; c++)
            if (string.Equals(table.Columns[c].Name, name, StringComparison.OrdinalIgnoreCase)) return c;
        return -1;
    }

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "text",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        _ => "null",
    };

    /// <summary>
    /// A value's line breaks as the importer stores a value that spans lines: LF. A lone CR would make the reader take the
    /// text for an old Mac file whose lines end in CR.
    /// </summary>
    private static string LineBreaks(string value) =>
        value.Contains('\r', StringComparison.Ordinal) ? value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n') : value;

    /// <summary>
    /// One table's rows as the importer reads a file without a header: comma-separated, every value quoted, a null left
    /// empty, one record per row (a value may span lines inside its quotes; rows are numbered, not lined).
    /// </summary>
    internal MemoryStream Csv(CanonicalTable table)
    {
        var text = new StringBuilder();
        foreach (var row in Rows(table))
        {
            for (var c = 0; c < row.Count; c++)
            {
                if (c > 0) text.Append(',');
                if (row[c] is { } value) text.Append('"').Append(LineBreaks(value).Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            text.Append('\n');
        }
        return new MemoryStream(new UTF8Encoding(false).GetBytes(text.ToString()));
    }
}
