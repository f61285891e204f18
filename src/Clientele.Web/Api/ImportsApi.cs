using System.Text;
using Clientele.Storage;
using Clientele.Storage.Import;
using Clientele.Tables;
using Clientele.Web.Hosting;
using Clientele.Web.Security;
using Microsoft.AspNetCore.Mvc;

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
            .WithSummary("Imports an uploaded file (form fields: table, file, and the options of `clientele import`: delimiter, noHeader, columns, map, default, where, recode (repeatable), dateFormat, decimalComma, skipBadRows, encoding, generateIds, linesFromColumns, period). A Parquet file is recognised by its content. A bad file is refused whole: 400 with every error's line and column. At most 100 MB.");
    }

    /// <summary>Every import.</summary>
    public static IReadOnlyList<ImportRecord> History(WorkspaceHost workspace) => workspace.Read(w => w.Imports());

    /// <summary>The upload endpoint: reads the form and imports its file.</summary>
    public static async Task<ImportOutcome> Upload(HttpRequest request, WorkspaceHost workspace, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType) throw new WorkspaceException("send the file as multipart/form-data with the fields table and file.");
        var form = await request.ReadFormAsync(cancellationToken);
        var file = form.Files.GetFile("file") ?? throw new WorkspaceException("the form has no file: send it in the field 'file'.");
        if (file.Length > MaxUploadBytes) throw new WorkspaceException($"{file.FileName} is larger than {MaxUploadBytes / 1024 / 1024} MB: import it with `clientele import`.");
        var options = new ImportForm
        {
            Table = form["table"].ToString(),
            Delimiter = form["delimiter"].ToString(),
            NoHeader = Flag(form["noHeader"]),
            Columns = form["columns"].ToString(),
            Map = [.. form["map"].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!)],
            Default = [.. form["default"].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!)],
            Where = [.. form["where"].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!)],
            DateFormat = form["dateFormat"].ToString(),
            DecimalComma = Flag(form["decimalComma"]),
            SkipBadRows = Flag(form["skipBadRows"]),
            Encoding = form["encoding"].ToString(),
            GenerateIds = form["generateIds"].ToString(),
            Recode = [.. form["recode"].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!)],
            LinesFromColumns = form["linesFromColumns"].ToString(),
            Period = form["period"].ToString(),
        };
        await using var content = file.OpenReadStream();
        return await Import(workspace, time, file.FileName, content, options, cancellationToken);
    }

    /// <summary>
    /// Imports <paramref name="content"/> (named <paramref name="fileName"/> in errors and in the history) into the
    /// form's table inside the workspace's turn to change. The dashboard calls this too.
    /// </summary>
    /// <exception cref="ImportFailedException">The file was not imported; the workspace is unchanged.</exception>
    /// <exception cref="WorkspaceException">A bad option or an unknown table.</exception>
    public static async Task<ImportOutcome> Import(
        WorkspaceHost workspace, TimeProvider time, string fileName, Stream content, ImportForm form, CancellationToken cancellationToken)
    {
        var name = SafeName(fileName);
        var table = (form.Table ?? "").Trim();
        if (table.Length == 0) throw new WorkspaceException($"name the table to fill (field 'table'): {string.Join(", ", CanonicalTables.Importable.Select(t => t.Name))}.");
        var options = form.ToOptions();
        var folder = Directory.CreateTempSubdirectory("clientele-upload-").FullName;
        var path = Path.Combine(folder, name);
        try
        {
            await using (var target = File.Create(path))
            {
                var buffer = new byte[81920];
                long total = 0;
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    total += read;
                    if (total > MaxUploadBytes) throw new WorkspaceException($"{name} is larger than {MaxUploadBytes / 1024 / 1024} MB: import it with `clientele import`.");
                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }
            if (options.SkipBadRows) options = options with { RejectsPath = Path.Combine(folder, name + ".rejects.csv") };
            var result = await workspace.WriteAsync(w =>
            {
                var imported = new Importer(w, time).Import(table, path, options, null, cancellationToken);
                if (imported.ImportId is { } id) ImportRecord.SetSourcePath(w, id, UploadSource + name);
                return imported;
            }, cancellationToken);
            var rejected = result.RejectsPath is { } rejects && File.Exists(rejects) ? RejectedRows(rejects) : [];
            return ImportOutcome.From(name, result, rejected);
        }
        catch (ImportFailedException e) when (e.Errors.Count > 0)
        {
            throw new ImportFailedException(name, [.. e.Errors.Select(error => error with { File = Rename(error.File, path, name) })], e.TotalErrors);
        }
        catch (WorkspaceException e) when (e is not ImportFailedException && e.Message.Contains(path, StringComparison.Ordinal))
        {
            throw new WorkspaceException(Rename(e.Message, path, name), e);
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left for the system's temporary-file cleaning.
            }
        }
    }

    /// <summary>What the history's source_path says for an uploaded file, before its name.</summary>
    public const string UploadSource = "upload:";

    private static string Rename(string text, string path, string name) => text.Replace(path, name, StringComparison.Ordinal);

    /// <summary>The file name without any folder, and without characters a file name cannot hold.</summary>
    private static string SafeName(string fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        foreach (var bad in Path.GetInvalidFileNameChars()) name = name.Replace(bad, '_');
        return string.IsNullOrWhiteSpace(name) || name is "." or ".." ? "upload.csv" : name;
    }

    private static bool Flag(Microsoft.Extensions.Primitives.StringValues value) =>
        value.ToString().Trim().ToLowerInvariant() is "true" or "on" or "1" or "yes";

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
    internal static ImportOutcome From(string file, ImportResult result, IReadOnlyList<RejectedRow> rejected) =>
        new(file, result.Table, result.ImportId, result.RowsRead, result.RowsAdded, result.RowsUpdated, result.RowsAlreadyPresent,
            result.RowsRejected, result.RowsFiltered, result.CustomersCreated, result.IgnoredColumns, result.AttributeColumns,
            result.MatchedByName ?? [], result.PreviousImport?.ImportId, Math.Round(result.Seconds, 2), rejected, result.Notes);
}
