namespace Clientele.Storage.Import;

/// <summary>
/// Reads named numeric columns of a delimited file with a header (a summary file for <c>clientele model fit
/// --summary</c>), as one array per column, with the importer's reading rules and errors (file, line, column).
/// </summary>
public static class NumericColumns
{
    /// <summary>
    /// Reads the <paramref name="required"/> and, when present, the <paramref name="optional"/> columns.
    /// <paramref name="map"/> names the file column of a wanted one (wanted name → file column); otherwise
    /// names match as in an import (ignoring case; "Customer ID" matches customer_id), and then any of the
    /// wanted name's <paramref name="aliases"/> (e.g. weights, count, custs for weight); two file columns that
    /// both match one field are an error, as guessing between them would be.
    /// </summary>
    /// <exception cref="WorkspaceException">A missing or ambiguous column, or a value that is not a number, each with its place.</exception>
    public static SummaryColumns Read(string path, IReadOnlyList<string> required, IReadOnlyList<string> optional, IReadOnlyDictionary<string, string> map,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? aliases = null)
    {
        if (!File.Exists(path)) throw new WorkspaceException($"{path}: no such file.");
        using var stream = File.OpenRead(path);
        using var reader = new RecordReader(stream, ImportEncoding.Utf8, DetectDelimiter(path));
        if (!reader.Read()) throw Problems(path, [new ImportError(path, 0, 0, null, null, "the file is empty")], 1);
        var header = Enumerable.Range(0, reader.FieldCount).Select(i => reader.Field(i).Trim().ToString()).ToList();
        var sources = new Dictionary<string, int>();
        var errors = new List<ImportError>();
        foreach (var name in required.Concat(optional))
        {
            var column = map.TryGetValue(name, out var mapped) ? mapped : name;
            var index = header.FindIndex(h => string.Equals(h, column, StringComparison.OrdinalIgnoreCase));
            if (index < 0 && !map.ContainsKey(name)) index = header.FindIndex(h => string.Equals(ColumnPlan.SnakeCase(h), name, StringComparison.OrdinalIgnoreCase));
            if (index < 0 && !map.ContainsKey(name) && aliases is not null && aliases.TryGetValue(name, out var others))
            {
                var matches = Enumerable.Range(0, header.Count).Where(i => others.Any(o => string.Equals(ColumnPlan.SnakeCase(header[i]), o, StringComparison.OrdinalIgnoreCase))).ToList();
                if (matches.Count > 1)
                    errors.Add(new ImportError(path, 1, matches[1] + 1, header[matches[1]], null,
                        $"one column for {name}, but {string.Join(" and ", matches.Select(i => header[i]))} both are (say which with --map {name}=COLUMN)"));
                else if (matches.Count == 1) index = matches[0];
            }
            if (index >= 0) sources[name] = index;
            else if (required.Contains(name) || map.ContainsKey(name))
                errors.Add(new ImportError(path, 1, 0, null, null, $"a column for {name} (the header has {string.Join(", ", header)}; name it with --map {name}=COLUMN)"));
        }
        if (errors.Count > 0) throw Problems(path, errors, errors.Count);
        var values = sources.Keys.ToDictionary(k => k, _ => new List<double>());
        var parser = new CellParser(null);
        var lines = new List<long>();
        long bad = 0;
        while (reader.Read())
        {
            lines.Add(reader.Line);
            foreach (var (name, index) in sources)
            {
                var text = index < reader.FieldCount ? reader.Field(index).Trim() : default;
                if (parser.TryNumber(text, out var value)) values[name].Add(value);
                else
                {
                    bad++;
                    if (errors.Count < ImportFailedException.MaxListed)
                        errors.Add(new ImportError(path, reader.Line, index + 1, header[index], text.ToString(), "a number"));
                    values[name].Add(double.NaN);
                }
            }
        }
        if (bad > 0) throw Problems(path, errors, bad);
        return new SummaryColumns(path, values.ToDictionary(p => p.Key, p => p.Value.ToArray()), lines,
            sources.ToDictionary(p => p.Key, p => (p.Value + 1, header[p.Value])),
            [.. header.Where((_, i) => !sources.ContainsValue(i))]);
    }

    /// <summary>The exception listing problems found after reading (a rule a row breaks), as a read problem would be.</summary>
    public static WorkspaceException Problem(string path, ImportError error) => Problems(path, [error], 1);

    private static WorkspaceException Problems(string path, List<ImportError> errors, long total) =>
        new(string.Join(Environment.NewLine,
            new[] { $"{path} cannot be read as a summary: {total:N0} problem{(total == 1 ? "" : "s")}{(total > errors.Count ? $", the first {errors.Count} listed" : "")}." }
            .Concat(errors.Select(e => "  " + e))));

    private static Delimiter DetectDelimiter(string path)
    {
        using var text = new StreamReader(path);
        string? line;
        while ((line = text.ReadLine()) is not null && string.IsNullOrWhiteSpace(line)) { }
        return RecordReader.Detect(line ?? "");
    }
}
