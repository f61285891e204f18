using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Clientele.Tables;

namespace Clientele.Storage.Import;

/// <summary>
/// Imports a delimited text file into one canonical table of a workspace: whole or not at all,
/// idempotent, with every bad value reported by file, line and column (docs/importing.md).
/// </summary>
public sealed class Importer(Workspace workspace, TimeProvider? time = null)
{
    private readonly Workspace _workspace = workspace;
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Rows per file loaded while reading goes on (small in tests, to exercise many chunks).</summary>
    internal int RowsPerChunk { get; init; } = ValidatedRows.DefaultChunkRows;

    /// <summary>Imports <paramref name="path"/> into the table named <paramref name="tableName"/> (see <c>clientele import --help</c>).</summary>
    /// <exception cref="ImportFailedException">The file was not imported; the workspace is unchanged.</exception>
    /// <exception cref="WorkspaceException">An unknown table or a missing file.</exception>
    public ImportResult Import(string tableName, string path, ImportOptions options, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var table = CanonicalTables.Find(tableName);
        if (table is null || table.Internal)
        {
            throw new WorkspaceException(
                $"unknown table '{tableName}'. Clientele imports into: {string.Join(", ", CanonicalTables.Importable.Select(t => t.Name))}.");
        }
        return Import(table, path, options, progress, cancellationToken);
    }

    /// <summary>Imports into a table of the catalogue, internal tables included (the simulator's ground truth).</summary>
    public ImportResult Import(CanonicalTable table, string path, ImportOptions options, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        // A file of any size is staged, checked against what is stored and grouped into purchase days in the engine: bounded, it
        // spills to disk rather than hold a large file's rows in memory (DuckDB; a PostgreSQL server's memory is its own).
        _workspace.LimitEngineMemory(Workspace.EngineMemoryLimitMegabytes);
        try
        {
            return ImportBounded(table, path, options, progress, cancellationToken);
        }
        finally
        {
            _workspace.LimitEngineMemory(null);
        }
    }

    private ImportResult ImportBounded(CanonicalTable table, string path, ImportOptions options, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        if (!File.Exists(path)) throw new WorkspaceException($"{path}: no such file.");
        var info = new FileInfo(path);
        if (info.Length == 0) throw new ImportFailedException(path, [new ImportError(path, 0, 0, null, null, "the file is empty: there is nothing to import")], 1);
        if (!options.HasHeader && (options.Columns is null || options.Columns.Count == 0))
            throw new WorkspaceException("--no-header needs --columns a,b,c to name the file's columns.");
        if (options.HasHeader && options.Columns is { Count: > 0 })
            throw new WorkspaceException("--columns names the columns of a file without a header: pass --no-header too, or use --map to rename a header's columns.");

        var fingerprint = options.Fingerprint();
        var previous = FindIdenticalImport(table, path, info.Length, fingerprint);
        if (previous is not null)
        {
            return new ImportResult(table.Name, null, previous.RowsRead, 0, 0, previous.RowsRead - previous.RowsRejected - previous.RowsFiltered,
                0, previous.RowsFiltered, 0, [], [], null, previous, clock.Elapsed.TotalSeconds);
        }

        var parquet = ParquetFile.Is(path);
        string? converted = null;
        if (parquet)
        {
            if (!options.HasHeader) throw new WorkspaceException("--no-header and --columns are for text files: a Parquet file names its columns.");
            converted = _workspace.TemporaryFile($"parquet-{Guid.NewGuid():N}.csv");
            options = options with { Delimiter = Delimiter.Comma, Encoding = ImportEncoding.Utf8, DecimalComma = false };
        }
        else CheckNotUtf16(path);
        var rejects = options.SkipBadRows ? new RejectsWriter(options.RejectsPath ?? Path.GetFileName(path) + ".rejects.csv") : null;
        try
        {
            if (converted is not null) ParquetFile.ToCsv(path, converted);
            var source = converted ?? path;
            var delimiter = options.Delimiter == Delimiter.Auto ? DetectDelimiter(path, options.Encoding) : options.Delimiter;
            var parser = new CellParser(options.DateFormat, options.DecimalComma);
            using var hashing = new HashingStream(File.OpenRead(source));
            using var reader = new RecordReader(hashing, options.Encoding, delimiter);
            var fileColumns = ReadHeader(reader, path, options);
            var plan = ColumnPlan.Build(table, fileColumns, options, path, parser);
            var keepRaw = ImportSql.ChecksReferences(table);
            using var sql = new ImportSql(_workspace.Db, _workspace.Dialect, table, plan, path, rejects, keepRaw);
            using (var load = _workspace.Dialect.ImportLoad(_workspace, sql, table, keepRaw, RowsPerChunk))
            {
                var staging = load.Rows;
                var scan = new RowScanner(plan, parser, staging, reader, path, rejects, keepRaw, rowNumbers: parquet);
                scan.Run(info.Length, progress, cancellationToken);
                hashing.Drain();
                cancellationToken.ThrowIfCancellationRequested();
                if (scan.Errors.Count > 0 && rejects is null)
                    throw new ImportFailedException(path, scan.Errors, scan.ErrorCount, parquet ? ParquetFile.RowsHint : null);
                if (scan.RowsRead == 0)
                {
                    throw new ImportFailedException(path, [new ImportError(path, 0, 0, null, null,
                        parquet ? "the Parquet file has no rows: there is nothing to import"
                        : options.HasHeader ? "the file has a header line but no data rows: there is nothing to import" : "the file has no data rows")], 1);
                }
                var readSeconds = clock.Elapsed.TotalSeconds;
                progress?.Report(new ImportProgress("storing", info.Length, info.Length, scan.RowsRead));
                var loaded = load.Finish();
                var stored = sql.Finish(new ImportSql.Source(
                    Path.GetFullPath(path), parquet ? Sha256(path) : hashing.HexDigest(), info.Length, fingerprint, _time.GetUtcNow().UtcDateTime,
                    scan.RowsRead, scan.RowsFiltered, string.Join(", ", plan.Ignored)), loaded, clock);
                rejects?.Commit();
                return stored with
                {
                    RowsRejected = scan.ErrorRows + stored.RowsRejected,
                    IgnoredColumns = plan.Ignored,
                    AttributeColumns = plan.Attributes.Select(a => a.Name).ToList(),
                    MatchedByName = plan.MatchedByName,
                    RejectsPath = rejects?.Path,
                    Seconds = clock.Elapsed.TotalSeconds,
                    ReadSeconds = readSeconds,
                };
            }
        }
        catch (FormatException e)
        {
            throw new ImportFailedException(path, [new ImportError(path, 0, 0, null, null, e.Message)], 1);
        }
        finally
        {
            rejects?.Dispose();
            if (converted is not null) File.Delete(converted);
        }
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private ImportRecord? FindIdenticalImport(CanonicalTable table, string path, long bytes, string fingerprint)
    {
        var candidates = _workspace.Imports().Where(i => i.Table == table.Name && i.SourceBytes == bytes && i.Options == fingerprint).ToList();
        if (candidates.Count == 0) return null;
        var sha256 = Sha256(path);
        return candidates.FirstOrDefault(i => i.SourceSha256 == sha256);
    }

    private static void CheckNotUtf16(string path)
    {
        Span<byte> start = stackalloc byte[4096];
        using var stream = File.OpenRead(path);
        var read = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        start = start[..read];
        var byteOrderMark = read >= 2 && ((start[0] == 0xFF && start[1] == 0xFE) || (start[0] == 0xFE && start[1] == 0xFF));
        if (byteOrderMark && !start.Contains((byte)0))
        {
            throw new ImportFailedException(path, [new ImportError(path, 1, 1, null, null,
                $"text in UTF-8 or Latin-1: the file starts with the bytes {start[0]:X2} {start[1]:X2}, the mark of UTF-16 text, but what follows is not UTF-16. Remove those two bytes, or save the file again as UTF-8 (CSV UTF-8 in a spreadsheet)")], 1);
        }
        if (start.Contains((byte)0))
        {
            throw new ImportFailedException(path, [new ImportError(path, 1, 1, null, null,
                "text in UTF-8 or Latin-1: the file holds zero bytes, as UTF-16 text or binary files do. Save it as UTF-8 (CSV UTF-8 in a spreadsheet), or convert it: iconv -f UTF-16 -t UTF-8")], 1);
        }
    }

    private static Delimiter DetectDelimiter(string path, ImportEncoding encoding)
    {
        using var reader = new StreamReader(path, encoding == ImportEncoding.Latin1 ? Encoding.Latin1 : Encoding.UTF8);
        string? line;
        while ((line = reader.ReadLine()) is not null && string.IsNullOrWhiteSpace(line)) { }
        return RecordReader.Detect(line ?? "");
    }

    private static IReadOnlyList<string> ReadHeader(RecordReader reader, string path, ImportOptions options)
    {
        if (!options.HasHeader) return options.Columns!.Select(c => c.Trim()).ToList();
        if (!reader.Read())
            throw new ImportFailedException(path, [new ImportError(path, 0, 0, null, null, "the file has only blank lines: there is nothing to import")], 1);
        if (reader.InvalidEncodingField >= 0) throw EncodingError(path, reader.Line, reader.InvalidEncodingField + 1, options);
        if (reader.NulField >= 0)
            throw new ImportFailedException(path, [new ImportError(path, reader.Line, reader.NulField + 1, null, null, BoundsCheck.NoNul)], 1);
        var names = new List<string>(reader.FieldCount);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var name = reader.Field(i).Trim();
            if (name.Length > ValueBounds.MaxIdLength)
            {
                throw new ImportFailedException(path, [new ImportError(path, reader.Line, i + 1, null, name.ToString(),
                    $"a column name of at most {ValueBounds.MaxIdLength:N0} characters (is the first line a header? for a file without one pass --no-header --columns a,b,c)")], 1);
            }
            names.Add(name.ToString());
        }
        return names;
    }

    internal static ImportFailedException EncodingError(string path, long line, int column, ImportOptions options) =>
        new(path, [EncodingProblem(path, line, column, null)], 1,
            options.Encoding == ImportEncoding.Utf8 ? "If the file was saved as Latin-1 or Windows-1252, pass --encoding latin1." : null);

    internal static ImportError EncodingProblem(string path, long line, int column, string? columnName) =>
        new(path, line, column, columnName, null, "bytes that are not valid UTF-8 text (the file seems to be in another encoding; for Latin-1 or Windows-1252 pass --encoding latin1)");

    internal static string AttributesJson(RecordReader reader, List<(int Index, string Name)> attributes, CellParser parser)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (index, name) in attributes)
            {
                var text = reader.Field(index).Trim();
                if (text.IsEmpty) continue;
                if (parser.TryNumber(text, out var number)) json.WriteNumber(name, number);
                else json.WriteString(name, text);
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
