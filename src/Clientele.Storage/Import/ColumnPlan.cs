using Clientele.Tables;

namespace Clientele.Storage.Import;

/// <summary>
/// Where each canonical column of a table comes from in a given file: a file column, a default
/// value, generated ids, or nowhere; which file columns go to <c>attributes</c>, which are ignored,
/// and which rows a <c>--where</c> keeps.
/// </summary>
internal sealed class ColumnPlan
{
    private ColumnPlan(CanonicalTable table, IReadOnlyList<string> fileColumns)
    {
        Table = table;
        FileColumns = fileColumns;
        Source = new int[table.Columns.Count];
        Default = new string?[table.Columns.Count];
        Recode = new Dictionary<string, string>?[table.Columns.Count];
        SetPerSpend = new bool[table.Columns.Count];
        Array.Fill(Source, -1);
    }

    /// <summary>The orders' fields a wide spend table sets per spend cell rather than from a file column.</summary>
    public static readonly IReadOnlyList<string> SpendFields = ["order_id", "ordered_at", "amount", "product_line", "period_start"];

    public CanonicalTable Table { get; }

    public IReadOnlyList<string> FileColumns { get; }

    /// <summary>Per canonical column: the file column index, or -1.</summary>
    public int[] Source { get; }

    /// <summary>Per canonical column: the value used where the file gives none, or null.</summary>
    public string?[] Default { get; }

    /// <summary>Per canonical column: the file codes and the words they stand for (<c>--recode</c>), or null.</summary>
    public Dictionary<string, string>?[] Recode { get; }

    /// <summary>Per canonical column: whether each spend cell of a wide table sets it (<see cref="SpendFields"/>).</summary>
    public bool[] SetPerSpend { get; }

    /// <summary>A wide spend table's spend columns: file column index and the product line it holds (its name).</summary>
    public List<(int Index, string Line)> SpendColumns { get; } = [];

    /// <summary>The period a wide spend table covers, or null for an ordinary file.</summary>
    public SpendPeriod? Period { get; private set; }

    /// <summary>The canonical column filled with generated ids, or -1.</summary>
    public int GeneratedColumn { get; private set; } = -1;

    public string? GeneratedPrefix { get; private set; }

    /// <summary>File columns kept in the <c>attributes</c> JSON (index and name).</summary>
    public List<(int Index, string Name)> Attributes { get; } = [];

    /// <summary>File columns the table cannot keep.</summary>
    public List<string> Ignored { get; } = [];

    /// <summary>File columns matched to a field by their spelled-out name ("Customer ID" for customer_id), as "file column → field".</summary>
    public List<string> MatchedByName { get; } = [];

    /// <summary>Row filters: the file column index and the accepted values.</summary>
    public List<(int Index, HashSet<string> Values)> Filters { get; } = [];

    /// <summary>The 1-based file column number of a canonical column, or 0.</summary>
    public int FileColumnNumber(int canonicalIndex) => Source[canonicalIndex] + 1;

    public static ColumnPlan Build(CanonicalTable table, IReadOnlyList<string> fileColumns, ImportOptions options, string file, CellParser parser)
    {
        var plan = new ColumnPlan(table, fileColumns);
        var errors = new List<ImportError>();
        void Fail(string message) => errors.Add(new ImportError(file, 0, 0, null, null, message));

        var byName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < fileColumns.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(fileColumns[i])) Fail($"column {i + 1} of the header has no name");
            else if (!byName.TryAdd(fileColumns[i], i)) Fail($"the header names column '{fileColumns[i]}' twice (columns {byName[fileColumns[i]] + 1} and {i + 1})");
        }
        var fields = string.Join(", ", table.Columns.Select(c => c.Name));
        // Headers such as "Customer ID", "customerId" or "Amount ($)" name canonical fields too; -1 marks a spelling two columns share.
        var spelled = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < fileColumns.Count; i++)
        {
            var key = SnakeCase(fileColumns[i]);
            spelled[key] = spelled.ContainsKey(key) ? -1 : i;
        }
        var used = new HashSet<int>();

        foreach (var (field, column) in options.Map)
        {
            var index = IndexOf(table, field);
            if (index < 0) { Fail($"--map {field}={column}: {table.Name} has no field '{field}' (its fields: {fields})"); continue; }
            if (!byName.TryGetValue(column, out var source)) { Fail($"--map {field}={column}: the file has no column '{column}' (its columns: {string.Join(", ", fileColumns)})"); continue; }
            plan.Source[index] = source;
            used.Add(source);
        }
        if (options.LinesFromColumns is { } spendColumns) PlanSpendColumns(plan, spendColumns, options, byName, used, Fail);
        for (var c = 0; c < table.Columns.Count; c++)
        {
            if (plan.SetPerSpend[c] || plan.Source[c] >= 0 || options.Map.Keys.Any(k => string.Equals(k, table.Columns[c].Name, StringComparison.OrdinalIgnoreCase))) continue;
            if (byName.TryGetValue(table.Columns[c].Name, out var source) && !used.Contains(source))
            {
                plan.Source[c] = source;
                used.Add(source);
            }
            else if (spelled.TryGetValue(table.Columns[c].Name, out source) && source >= 0 && !used.Contains(source))
            {
                plan.Source[c] = source;
                used.Add(source);
                plan.MatchedByName.Add($"{fileColumns[source]} → {table.Columns[c].Name}");
            }
        }
        foreach (var (field, value) in options.Defaults)
        {
            var index = IndexOf(table, field);
            if (index < 0) { Fail($"--default {field}={value}: {table.Name} has no field '{field}' (its fields: {fields})"); continue; }
            var column = table.Columns[index];
            if (!IsValid(column, value, parser)) { Fail($"--default {field}={value}: '{value}' is not {parser.Expected(column)}"); continue; }
            plan.Default[index] = value;
        }
        if (options.GenerateIds is { } prefix)
        {
            // A wide spend table's rows are customers: their ids are generated as a customers import makes them.
            var field = plan.Period is null ? table.Key[0] : "customer_id";
            var index = IndexOf(table, field);
            if (plan.Source[index] >= 0) Fail($"--generate-ids: the file has a {field} column already");
            plan.GeneratedColumn = index;
            plan.GeneratedPrefix = prefix;
        }
        foreach (var (field, codes) in options.Recode)
        {
            var index = IndexOf(table, field);
            if (index < 0) { Fail($"--recode {field}: {table.Name} has no field '{field}' (its fields: {fields})"); continue; }
            if (plan.Source[index] < 0) { Fail($"--recode {field}: no file column feeds {table.Columns[index].Name} (name one with --map {table.Columns[index].Name}=COLUMN)"); continue; }
            foreach (var word in codes.Values.Where(w => !IsValid(table.Columns[index], w, parser)))
                Fail($"--recode {field}: '{word}' is not {parser.Expected(table.Columns[index])}");
            plan.Recode[index] = new Dictionary<string, string>(codes, StringComparer.OrdinalIgnoreCase);
        }
        foreach (var filter in options.Where)
        {
            var index = byName.TryGetValue(filter.Column, out var direct) ? direct
                : IndexOf(table, filter.Column) is var canonical and >= 0 ? plan.Source[canonical] : -1;
            if (index < 0) { Fail($"--where {filter}: the file has no column '{filter.Column}' (its columns: {string.Join(", ", fileColumns)})"); continue; }
            plan.Filters.Add((index, new HashSet<string>(filter.Values, StringComparer.OrdinalIgnoreCase)));
        }
        for (var c = 0; c < table.Columns.Count; c++)
        {
            var column = table.Columns[c];
            if (column.Required && !plan.SetPerSpend[c] && plan.Source[c] < 0 && plan.Default[c] is null && plan.GeneratedColumn != c)
            {
                Fail($"missing column: {table.Name} needs {column.Name} ({column.Description}); the file's columns are {string.Join(", ", fileColumns)}. " +
                     $"Name the column that holds it with --map {column.Name}=COLUMN" + (column.Type == ColumnType.Text ? "" : $", or give one value for every row with --default {column.Name}=VALUE"));
            }
        }
        var filterColumns = plan.Filters.Select(f => f.Index).ToHashSet();
        for (var i = 0; i < fileColumns.Count; i++)
        {
            if (used.Contains(i)) continue;
            if (table.KeepsAttributes && plan.Source[IndexOf(table, "attributes")] < 0) plan.Attributes.Add((i, fileColumns[i]));
            else if (!filterColumns.Contains(i)) plan.Ignored.Add(fileColumns[i]);
        }
        if (errors.Count > 0)
            throw new ImportFailedException(file, errors, errors.Count, DelimiterHint(fileColumns, options));
        return plan;
    }

    private static void PlanSpendColumns(ColumnPlan plan, IReadOnlyList<string> spendColumns, ImportOptions options,
        Dictionary<string, int> byName, HashSet<int> used, Action<string> fail)
    {
        var table = plan.Table;
        if (table != CanonicalTables.Orders)
        {
            fail($"--lines-from-columns makes orders of a wide spend table: import the file into orders, not {table.Name}");
            return;
        }
        if (options.Period is null) fail($"--lines-from-columns needs --period: the period the spend columns cover, {SpendPeriod.Forms}");
        plan.Period = options.Period;
        foreach (var field in SpendFields)
        {
            plan.SetPerSpend[IndexOf(table, field)] = true;
            if (options.Map.Keys.Concat(options.Defaults.Keys).Any(k => string.Equals(k, field, StringComparison.OrdinalIgnoreCase)))
                fail($"--lines-from-columns sets {field} of every order it makes ({string.Join(", ", SpendFields)}): do not --map or --default it");
        }
        foreach (var name in spendColumns)
        {
            if (!byName.TryGetValue(name, out var index))
                fail($"--lines-from-columns: the file has no column '{name}' (its columns: {string.Join(", ", plan.FileColumns)})");
            else if (!used.Add(index))
                fail($"--lines-from-columns: the column '{name}' is named twice, or also mapped to a field");
            else plan.SpendColumns.Add((index, plan.FileColumns[index]));
        }
    }

    private static string? DelimiterHint(IReadOnlyList<string> fileColumns, ImportOptions options)
    {
        if (fileColumns.Count != 1) return null;
        var only = fileColumns[0];
        foreach (var (c, name) in new[] { (',', "','"), (';', "';'"), ('\t', "tab"), (' ', "whitespace") })
        {
            if (only.Trim().Contains(c, StringComparison.Ordinal))
                return $"The header was read as one column '{only}'. It contains {(c == ' ' ? "blanks" : name)}: is the delimiter {name}? (--delimiter {(c == ' ' ? "whitespace" : c == '\t' ? "tab" : c.ToString())}; you gave {options.Delimiter.ToString().ToLowerInvariant()})";
        }
        return null;
    }

    /// <summary>A header in snake_case: words split at blanks, punctuation and lower-to-upper case changes ("Customer ID", "customerId" → customer_id).</summary>
    public static string SnakeCase(string header)
    {
        var text = new System.Text.StringBuilder(header.Length + 4);
        var previous = '\0';
        foreach (var c in header.Trim())
        {
            if (char.IsLetterOrDigit(c))
            {
                if (char.IsUpper(c) && (char.IsLower(previous) || char.IsDigit(previous))) text.Append('_');
                text.Append(char.ToLowerInvariant(c));
            }
            else if (text.Length > 0 && text[^1] != '_') text.Append('_');
            previous = c;
        }
        return text.ToString().Trim('_');
    }

    public static int IndexOf(CanonicalTable table, string field)
    {
        for (var i = 0; i < table.Columns.Count; i++)
            if (string.Equals(table.Columns[i].Name, field, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    private static bool IsValid(CanonicalColumn column, string value, CellParser parser) => column.Type switch
    {
        ColumnType.Number => parser.TryNumber(value, out _),
        ColumnType.Integer => CellParser.TryInteger(value, out _),
        ColumnType.Timestamp => parser.TryTimestamp(value, out _),
        ColumnType.Boolean => CellParser.TryBoolean(value, out _),
        ColumnType.Choice => CellParser.Choice(column, value) is not null,
        ColumnType.Json => CellParser.IsJsonObject(value.AsMemory()),
        _ => true,
    };
}
