namespace Clientele.Classification.Internal;

/// <summary>The growing long table of role holders.</summary>
internal sealed class RoleHolderTable
{
    public List<int> Customer { get; } = [];

    public List<int> Contact { get; } = [];

    public List<int> Role { get; } = [];

    public List<double> Weight { get; } = [];

    public List<bool> Inferred { get; } = [];

    public int Count => Customer.Count;

    public int InferredCount { get; private set; }

    public void Add(int customer, int contact, int role, double weight, bool inferred)
    {
        Customer.Add(customer);
        Contact.Add(contact);
        Role.Add(role);
        Weight.Add(weight);
        Inferred.Add(inferred);
        if (inferred) InferredCount++;
    }

    public BuyingRoleHolders ToColumns() =>
        new([.. Customer], [.. Contact], [.. Role.Select(r => RecordedRoles.Names[r])], [.. Weight], [.. Inferred]);
}
