using System.Collections.Concurrent;

namespace Clientele.Simulation.Internal;

/// <summary>
/// Writes the per-party files (customers, contacts, buying_roles, orders, interactions and both
/// truth tables) in one pass over the parties. Chunks of parties are made in parallel and written
/// in party order as they complete, so the files are the same whatever the number of cores; order
/// and interaction ids are numbered as their chunk is written.
/// </summary>
internal static class PartyFiles
{
    public static void Write(CompanyPlan plan, string directory, IDictionary<string, long> rows,
        IProgress<SimulationProgress>? progress, CancellationToken cancellationToken)
    {
        var tables = ChunkOutput.Tables;
        var streams = new FileStream[tables.Length];
        var pending = new Queue<Task<ChunkOutput>>();
        try
        {
            var header = new CsvBuffer(4096);
            for (var t = 0; t < tables.Length; t++)
            {
                streams[t] = new FileStream(Path.Combine(directory, tables[t].Name + ".csv"), FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20);
                header.Clear();
                header.Header(CompanySimulator.Columns(tables[t]));
                header.CopyTo(streams[t]);
                rows[tables[t].Name] = 0;
            }

            var chunkSize = Math.Clamp(plan.Count / 256, 256, 2_048);
            var chunks = (plan.Count + chunkSize - 1) / chunkSize;
            var pool = new ConcurrentBag<ChunkOutput>();
            var window = Math.Max(3, Environment.ProcessorCount * 2);
            var next = 0;
            var orderId = 1L;
            var interactionId = 1L;

            Task<ChunkOutput> Start(int chunk)
            {
                var first = chunk * chunkSize;
                var end = Math.Min(plan.Count, first + chunkSize);
                return Task.Run(() =>
                {
                    var output = pool.TryTake(out var reused) ? reused : new ChunkOutput();
                    output.Fill(plan, first, end, cancellationToken);
                    return output;
                }, cancellationToken);
            }

            for (; next < Math.Min(window, chunks); next++)
            {
                pending.Enqueue(Start(next));
            }

            for (var chunk = 0; chunk < chunks; chunk++)
            {
                var output = pending.Dequeue().GetAwaiter().GetResult();
                cancellationToken.ThrowIfCancellationRequested();
                if (next < chunks)
                {
                    pending.Enqueue(Start(next++));
                }

                output.Orders.PatchIds(orderId);
                orderId += output.Orders.IdSlots;
                output.Interactions.PatchIds(interactionId);
                interactionId += output.Interactions.IdSlots;
                var buffers = output.Buffers;
                for (var t = 0; t < tables.Length; t++)
                {
                    buffers[t].CopyTo(streams[t]);
                    rows[tables[t].Name] += buffers[t].Rows;
                }

                pool.Add(output);
                progress?.Report(new SimulationProgress("orders", Math.Min(plan.Count, (long)(chunk + 1) * chunkSize), plan.Count));
            }
        }
        finally
        {
            // Leave no chunk running behind a failure or a cancellation.
            foreach (var task in pending)
            {
                try
                {
                    task.Wait(CancellationToken.None);
                }
                catch (AggregateException)
                {
                }
            }

            foreach (var stream in streams)
            {
                stream?.Dispose();
            }
        }
    }
}
