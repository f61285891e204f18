namespace Clientele.Classification.Internal;

/// <summary>The recorded roles per contact: a mask of the six roles and the highest weight of each.</summary>
internal sealed class RecordedRoles
{
    /// <summary>The six roles in their canonical order (bit <c>r</c> of a role mask is <c>Names[r]</c>).</summary>
    public static readonly string[] Names = ["payer", "user", "beneficiary", "decider", "promoter", "stimulator"];

    private double[] _weight = [];

    public byte[] Mask { get; private init; } = [];

    public int UnknownRoles { get; private set; }

    public int UnknownContacts { get; private set; }

    public int Repeated { get; private set; }

    public double Weight(int contact, int role) => _weight[(contact * Names.Length) + role];

    public static RecordedRoles Read(ContactColumns contacts)
    {
        var recorded = new RecordedRoles { Mask = new byte[contacts.Count] };
        if (contacts.RoleContact.Length > 0) recorded._weight = new double[contacts.Count * Names.Length];
        for (var k = 0; k < contacts.RoleContact.Length; k++)
        {
            var contact = contacts.RoleContact[k];
            var role = Array.IndexOf(Names, contacts.Role[k]?.Trim().ToLowerInvariant());
            if ((uint)contact >= (uint)contacts.Count)
            {
                recorded.UnknownContacts++;
                continue;
            }

            if (role < 0)
            {
                recorded.UnknownRoles++;
                continue;
            }

            var at = (contact * Names.Length) + role;
            var weight = contacts.RoleWeight[k];
            if ((recorded.Mask[contact] & (1 << role)) != 0)
            {
                recorded.Repeated++;
                if (Heavier(weight, recorded._weight[at]) > 0) recorded._weight[at] = weight;
            }
            else
            {
                recorded.Mask[contact] |= (byte)(1 << role);
                recorded._weight[at] = weight;
            }
        }

        return recorded;
    }

    /// <summary>Orders weights ascending with NaN (no weight) lowest.</summary>
    public static int Heavier(double a, double b) =>
        double.IsNaN(a) ? (double.IsNaN(b) ? 0 : -1) : double.IsNaN(b) ? 1 : a.CompareTo(b);
}
