using System.Globalization;

namespace Clientele.Storage.Report;

/// <summary>
/// Where the value of a snapshot lies: how much of the actual customers' value (past + future net value, money in the
/// workspace's currency) the most valuable 5 % and 20 % of them hold, and the full value with what referrals and influence add.
/// Actual customers are those with a value class and a finite value; prospects and non-buyers are left out.
/// </summary>
/// <param name="Customers">The actual customers counted.</param>
/// <param name="TotalValue">The sum of their value.</param>
/// <param name="Top5Customers">How many make up the top 5 % (rounded up, at least one when there are any).</param>
/// <param name="Top5Value">The value the top 5 % hold.</param>
/// <param name="Top20Customers">How many make up the top 20 % (rounded up).</param>
/// <param name="Top20Value">The value the top 20 % hold.</param>
/// <param name="ReferralValue">The sum of their referral value (the value of the customers they referred).</param>
/// <param name="InfluenceValue">The sum of their influence value (the value of the purchases they drew).</param>
/// <param name="FullValue">The sum of their full value (value + referral value + influence value).</param>
public sealed record ValueConcentration(
    long Customers, double TotalValue, long Top5Customers, double Top5Value, long Top20Customers, double Top20Value,
    double ReferralValue, double InfluenceValue, double FullValue)
{
    /// <summary>The top 5 %'s share of the total value, 0 to 1 (can leave that range when some values are negative); null without value.</summary>
    public double? Top5Share => TotalValue == 0 ? null : Top5Value / TotalValue;

    /// <summary>The top 20 %'s share of the total value; null without value.</summary>
    public double? Top20Share => TotalValue == 0 ? null : Top20Value / TotalValue;

    /// <summary>The concentration of a snapshot, in one scan of its customers.</summary>
    public static ValueConcentration Of(Workspace workspace, DateOnly asOf)
    {
        var dialect = workspace.Dialect;
        using var command = workspace.Command($"""
            WITH ranked AS (
                SELECT value, coalesce(referral_value, 0) AS referral_value, coalesce(influence_value, 0) AS influence_value,
                       CASE WHEN {dialect.IsFinite("full_value")} THEN full_value ELSE value END AS full_value,
                       row_number() OVER (ORDER BY value DESC, {dialect.OrdinalText("customer_id")}) AS rank, count(*) OVER () AS n
                FROM snapshot_customers
                WHERE as_of = CAST($as_of AS DATE) AND value_class IS NOT NULL AND {dialect.IsFinite("value")}
            )
            SELECT count(*), coalesce(sum(value), 0),
                   coalesce(max(ceil(n * 0.05)), 0), coalesce(sum(value) FILTER (WHERE rank <= ceil(n * 0.05)), 0),
                   coalesce(max(ceil(n * 0.20)), 0), coalesce(sum(value) FILTER (WHERE rank <= ceil(n * 0.20)), 0),
                   coalesce(sum(referral_value), 0), coalesce(sum(influence_value), 0), coalesce(sum(full_value), 0)
            FROM ranked
            """, ("as_of", asOf.ToDateTime(TimeOnly.MinValue)));
        using var reader = command.ExecuteReader();
        reader.Read();
        double D(int i) => Convert.ToDouble(reader.GetValue(i), CultureInfo.InvariantCulture);
        long L(int i) => Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture);
        return new ValueConcentration(L(0), D(1), L(2), D(3), L(4), D(5), D(6), D(7), D(8));
    }
}
