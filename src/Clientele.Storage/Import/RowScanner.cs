using Clientele.Tables;

namespace Clientele.Storage.Import;

/// <summary>
/// The parse loop of an import: reads every record, checks and converts each mapped cell, and
/// hands good rows to <see cref="ValidatedRows"/>. Bad rows are collected as errors (or written to the
/// rejects file with <c>--skip-bad-rows</c>); nothing reaches the workspace here. With <paramref name="rowNumbers"/> (a
/// Parquet file, which has no lines) rows are numbered from 1 in place of line numbers.
/// </summary>
internal sealed class RowScanner(ColumnPlan plan, CellParser parser, ValidatedRows staging, RecordReader reader, string path, RejectsWriter? rejects, bool keepRaw, bool rowNumbers = false)
{
    /// <summary>Where the current row is: its line, or its row number.</summary>
    private long Line => rowNumbers ? RowsRead : reader.Line;

    private readonly List<ImportError> _rowErrors = [];

    /// <summary>The first errors, up to <see cref="ImportFailedException.MaxListed"/>.</summary>
    public List<ImportError> Errors { get; } = [];

    public long ErrorCount { get; private set; }
    public long ErrorRows { get; private set; }
    public long RowsRead { get; private set; }
    public long RowsFiltered { get; private set; }

    public void Run(long totalBytes, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var columns = plan.Table.Columns;
        var expectedFields = plan.FileColumns.Count;
        var attributesColumn = plan.Attributes.Count > 0 ? ColumnPlan.IndexOf(plan.Table, "attributes") : -1;
        var filters = plan.Filters.Select(f => (f.Index, Lookup: f.Values.GetAlternateLookup<ReadOnlySpan<char>>())).ToArray();
        while (reader.Read())
        {
            RowsRead++;
            if ((RowsRead & 0x3FFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(new ImportProgress("reading", reader.BytesRead, totalBytes, RowsRead));
            }
            _rowErrors.Clear();
            if (reader.InvalidEncodingField >= 0)
            {
                var field = reader.InvalidEncodingField;
                Reject(Importer.EncodingProblem(path, Line, field + 1, field < plan.FileColumns.Count ? plan.FileColumns[field] : null));
                continue;
            }
            if (reader.NulField >= 0)
            {
                var field = reader.NulField;
                Reject(new ImportError(path, Line, field + 1, field < plan.FileColumns.Count ? plan.FileColumns[field] : null, null, BoundsCheck.NoNul));
                continue;
            }
            if (reader.FieldCount != expectedFields)
            {
                Reject(new ImportError(path, Line, 0, null, null,
                    $"a row of {expectedFields} fields ({string.Join(", ", plan.FileColumns)}), but this row has {reader.FieldCount}: check the delimiter and the quoting"));
                continue;
            }
            var keep = true;
            foreach (var (index, lookup) in filters)
                keep &= lookup.Contains(reader.Field(index).Trim());
            if (!keep)
            {
                RowsFiltered++;
                continue;
            }
            staging.Clear();
            for (var c = 0; c < columns.Count; c++)
                if (!plan.SetPerSpend[c]) ReadCell(c, columns[c]);
            if (attributesColumn >= 0 && _rowErrors.Count == 0)
            {
                var attributes = Importer.AttributesJson(reader, plan.Attributes, parser);
                staging.Text[attributesColumn] = attributes.AsMemory();
                staging.IsSet[attributesColumn] = true;
                if (BoundsCheck.Attributes(attributes.Length) is { } tooLong) _rowErrors.Add(new ImportError(path, Line, 0, null, null, tooLong));
            }
            if (plan.Period is not null) AppendSpends(plan.Period);
            else if (_rowErrors.Count > 0) RejectRow();
            else staging.Append(Line, keepRaw ? reader.RawText : "");
        }
        progress?.Report(new ImportProgress("reading", totalBytes, totalBytes, RowsRead));
    }

    /// <summary>
    /// A row of a wide spend table: one order per non-zero spend cell, dated the period's last day, its line the
    /// column's name, its id customer/line/period (so a re-import adds nothing). A bad cell rejects the whole row.
    /// </summary>
    private void AppendSpends(SpendPeriod period)
    {
        _spends.Clear();
        foreach (var (index, line) in plan.SpendColumns)
        {
            var memory = reader.FieldMemory(index).Trim();
            if (memory.IsEmpty) continue;
            if (!parser.TryNumber(memory.Span, out var spend) || spend < 0)
            {
                _rowErrors.Add(new ImportError(path, Line, index + 1, line, memory.ToString(),
                    "a spend of zero or more: " + parser.Expected(plan.Table.Columns[_amount])));
                continue;
            }
            if (spend > 0) _spends.Add((line, spend, !parser.DecimalComma && CellParser.IsPlainDecimal(memory.Span) ? memory : default));
        }
        if (_rowErrors.Count > 0)
        {
            RejectRow();
            return;
        }
        var customer = staging.Text[_customer].ToString();
        (staging.Time[_orderedAt], staging.IsSet[_orderedAt]) = (period.Last.ToDateTime(TimeOnly.MinValue), true);
        (staging.Time[_periodStart], staging.IsSet[_periodStart]) = (period.First.ToDateTime(TimeOnly.MinValue), true);
        foreach (var (line, spend, text) in _spends)
        {
            (staging.Number[_amount], staging.NumberText[_amount], staging.IsSet[_amount]) = (spend, text, true);
            (staging.Text[_productLine], staging.IsSet[_productLine]) = (line.AsMemory(), true);
            (staging.Text[_orderId], staging.IsSet[_orderId]) = ($"{customer}/{line}/{period.Label}".AsMemory(), true);
            staging.Append(Line, keepRaw ? reader.RawText : "");
        }
    }

    private readonly List<(string Line, double Spend, ReadOnlyMemory<char> Text)> _spends = [];
    private readonly int _amount = ColumnPlan.IndexOf(plan.Table, "amount");
    private readonly int _customer = ColumnPlan.IndexOf(plan.Table, "customer_id");
    private readonly int _orderedAt = ColumnPlan.IndexOf(plan.Table, "ordered_at");
    private readonly int _periodStart = ColumnPlan.IndexOf(plan.Table, "period_start");
    private readonly int _productLine = ColumnPlan.IndexOf(plan.Table, "product_line");
    private readonly int _orderId = ColumnPlan.IndexOf(plan.Table, "order_id");

    private void ReadCell(int c, CanonicalColumn column)
    {
        if (c == plan.GeneratedColumn)
        {
            staging.Text[c] = (plan.GeneratedPrefix + Line.ToString(System.Globalization.CultureInfo.InvariantCulture)).AsMemory();
            staging.IsSet[c] = true;
            return;
        }
        var source = plan.Source[c];
        var memory = source >= 0 ? reader.FieldMemory(source).Trim() : default;
        if (!memory.IsEmpty && plan.Recode[c] is { } codes)
        {
            if (!codes.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(memory.Span, out var word))
            {
                Fail(c, column, memory.ToString(), $"one of the codes --recode {column.Name} lists ({string.Join(", ", codes.Keys)})");
                return;
            }
            memory = word.AsMemory();
        }
        if (memory.IsEmpty && (plan.Default[c] ?? column.Fallback) is { } fallback) memory = fallback.AsMemory();
        var text = memory.Span;
        if (text.IsEmpty)
        {
            if (column.Required)
                Fail(c, column, null, $"a value: {column.Name} is required");
            return;
        }
        var ok = true;
        switch (column.Type)
        {
            case ColumnType.Number:
                ok = parser.TryNumber(text, out staging.Number[c]);
                if (ok && !parser.DecimalComma && CellParser.IsPlainDecimal(text)) staging.NumberText[c] = memory;
                break;
            case ColumnType.Integer:
                ok = CellParser.TryInteger(text, out var whole);
                staging.Number[c] = whole;
                break;
            case ColumnType.Timestamp:
                ok = parser.TryTimestamp(text, out staging.Time[c]);
                break;
            case ColumnType.Boolean:
                ok = CellParser.TryBoolean(text, out staging.Flag[c]);
                break;
            case ColumnType.Choice:
                var choice = CellParser.Choice(column, text);
                staging.Text[c] = choice.AsMemory();
                ok = choice is not null;
                break;
            case ColumnType.Json:
                staging.Text[c] = memory;
                ok = CellParser.IsJsonObject(memory);
                break;
            default:
                staging.Text[c] = memory;
                break;
        }
        var bound = !ok ? null : column.Type switch
        {
            ColumnType.Number or ColumnType.Integer => BoundsCheck.Number(staging.Number[c]),
            ColumnType.Timestamp => BoundsCheck.Time(staging.Time[c]),
            ColumnType.Text or ColumnType.Json => BoundsCheck.Length(plan.Table, column, text.Length),
            _ => null,
        };
        if (ok && bound is null) staging.IsSet[c] = true;
        else Fail(c, column, text.ToString(), bound ?? parser.Expected(column));
    }

    private void Fail(int c, CanonicalColumn column, string? value, string expected)
    {
        var source = plan.Source[c];
        _rowErrors.Add(new ImportError(path, Line, source + 1, source >= 0 ? plan.FileColumns[source] : $"{column.Name} (from --default)", value, expected));
    }

    private void Reject(ImportError error)
    {
        _rowErrors.Add(error);
        RejectRow();
    }

    private void RejectRow()
    {
        ErrorRows++;
        foreach (var error in _rowErrors)
        {
            ErrorCount++;
            if (Errors.Count < ImportFailedException.MaxListed) Errors.Add(error);
        }
        rejects?.Write(_rowErrors, reader.RawText);
    }
}
