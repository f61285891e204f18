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
    /// names match as in an import (ignoring case; "Customer ID" matches customer_id).
    /// </summary>
    /// <exception cref="WorkspaceException">A missing column or a value that is not a number, each with its place.</exception>
    public static IReadOnlyDictionary<string, double[]> Read(string path, IReadOnlyList<string> required, IReadOnlyList<string> optional, IReadOnlyDictionary<string, string> map)
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
            if (index >= 0) sources[name] = index;
            else if (required.Contains(name) || map.ContainsKey(name))
                errors.Add(new ImportError(path, 1, 0, null, null, $"a column for {name} (the header has {string.Join(", ", header)}; name it with --map {name}=COLUMN)"));
        }
        if (errors.Count > 0) throw Problems(path, errors, errors.Count);
        var values = sources.Keys.ToDictionary(k => k, _ => new List<double>());
        var parser = new CellParser(null);
        long bad = 0;
        while (reader.Read())
        {
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
        return values.ToDictionary(p => p.Key, p => p.Value.ToArray());
    }

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
