using System.Data.Common;
using System.Globalization;

namespace Clientele.Storage.Referrals;

/// <summary>What the thank list, the ask list and the results read alike: parameters, kind lists, the customers' e-mail.</summary>
internal static class ReferralSql
{
    /// <summary>
    /// The customer's e-mail where the customers file carried an <c>email</c> column (kept in <c>attributes</c>); the
    /// canonical tables have no e-mail field. <c>c</c> is the customers table.
    /// </summary>
    public static string Email(Workspace workspace) =>
        $"CASE WHEN {workspace.Dialect.JsonReadable("c.attributes")} THEN {workspace.Dialect.JsonText("c.attributes", "email")} END";

    public static DbCommand Command(Workspace workspace, string sql, params (string Name, object? Value)[] parameters) => workspace.Command(sql, parameters);

    /// <summary>An SQL list of lower-cased kinds, as parameters <c>$prefix0</c>, ...; "NULL" for an empty list (matches nothing).</summary>
    public static (string Sql, (string, object?)[] Parameters) Kinds(string prefix, IReadOnlyList<string> kinds)
    {
        if (kinds.Count == 0) return ("NULL", []);
        var parameters = kinds.Select((k, i) => ($"{prefix}{i}", (object?)k.Trim().ToLowerInvariant())).ToArray();
        return (string.Join(", ", parameters.Select(p => "$" + p.Item1)), parameters);
    }

    /// <summary>The start of the day (a timestamp parameter).</summary>
    public static DateTime Start(DateOnly day) => day.ToDateTime(TimeOnly.MinValue);

    public static string? Text(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    public static double? Number(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : Convert.ToDouble(reader.GetValue(i), CultureInfo.InvariantCulture);

    public static long Count(DbDataReader reader, int i) => reader.IsDBNull(i) ? 0 : Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture);

    public static DateTime? Time(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetDateTime(i);

    public static string Day(DateTime time) => time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"1 review", "2 suggestions": a count with its word, plural by an s.</summary>
    public static string Counted(long count, string word) =>
        count.ToString("N0", CultureInfo.InvariantCulture) + " " + (count == 1 ? word : word + "s");

    public static long RowCount(Workspace workspace, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(workspace, sql, parameters);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
