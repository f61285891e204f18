using Clientele.Classification;

namespace Clientele.Storage.Summary;

/// <summary>The contacts of <see cref="CustomerColumnsQuery"/>: the people at the summary's customers and their buying roles.</summary>
internal static class CustomerContactColumns
{
    /// <summary>
    /// Contacts in customer order, then by contact_id; their roles grouped by contact. A role recorded for several
    /// deals (buying_roles.deal_id) is one role of the contact, at its highest weight. The ordering is done here, by
    /// customer index (a counting sort) and then within each organization's handful of contacts, which costs less
    /// than sorting the strings in the database.
    /// </summary>
    public static ContactColumns Read(CustomerColumnsDb db, CustomerColumnsSql sql, int customerCount, string[] titles)
    {
        var (read, ids, names, titleList) = (new List<int>(), new List<string>(), new List<string?>(), new List<string?>());
        db.Query(sql.ReadContacts, r =>
        {
            read.Add(r.GetInt32(0));
            ids.Add(r.GetString(1));
            names.Add(r.IsDBNull(2) ? null : r.GetString(2));
            titleList.Add(CustomerColumnsQuery.Level(r, 3, titles));
        });
        var order = CountingOrder(read, customerCount);
        for (var (start, end) = (0, 0); start < order.Length; start = end)
        {
            while (end < order.Length && read[order[end]] == read[order[start]]) end++;
            // Insertion sort by id: an organization has a handful of contacts.
            for (var a = start + 1; a < end; a++)
            {
                var moving = order[a];
                var b = a - 1;
                for (; b >= start && string.CompareOrdinal(ids[order[b]], ids[moving]) > 0; b--) order[b + 1] = order[b];
                order[b + 1] = moving;
            }
        }
        var contactId = new string[order.Length];
        var customer = new int[order.Length];
        var name = new string?[order.Length];
        var title = new string?[order.Length];
        var index = new Dictionary<string, int>(order.Length, StringComparer.Ordinal);
        for (var k = 0; k < order.Length; k++)
        {
            var j = order[k];
            (contactId[k], customer[k], name[k], title[k]) = (ids[j], read[j], names[j], titleList[j]);
            index.Add(ids[j], k);
        }
        var (roleContact, roles, weights) = (new List<int>(), new List<string>(), new List<double>());
        var words = new Words();
        db.Query(sql.ReadRoles, r =>
        {
            if (!index.TryGetValue(r.GetString(0), out var k)) return;
            roleContact.Add(k);
            roles.Add(words.Get(r.GetString(1)));
            weights.Add(r.GetDouble(2));
        });
        var (groupedContact, groupedRole, groupedWeight) = Grouped(order.Length, roleContact, roles, weights);
        return new ContactColumns(contactId, customer, name, title, groupedContact, groupedRole, groupedWeight);
    }

    /// <summary>The positions of <paramref name="keys"/> (0 ≤ key &lt; <paramref name="keyCount"/>) in ascending key order, stable.</summary>
    private static int[] CountingOrder(List<int> keys, int keyCount)
    {
        var next = new int[keyCount + 1];
        foreach (var key in keys) next[key + 1]++;
        for (var k = 0; k < keyCount; k++) next[k + 1] += next[k];
        var order = new int[keys.Count];
        for (var j = 0; j < keys.Count; j++) order[next[keys[j]]++] = j;
        return order;
    }

    /// <summary>The roles ordered by contact, each (contact, role) once at its highest weight.</summary>
    private static (int[] Contact, string[] Role, double[] Weight) Grouped(int contacts, List<int> roleContact, List<string> roles, List<double> weights)
    {
        var order = CountingOrder(roleContact, contacts);
        var (contact, role, weight) = (new List<int>(order.Length), new List<string>(order.Length), new List<double>(order.Length));
        var first = 0;
        foreach (var j in order)
        {
            if (contact.Count == 0 || contact[^1] != roleContact[j]) first = role.Count;
            var same = first;
            while (same < role.Count && !ReferenceEquals(role[same], roles[j])) same++;
            if (same < role.Count)
            {
                weight[same] = Math.Max(weight[same], weights[j]);
                continue;
            }
            contact.Add(roleContact[j]);
            role.Add(roles[j]);
            weight.Add(weights[j]);
        }
        return ([.. contact], [.. role], [.. weight]);
    }
}
