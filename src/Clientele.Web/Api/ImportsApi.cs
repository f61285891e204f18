using System.Text;
using Clientele.Storage;
using Clientele.Storage.Live;
using Clientele.Storage.Import;
using Clientele.Tables;
using Clientele.Web.Hosting;
using Clientele.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Clientele.Web.Api;

/// <summary>
/// Files imported into the workspace: the history, and uploads (multipart/form-data) imported with the options of
/// <c>clientele import</c>: whole or not at all, the same rows twice adding nothing, every bad value reported by line and column.
/// </summary>
public static class ImportsApi
{
    /// <summary>The largest file accepted: 100 MB (bigger files go through <c>clientele import</c>).</summary>
    public const long MaxUploadBytes = 100L * 1024 * 1024;

    /// <summary>At most this many rejected rows are returned (all are counted).</summary>
    public const int MaxRejectedRowsShown = 1_000;

    public static void Map(RouteGroupBuilder api)
    {
        var imports = api.MapGroup("/imports").WithTags("Imports");
        imports.MapGet("/", History).WithName("ListImports").WithSummary("Every import into the workspace, oldest first.");
        imports.MapPost("/", Upload).WithName("UploadImport").RequireAuthorization(Policies.Analyst)
            .Accepts<ImportForm>("multipart/form-data").ProducesProblem(400).ProducesProblem(413)
            .DisableAntiforgery() // the /api group's own check covers cookie requests; API keys need none
            .WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes + 1024 * 1024))
            .WithSummary("Imports an uploaded file (form fields: table, file, and the options of `clientele import`: delimiter, noHeader, columns, map, default, where, recode (repeatable), dateFormat, decimalComma, skipBadRows, encoding, generateIds, linesFromColumns, period, noLive). The customers the file names are then re-classified live with the latest analysis (`live` in the answer), unless noLive is true or there are more than 20,000 of them. A Parquet file is recognised by its content. A bad file is refused whole: 400 with every error's line and column. At most 100 MB.");
    }

    /// <summary>Every import.</summary>
    public static IReadOnlyList<ImportRecord> History(WorkspaceHost workspace) => workspace.Read(w => w.Imports());

    /// <summary>The most form fields besides the file, and the longest value of one, an upload may carry.</summary>
    public const int MaxFormFields = 200, MaxFieldLength = 64 * 1024;

    /// <summary>
    /// The upload endpoint: reads the multipart form section by section, streaming the file straight into its
    /// <see cref="UploadFile"/> (ASP.NET Core's form buffer is never used), then imports it.
    /// </summary>
    public static async Task<ImportOutcome> Upload(HttpRequest request, WorkspaceHost workspace, TimeProvider time, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase) ||
            HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
            throw new WorkspaceException("send the file as multipart/form-data with the fields table and file.");
        var fields = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        var reader = new MultipartReader(boundary, request.Body);
        UploadFile? upload = null;
        string? uploadedName = null;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
                var field = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (disposition.IsFileDisposition())
                {
                    if (field != "file" || upload is not null) throw new WorkspaceException($"the form has a file in the field '{field}': send one file, in the field 'file'.");
                    uploadedName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "";
                    upload = await UploadFile.SaveAsync(SafeName(uploadedName), section.Body, cancellationToken);
                }
                else if (fields.Values.Sum(v => v.Count) >= MaxFormFields) throw new WorkspaceException($"the form has more than {MaxFormFields} fields.");
                else
                {
                    var value = await FieldValue(section.Body, field, cancellationToken);
                    if (!fields.TryGetValue(field, out var values)) fields[field] = values = [];
                    values.Add(value);
                }
            }
            if (upload is null) throw new WorkspaceException("the form has no file: send it in the field 'file'.");
            string One(string name) => fields.TryGetValue(name, out var values) ? string.Join(',', values) : "";
            List<string> Many(string name) => fields.TryGetValue(name, out var values) ? [.. values.Where(v => !string.IsNullOrWhiteSpace(v))] : [];
            var options = new ImportForm
            {
                Table = One("table"), Delimiter = One("delimiter"), NoHeader = Flag(One("noHeader")), Columns = One("columns"),
                Map = Many("map"), Default = Many("default"), Where = Many("where"), DateFormat = One("dateFormat"),
                DecimalComma = Flag(One("decimalComma")), SkipBadRows = Flag(One("skipBadRows")), Encoding = One("encoding"), GenerateIds = One("generateIds"),
                Recode = Many("recode"), LinesFromColumns = One("linesFromColumns"), Period = One("period"), NoLive = Flag(One("noLive")),
            };
            var outcome = await Import(workspace, time, upload, options, cancellationToken);
            logs.CreateLogger(LogCategory).Imported(ServerLog.Safe(request.HttpContext.User.Identity?.Name), ServerLog.Safe(outcome.File), outcome.Table,
                outcome.RowsRead, outcome.RowsAdded, outcome.RowsUpdated, outcome.RowsRejected, outcome.ImportId);
            return outcome;
        }
        catch (WorkspaceException e)
        {
            logs.CreateLogger(LogCategory).ImportRefused(ServerLog.Safe(request.HttpContext.User.Identity?.Name), ServerLog.Safe(uploadedName), ServerLog.Safe(e.Message));
            throw;
        }
        finally
        {
            upload?.Dispose();
        }
    }

    /// <summary>The log category of uploads.</summary>
    public const string LogCategory = "Clientele.Imports";

    /// <summary>
    /// Imports <paramref name="content"/> (named <paramref name="fileName"/> in errors and in the history) into the
    /// form's table inside the workspace's turn to change. The dashboard calls this.
    /// </summary>
    /// <exception cref="ImportFailedException">The file was not imported; the workspace is unchanged.</exception>
    /// <exception cref="WorkspaceException">A bad option, an unknown table, or a file over <see cref="MaxUploadBytes"/>.</exception>
    public static async Task<ImportOutcome> Import(
        WorkspaceHost workspace, TimeProvider time, string fileName, Stream content, ImportForm form, CancellationToken cancellationToken)
    {
        using var upload = await UploadFile.SaveAsync(SafeName(fileName), content, cancellationToken);
        return await Import(workspace, time, upload, form, cancellationToken);
    }

    private static async Task<ImportOutcome> Import(WorkspaceHost workspace, TimeProvider time, UploadFile upload, ImportForm form, CancellationToken cancellationToken)
    {
        var path = upload.Path;
        var name = System.IO.Path.GetFileName(path);
        var table = (form.Table ?? "").Trim();
        if (table.Length == 0) throw new WorkspaceException($"name the table to fill (field 'table'): {string.Join(", ", CanonicalTables.Importable.Select(t => t.Name))}.");
        var options = form.ToOptions();
        try
        {
            if (options.SkipBadRows) options = options with { RejectsPath = System.IO.Path.Combine(upload.Folder, name + ".rejects.csv") };
            var (result, live) = await workspace.WriteAsync(w =>
            {
                var imported = new Importer(w, time).Import(table, path, options, null, cancellationToken);
                if (imported.ImportId is not { } id) return (imported, null);
                ImportRecord.SetSourcePath(w, id, UploadSource + name);
                // The same path as `clientele import`: the customers the file names are re-classified with the latest analysis.
                return (imported, form.NoLive ? null : LiveUpdate.AfterImport(w, id, time.GetUtcNow().UtcDateTime));
            }, cancellationToken);
            var rejected = result.RejectsPath is { } rejects && File.Exists(rejects) ? RejectedRows(rejects) : [];
            return ImportOutcome.From(name, result, rejected) with { Live = live is { AnalysisAsOf: not null } ? live : null };
        }
        catch (ImportFailedException e) when (e.Errors.Count > 0)
        {
            throw new ImportFailedException(name, [.. e.Errors.Select(error => error with { File = Rename(error.File, path, name) })], e.TotalErrors);
        }
        catch (WorkspaceException e) when (e is not ImportFailedException && e.Message.Contains(path, StringComparison.Ordinal))
        {
            throw new WorkspaceException(Rename(e.Message, path, name), e);
        }
    }

    /// <summary>A form field's value, at most <see cref="MaxFieldLength"/> characters.</summary>
    private static async Task<string> FieldValue(Stream body, string field, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, Encoding.UTF8);
        var buffer = new char[MaxFieldLength + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await reader.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0) length += read;
        if (length > MaxFieldLength) throw new WorkspaceException($"the form field '{field}' is longer than {MaxFieldLength / 1024} KB.");
        return new string(buffer, 0, length);
    }

    /// <summary>What the history's source_path says for an uploaded file, before its name.</summary>
    public const string UploadSource = "upload:";

    private static string Rename(string text, string path, string name) => text.Replace(path, name, StringComparison.Ordinal);

    /// <summary>The longest uploaded file name kept, in UTF-8 bytes (file systems allow 255); a longer one is cut before its extension.</summary>
    public const int MaxFileNameBytes = 200;

    /// <summary>The file name without any folder, without characters a file name cannot hold, at most <see cref="MaxFileNameBytes"/> bytes.</summary>
    private static string SafeName(string fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        foreach (var bad in Path.GetInvalidFileNameChars()) name = name.Replace(bad, '_');
        name = new string([.. name.Where(c => !char.IsControl(c))]).Trim();
        if (string.IsNullOrWhiteSpace(name) || name is "." or "..") return "upload.csv";
        if (Encoding.UTF8.GetByteCount(name) <= MaxFileNameBytes) return name;
        var extension = Path.GetExtension(name);
        if (Encoding.UTF8.GetByteCount(extension) > 16) extension = "";
        var stem = name[..Math.Min(name.Length - extension.Length, MaxFileNameBytes)];
        while (Encoding.UTF8.GetByteCount(stem) + Encoding.UTF8.GetByteCount(extension) + 3 > MaxFileNameBytes) stem = stem[..^1];
        if (stem.Length > 0 && char.IsHighSurrogate(stem[^1])) stem = stem[..^1];
        return stem + "..." + extension;
    }

    private static bool Flag(string value) => value.Trim().ToLowerInvariant() is "true" or "on" or "1" or "yes";

    /// <summary>The rows of a rejects file (line, column, column_name, value, reason, record), the first <see cref="MaxRejectedRowsShown"/>.</summary>
    private static List<RejectedRow> RejectedRows(string path)
    {
        var rows = new List<RejectedRow>();
        var text = File.ReadAllText(path, Encoding.UTF8);
        var records = Csv(text).Skip(1);
        foreach (var cells in records)
        {
            if (rows.Count >= MaxRejectedRowsShown) break;
            if (cells.Count < 6) continue;
            // The file neutralises cells a spreadsheet would evaluate; the JSON gives the original values.
            var fields = cells.ConvertAll(Clientele.Csv.CsvCell.Original);
            rows.Add(new RejectedRow(
                long.TryParse(fields[0], System.Globalization.CultureInfo.InvariantCulture, out var line) ? line : 0,
                int.TryParse(fields[1], System.Globalization.CultureInfo.InvariantCulture, out var column) ? column : 0,
                fields[2].Length == 0 ? null : fields[2], fields[3].Length == 0 ? null : fields[3], fields[4], fields[5]));
        }
        return rows;
    }

    /// <summary>RFC 4180 records of a text (quotes doubled inside quoted fields; line breaks allowed there).</summary>
    private static IEnumerable<List<string>> Csv(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (c == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                yield return fields;
                fields = [];
            }
            else if (c != '\r') field.Append(c);
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return fields;
        }
    }
}

/// <summary>The upload form's fields besides the file, as <c>clientele import</c>'s options.</summary>
public sealed class ImportForm
{
    /// <summary>The table to fill (customers, orders, ...).</summary>
    public string? Table { get; set; }

    /// <summary>auto (default), ',', ';', tab or whitespace.</summary>
    public string? Delimiter { get; set; }

    /// <summary>The file has no header line; name its columns with <see cref="Columns"/>.</summary>
    public bool NoHeader { get; set; }

    /// <summary>The file's column names, comma-separated, for <see cref="NoHeader"/>.</summary>
    public string? Columns { get; set; }

    /// <summary>field=column lines: read the field from that file column.</summary>
    public IReadOnlyList<string> Map { get; set; } = [];

    /// <summary>field=value lines: the value where the file has no such column or the cell is empty.</summary>
    public IReadOnlyList<string> Default { get; set; } = [];

    /// <summary>column=value[,value] lines: import only rows holding one of the values.</summary>
    public IReadOnlyList<string> Where { get; set; } = [];

    /// <summary>The dates' format, e.g. yyyyMMdd (default: ISO 8601).</summary>
    public string? DateFormat { get; set; }

    /// <summary>Numbers use ',' as the decimal point.</summary>
    public bool DecimalComma { get; set; }

    /// <summary>Import the good rows and return the bad ones with their reasons.</summary>
    public bool SkipBadRows { get; set; }

    /// <summary>utf-8 (default) or latin1.</summary>
    public string? Encoding { get; set; }

    /// <summary>For a file without ids: fill the id column with this prefix plus the line number.</summary>
    public string? GenerateIds { get; set; }

    /// <summary>field=code:word[,code:word] lines: read the field's codes as these words.</summary>
    public IReadOnlyList<string> Recode { get; set; } = [];

    /// <summary>A wide spend table's spend columns, comma-separated: each non-zero cell becomes an order of that line over <see cref="Period"/>.</summary>
    public string? LinesFromColumns { get; set; }

    /// <summary>The period of <see cref="LinesFromColumns"/>: a year (2011) or FIRST..LAST.</summary>
    public string? Period { get; set; }

    /// <summary>Do not re-classify the customers the file names with the latest analysis (a bulk load: analyze after it).</summary>
    public bool NoLive { get; set; }

    /// <summary>The importer's options (the command line's checks and messages).</summary>
    /// <exception cref="WorkspaceException">A bad option.</exception>
    public ImportOptions ToOptions()
    {
        var (spendColumns, period) = ImportOptionText.WideSpend(LinesFromColumns, Period, "linesFromColumns", "period");
        return new()
        {
        Delimiter = ImportOptionText.Delimiter((Delimiter ?? "auto").Trim(), "delimiter"),
        HasHeader = !NoHeader,
        Columns = ImportOptionText.Columns(Columns),
        Map = ImportOptionText.Pairs("map", Map),
        Defaults = ImportOptionText.Pairs("default", Default),
        Where = [.. Where.Select(RowFilter.Parse)],
        DateFormat = string.IsNullOrWhiteSpace(DateFormat) ? null : DateFormat.Trim(),
        DecimalComma = DecimalComma,
        SkipBadRows = SkipBadRows,
        Encoding = ImportOptionText.Encoding(Encoding, "encoding"),
        GenerateIds = string.IsNullOrWhiteSpace(GenerateIds) ? null : GenerateIds.Trim(),
        Recode = ImportOptionText.Recodes(Recode, "recode"),
        LinesFromColumns = spendColumns,
        Period = period,
        };
    }
}

/// <summary>A row an import with skipBadRows left out, with its reason.</summary>
/// <param name="Line">The file line (1 is the first line, header included).</param>
/// <param name="Column">The column (1 first), or 0 for the whole row.</param>
/// <param name="ColumnName">The column's header, or null.</param>
/// <param name="Value">The value found, or null.</param>
/// <param name="Reason">What was wrong.</param>
/// <param name="Record">The row as it was in the file.</param>
public sealed record RejectedRow(long Line, int Column, string? ColumnName, string? Value, string Reason, string Record);

/// <summary>What an upload did.</summary>
/// <param name="File">The file's name as uploaded.</param>
/// <param name="Table">The table filled.</param>
/// <param name="ImportId">The import's number in the history, or null when the identical file had been imported already.</param>
/// <param name="RowsRead">Data rows in the file.</param>
/// <param name="RowsAdded">New rows stored.</param>
/// <param name="RowsUpdated">Stored rows whose values the file changed.</param>
/// <param name="RowsAlreadyPresent">Rows already in the workspace.</param>
/// <param name="RowsRejected">Bad rows left out (with skipBadRows).</param>
/// <param name="RowsFiltered">Rows left out by where.</param>
/// <param name="CustomersCreated">Customers named by the rows but unknown so far, now created.</param>
/// <param name="IgnoredColumns">File columns the table does not know.</param>
/// <param name="AttributeColumns">File columns kept in customers.attributes.</param>
/// <param name="MatchedByName">File columns matched to a field by name.</param>
/// <param name="PreviousImportId">The earlier import of the identical file, when nothing was added for that reason.</param>
/// <param name="Seconds">Wall time.</param>
/// <param name="Rejected">The rejected rows with their reasons (the first 1,000).</param>
/// <param name="Notes">What the stored rows mean beyond the counts, e.g. product ids the products table lacks, as sentences.</param>
public sealed record ImportOutcome(
    string File, string Table, int? ImportId, long RowsRead, long RowsAdded, long RowsUpdated, long RowsAlreadyPresent, long RowsRejected,
    long RowsFiltered, long CustomersCreated, IReadOnlyList<string> IgnoredColumns, IReadOnlyList<string> AttributeColumns,
    IReadOnlyList<string> MatchedByName, int? PreviousImportId, double Seconds, IReadOnlyList<RejectedRow> Rejected, IReadOnlyList<string> Notes)
{
    /// <summary>The live update that followed: the customers re-classified with the latest analysis and the classes that moved; null before the first analysis or with noLive.</summary>
    public LiveResult? Live { get; init; }

    internal static ImportOutcome From(string file, ImportResult result, IReadOnlyList<RejectedRow> rejected) =>
        new(file, result.Table, result.ImportId, result.RowsRead, result.RowsAdded, result.RowsUpdated, result.RowsAlreadyPresent,
            result.RowsRejected, result.RowsFiltered, result.CustomersCreated, result.IgnoredColumns, result.AttributeColumns,
            result.MatchedByName ?? [], result.PreviousImport?.ImportId, Math.Round(result.Seconds, 2), rejected, result.Notes);
}
