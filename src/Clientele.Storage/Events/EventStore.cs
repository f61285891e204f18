using System.Diagnostics;
using Clientele.Storage.Import;
using Clientele.Storage.Live;
using Clientele.Tables;
using static Clientele.Storage.Schema.WorkspaceSchema;

namespace Clientele.Storage.Events;

/// <summary>
/// Stores an <see cref="EventBatch"/> as one import (docs/api.md, "Live events"): every table's rows go through the
/// importer's own path (<c>ColumnPlan</c>, <c>RowScanner</c>, <c>ValidatedRows</c>, <c>ImportSql</c>) as a file without a
/// header would, so they are checked, identified (by id, or by content and occurrence when they have none) and stored
/// exactly as a file's rows are; but all the batch's tables are stored in ONE transaction under one import id, recorded
/// once with the batch's source name. Whole or not at all: any error anywhere leaves the workspace unchanged.
/// </summary>
public static class EventStore
{
    /// <summary>
    /// Checks and stores the batch. A batch whose every row is stored already changes nothing and records no import
    /// (<see cref="EventBatchResult.ImportId"/> is null).
    /// </summary>
    /// <param name="workspace">The workspace, with no transaction open on its connection.</param>
    /// <param name="batch">The parsed batch.</param>
    /// <param name="source">The source recorded with the import (its <c>source_path</c>), e.g. <c>api:events</c>.</param>
    /// <param name="time">The clock for the import's time.</param>
    /// <param name="cancellationToken">Stops before anything is committed.</param>
    /// <exception cref="EventBatchRefusedException">A bad key or value: nothing was stored.</exception>
    public static EventBatchResult Store(Workspace workspace, EventBatch batch, string source, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(time);
        var clock = Stopwatch.StartNew();
        var errors = new Refusals(batch.Problems);
        var (connection, dialect) = (workspace.Db, workspace.Dialect);
        var counts = new List<EventTableCounts>();
        var notes = new List<string>();
        var total = new ImportSql.Stored(0, 0, 0, 0, 0);
        using var transaction = connection.BeginTransaction();
        var importId = ImportSql.NextImportId(connection);
        foreach (var table in EventBatch.Tables)
        {
            var received = batch.Rows(table).Count;
            if (received == 0)
            {
                counts.Add(new EventTableCounts(table.Name, 0, 0, 0));
                continue;
            }
            var stored = StoreTable(workspace, batch, table, importId, errors, cancellationToken);
            if (stored is null) continue;
            counts.Add(new EventTableCounts(table.Name, received, stored.Added, stored.AlreadyPresent));
            var checking = Stopwatch.GetTimestamp();
            notes.AddRange(ProductReferences.Check(connection, dialect, table, importId));
            LiveTrace.Report("events: ProductReferences.Check", checking);
            total = new ImportSql.Stored(total.Staged + stored.Staged, total.Added + stored.Added, total.Updated + stored.Updated,
                total.Rejected + stored.Rejected, total.CustomersCreated + stored.CustomersCreated);
        }
        if (errors.Count > 0) throw errors.Exception();
        cancellationToken.ThrowIfCancellationRequested();

        var started = Stopwatch.GetTimestamp();
        var created = CreatedCustomers(workspace, importId);
        LiveTrace.Report("events: the customers the import created", started);
        var affected = batch.NamedCustomers();
        if (total.Added == 0 && total.Updated == 0 && created.Count == 0)
        {
            // Every event was stored already: recording an empty import would only mark the analysis stale.
            transaction.Rollback();
            return new EventBatchResult(null, source, counts, affected, [], []);
        }
        started = Stopwatch.GetTimestamp();
        var tables = string.Join(", ", counts.Where(c => c.Received > 0).Select(c => c.Table));
        ImportSql.Record(connection, dialect, importId, tables,
            new ImportSql.Source(source, batch.Sha256, batch.Bytes, "", time.GetUtcNow().UtcDateTime, batch.RowCount, 0, ""),
            clock.Elapsed.TotalSeconds, total);
        LiveTrace.Report("events: ImportSql.Record", started);
        started = Stopwatch.GetTimestamp();
        LiveCommit.Commit(workspace, transaction);
        LiveTrace.Report("events: commit", started);
        return new EventBatchResult(importId, source, counts, affected, created, notes);
    }

    /// <summary>
    /// Checks one table's rows as a file's and, when no error has been found in the batch so far, stores them under the
    /// batch's import id. Returns null when the batch holds errors (this table's are added to <paramref name="errors"/>).
    /// </summary>
    private static ImportSql.Stored? StoreTable(Workspace workspace, EventBatch batch, CanonicalTable table, int importId, Refusals errors, CancellationToken cancellationToken)
    {
        var columns = table.Columns.Select(c => c.Name).ToList();
        var options = new ImportOptions { HasHeader = false, Columns = columns, Delimiter = Delimiter.Comma };
        var parser = new CellParser(options.DateFormat, options.DecimalComma);
        var plan = ColumnPlan.Build(table, columns, options, table.Name, parser);
        // Values the shape check refused already are not reported twice (as missing, say).
        var refused = errors.Listed.Where(e => e.List == table.Name && e.Index is not null && e.Field is not null).Select(e => (e.Index!.Value, e.Field!)).ToHashSet();
        var refusedRows = errors.Listed.Where(e => e.List == table.Name && e.Index is not null && e.Field is null).Select(e => e.Index!.Value).ToHashSet();
        using var sql = new ImportSql(workspace.Db, workspace.Dialect, table, plan, table.Name, null, keepRaw: false, batchImportId: importId);
        using (var load = workspace.Dialect.ImportLoad(workspace, sql, table, keepRaw: false, ValidatedRows.DefaultChunkRows))
        {
            using var reader = new RecordReader(batch.Csv(table), ImportEncoding.Utf8, Delimiter.Comma);
            var scan = new RowScanner(plan, parser, load.Rows, reader, table.Name, null, keepRaw: false, rowNumbers: true);
            var started = Stopwatch.GetTimestamp();
            try
            {
                scan.Run(0, null, cancellationToken);
            }
            catch (FormatException e)
            {
                errors.Add(new EventError(table.Name, null, null, null, "rows the importer can read: " + e.Message));
                return null;
            }
            foreach (var error in scan.Errors)
            {
                var index = (int)error.Line - 1;
                if (refusedRows.Contains(index) || (error.ColumnName is { } field && refused.Contains((index, field)))) continue;
                errors.Add(new EventError(table.Name, index, error.ColumnName, error.Value, error.Expected));
            }
            // Errors beyond the scanner's list are counted, not shown.
            errors.CountUnlisted(scan.ErrorCount - scan.Errors.Count);
            if (errors.Count > 0) return null;
            var loaded = load.Finish();
            LiveTrace.Report($"events: {table.Name} checked and loaded (RowScanner, SqlDialect.ImportLoad)", started);
            started = Stopwatch.GetTimestamp();
            var stored = sql.Store(loaded);
            LiveTrace.Report($"events: {table.Name} stored (ImportSql.Store)", started);
            return stored;
        }
    }

    private static int Order(string list)
    {
        for (var i = 0; i < EventBatch.Tables.Count; i++)
            if (EventBatch.Tables[i].Name == list) return i;
        return -1;
    }

    private static int FieldOrder(EventError error)
    {
        var table = EventBatch.Tables.FirstOrDefault(t => t.Name == error.List);
        if (table is null || error.Field is null) return -1;
        var index = ColumnPlan.IndexOf(table, error.Field);
        return index < 0 ? int.MaxValue : index;
    }

    /// <summary>The customers the import created: each carries its id until another import changes it, and none did yet.</summary>
    private static List<string> CreatedCustomers(Workspace workspace, int importId) =>
        workspace.Texts($"SELECT customer_id FROM customers WHERE {ImportIdColumn} = {importId} ORDER BY {workspace.Dialect.OrdinalText("customer_id")}");

    /// <summary>The batch's errors: every one counted, the shape errors and the scanner's first ones kept to be listed in the batch's order.</summary>
    private sealed class Refusals(IEnumerable<EventError> shape)
    {
        public List<EventError> Listed { get; } = [.. shape];

        private long _unlisted;

        public long Count => Listed.Count + _unlisted;

        public void Add(EventError error) => Listed.Add(error);

        public void CountUnlisted(long count) => _unlisted += count;

        public EventBatchRefusedException Exception() =>
            new([.. Listed.OrderBy(e => Order(e.List)).ThenBy(e => e.Index ?? -1).ThenBy(FieldOrder).Take(EventBatchRefusedException.MaxListed)], Count);
    }
}
