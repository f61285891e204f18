using Clientele.Classification;

namespace Clientele.Storage.Summary;

/// <summary>The contacts of <see cref="CustomerColumnsQuery"/>: the people at the summary's customers and their buying roles.</summary>
internal static class CustomerContactColumns
{
    /// <summary>
    /// Contacts in customer order, then by contact_id; their roles grouped by contact. A role recorded for several
    /// deals (buying_roles.deal_id) is one role of the contact, at its highest weight.
    /// </summary>
    public static ContactColumns Read(CustomerColumnsDb db, string[] titles)
    {
        var (ids, customers, names, titleList) = (new List<string>(), new List<int>(), new List<string?>(), new List<string?>());
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        db.Query(CustomerColumnsSql.ReadContacts, r =>
        {
            var id = r.GetString(1);
            index.Add(id, ids.Count);
            customers.Add(r.GetInt32(0));
            ids.Add(id);
            names.Add(r.IsDBNull(2) ? null : r.GetString(2));
            titleList.Add(CustomerColumnsQuery.Level(r, 3, titles));
        });
        var (roleContact, roles, weights) = (new List<int>(), new List<string>(), new List<double>());
        var words = new Words();
        db.Query(CustomerColumnsSql.ReadRoles, r =>
        {
            if (!index.TryGetValue(r.GetString(0), out var k)) return;
            roleContact.Add(k);
            roles.Add(words.Get(r.GetString(1)));
            weights.Add(r.GetDouble(2));
        });
        return Grouped(ids, customers, names, titleList, roleContact, roles, weights);
    }

    /// <summary>The roles ordered by contact (a stable counting sort), each (contact, role) once at its highest weight.</summary>
    private static ContactColumns Grouped(List<string> ids, List<int> customers, List<string?> names, List<string?> titles,
        List<int> roleContact, List<string> roles, List<double> weights)
    {
        var start = new int[ids.Count + 1];
        foreach (var k in roleContact) start[k + 1]++;
        for (var k = 0; k < ids.Count; k++) start[k + 1] += start[k];
        var next = (int[])start.Clone();
        var order = new int[roleContact.Count];
        for (var j = 0; j < roleContact.Count; j++) order[next[roleContact[j]]++] = j;
        var (contact, role, weight) = (new List<int>(order.Length), new List<string>(order.Length), new List<double>(order.Length));
        for (var k = 0; k < ids.Count; k++)
        {
            var first = role.Count;
            for (var o = start[k]; o < start[k + 1]; o++)
            {
                var j = order[o];
                var same = first;
                while (same < role.Count && !ReferenceEquals(role[same], roles[j])) same++;
                if (same < role.Count)
                {
                    weight[same] = Math.Max(weight[same], weights[j]);
                    continue;
                }
                contact.Add(k);
                role.Add(roles[j]);
                weight.Add(weights[j]);
            }
        }
        return new ContactColumns([.. ids], [.. customers], [.. names], [.. titles], [.. contact], [.. role], [.. weight]);
    }
}
