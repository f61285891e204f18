using System.Globalization;
using Clientele.Classification;

namespace Clientele.Storage;

/// <summary>
/// The <c>overrides</c> table: manual classes that win over computed ones at the next analysis. One override per
/// customer and dimension; setting one again replaces it.
/// </summary>
public static class OverrideTable
{
    /// <summary>
    /// Stores an override, replacing the customer's earlier one in that dimension, and returns it as stored (the
    /// dimension and, for a closed set, the class in their canonical spelling).
    /// </summary>
    /// <exception cref="WorkspaceException">
    /// An unknown dimension, a class the dimension does not have (closed sets: <see cref="DimensionClasses.Closed"/>),
    /// an empty reason, or (a <see cref="NotFoundException"/>) a customer the customers table does not hold.
    /// </exception>
    public static Override Set(Workspace workspace, string customerId, string dimension, string @class, string reason, string? setBy, DateTime setAt)
    {
        var name = Dimension(dimension);
        var canonical = DimensionClasses.Find(name, @class)
            ?? throw new WorkspaceException(DimensionClasses.Closed.TryGetValue(name, out var classes)
                ? $"unknown class '{@class}' of {name}: choose one of {string.Join(", ", classes)}."
                : $"--class is empty: name the class of {name} to use.");
        if (string.IsNullOrWhiteSpace(reason))
            throw new WorkspaceException("--reason is empty: say why this customer gets this class (it is shown with the class).");
        if (!CustomerExists(workspace, customerId))
            throw new NotFoundException($"unknown customer '{customerId}': the customers table has no such id (ids are matched exactly).");
        var stored = new Override(customerId, name, canonical, reason.Trim(), setBy, setAt);
        using var transaction = workspace.Db.BeginTransaction();
        Delete(workspace, customerId, name);
        using (var command = workspace.Command(
                   "INSERT INTO overrides (customer_id, dimension, class, reason, set_by, set_at) VALUES ($id, $dimension, $class, $reason, $by, $at)",
                   ("id", stored.CustomerId), ("dimension", stored.Dimension), ("class", stored.Class), ("reason", stored.Reason), ("by", stored.SetBy),
                   ("at", setAt)))
        {
            command.ExecuteNonQuery();
        }
        transaction.Commit();
        return stored;
    }

    /// <summary>Removes the customer's override in a dimension; false when there was none.</summary>
    /// <exception cref="WorkspaceException">An unknown dimension.</exception>
    public static bool Remove(Workspace workspace, string customerId, string dimension) => Delete(workspace, customerId, Dimension(dimension)) > 0;

    /// <summary>The customer's override in a dimension, or null.</summary>
    /// <exception cref="WorkspaceException">An unknown dimension.</exception>
    public static Override? Find(Workspace workspace, string customerId, string dimension) =>
        Read(workspace, "WHERE customer_id = $id AND dimension = $dimension", customerId, Dimension(dimension)).FirstOrDefault();

    /// <summary>Every override, by customer and then dimension.</summary>
    public static IReadOnlyList<Override> All(Workspace workspace) => Read(workspace, "", null, null);

    private static List<Override> Read(Workspace workspace, string where, string? customerId, string? dimension)
    {
        using var command = workspace.Command($"SELECT customer_id, dimension, class, reason, set_by, set_at FROM overrides {where} ORDER BY customer_id, dimension");
        if (customerId is not null) command.Parameters.Add(workspace.Dialect.Parameter("id", customerId));
        if (dimension is not null) command.Parameters.Add(workspace.Dialect.Parameter("dimension", dimension));
        using var reader = command.ExecuteReader();
        var overrides = new List<Override>();
        while (reader.Read())
        {
            overrides.Add(new Override(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetDateTime(5)));
        }
        return overrides;
    }

    private static int Delete(Workspace workspace, string customerId, string dimension)
    {
        using var command = workspace.Command("DELETE FROM overrides WHERE customer_id = $id AND dimension = $dimension", ("id", customerId), ("dimension", dimension));
        return command.ExecuteNonQuery();
    }

    private static bool CustomerExists(Workspace workspace, string customerId)
    {
        using var command = workspace.Command("SELECT count(*) FROM customers WHERE customer_id = $id", ("id", customerId));
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    private static string Dimension(string name) =>
        Dimensions.Find(name) ?? throw new WorkspaceException($"unknown dimension '{name}': choose one of {string.Join(", ", Dimensions.All)}.");
}
