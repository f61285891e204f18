using Clientele.Tables;

namespace Clientele.Simulation.Internal;

/// <summary>The rows a chunk of consecutive parties adds to each per-party file, and the scratch used to make them.</summary>
internal sealed class ChunkOutput
{
    /// <summary>The per-party tables, in the order of the buffers.</summary>
    public static readonly CanonicalTable[] Tables =
    [
        CanonicalTables.Customers, CanonicalTables.Contacts, CanonicalTables.BuyingRoleTable, CanonicalTables.Orders,
        CanonicalTables.Interactions, CanonicalTables.TruthCustomers, CanonicalTables.TruthContacts,
    ];

    public CsvBuffer Customers { get; } = new();
    public CsvBuffer Contacts { get; } = new();
    public CsvBuffer BuyingRoles { get; } = new();
    public CsvBuffer Orders { get; } = new(1 << 20);
    public CsvBuffer Interactions { get; } = new(1 << 18);
    public CsvBuffer TruthCustomers { get; } = new();
    public CsvBuffer TruthContacts { get; } = new();
    public PartyScratch Scratch { get; } = new();

    /// <summary>The buffers in the order of <see cref="Tables"/>.</summary>
    public CsvBuffer[] Buffers => [Customers, Contacts, BuyingRoles, Orders, Interactions, TruthCustomers, TruthContacts];

    /// <summary>Writes parties [first, end) into the buffers.</summary>
    public void Fill(CompanyPlan plan, int first, int end, CancellationToken cancellationToken)
    {
        foreach (var buffer in Buffers)
        {
            buffer.Clear();
        }

        for (var i = first; i < end; i++)
        {
            if ((i & 255) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            Scratch.Reset();
            PartyRows.WriteCustomer(plan, i, Customers);
            BuyingCenter.Write(plan, i, Contacts, BuyingRoles, TruthContacts);
            var random = new SimulationRandom(plan.Seed, RandomStream.Interactions, i);
            Scratch.Satisfaction = InteractionLog.Satisfaction(plan, i, ref random);
            OrderProcess.Write(plan, i, Scratch, Orders);
            InteractionLog.Plant(plan, i, ref random, Scratch);
            InteractionLog.Write(plan, i, Scratch, Interactions);
            PartyRows.WriteTruth(plan, i, Scratch.KeptPurchaseDays, TruthCustomers);
        }
    }
}
