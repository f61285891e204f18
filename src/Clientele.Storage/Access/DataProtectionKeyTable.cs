namespace Clientele.Storage.Access;

/// <summary>
/// The data-protection keys of a workspace's servers (<see cref="AccessSchema.DataProtectionKeysTable"/>): each key is the
/// XML element ASP.NET gives to store, kept as text under the name it gives. A key is never changed once stored; ASP.NET
/// writes a new one before the newest expires and keeps reading the old ones, so cookies signed with them stay readable.
/// </summary>
public static class DataProtectionKeyTable
{
    /// <summary>Every stored key's XML, in the order stored.</summary>
    public static IReadOnlyList<string> All(Workspace workspace)
    {
        using var command = workspace.Command("SELECT xml FROM data_protection_keys ORDER BY stored_at, name");
        using var reader = command.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read()) keys.Add(reader.GetString(0));
        return keys;
    }

    /// <summary>Stores a key; a second key of the same name (two servers creating one at the same moment cannot pick the same) replaces nothing and is refused.</summary>
    public static void Add(Workspace workspace, string name, string xml, DateTime storedAt)
    {
        using var command = workspace.Command("INSERT INTO data_protection_keys (name, xml, stored_at) VALUES ($name, $xml, $at)",
            ("name", name), ("xml", xml), ("at", storedAt));
        command.ExecuteNonQuery();
    }
}
