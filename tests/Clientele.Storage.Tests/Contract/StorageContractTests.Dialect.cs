namespace Clientele.Storage.Tests.Contract;

/// <summary>The contract's dialect: the SQL each engine spells its own way gives the same answer on both (<see cref="SqlDialect"/>).</summary>
public abstract partial class StorageContractTests
{
    [Fact]
    public void A_named_parameter_may_appear_twice_and_a_dollar_inside_quotes_is_text()
    {
        using var workspace = NewWorkspace();
        using var command = workspace.Command("SELECT $a || '$b' || \"x$c\" || $a FROM (SELECT 'y' AS \"x$c\") AS t -- $d is no parameter\n", ("a", "p"));
        Assert.Equal("p$byp", command.ExecuteScalar());
    }

    [Fact]
    public void ArgMin_and_ArgMax_take_the_value_at_the_least_and_greatest_key_and_pass_over_null_keys()
    {
        using var workspace = NewWorkspace();
        var d = workspace.Dialect;
        using var command = workspace.Command(
            $"SELECT g, {d.ArgMin("v", "k")}, {d.ArgMax("v", "k")} FROM (VALUES (1, 'a', 2), (1, 'b', 1), (1, 'c', NULL), (1, 'd', 3), (2, 'e', NULL)) AS t(g, v, k) " +
            "GROUP BY g ORDER BY g");
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(("b", "d"), (reader.GetString(1), reader.GetString(2)));
        Assert.True(reader.Read());
        Assert.Equal((true, true), (reader.IsDBNull(1), reader.IsDBNull(2)));
    }

    [Fact]
    public void ArgMinBy_and_ArgMaxBy_order_by_several_keys_put_a_null_key_last_and_pass_over_null_values_and_filtered_rows()
    {
        using var workspace = NewWorkspace();
        var d = workspace.Dialect;
        // Group 1: a tie on the first key is broken by the second, where a null sorts after every value. Group 2: the least row's
        // value is null, and the greatest row is filtered out.
        using var command = workspace.Command(
            $"SELECT g, {d.ArgMinBy("v", ["k", "id"])}, {d.ArgMaxBy("v", ["k", "id"])}, {d.ArgMaxBy("v", ["k", "id"], "v <> 'z'")} " +
            "FROM (VALUES (1, 'a', 1, 'x2'), (1, 'b', 1, 'x1'), (1, 'c', 2, 'x1'), (1, 'd', 2, NULL), (1, 'e', 2, 'x3'), " +
            "(2, NULL, 0, 'x'), (2, 'f', 1, 'x'), (2, 'g', 2, 'x'), (2, 'z', 3, 'x')) AS t(g, v, k, id) GROUP BY g ORDER BY g");
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(("b", "d", "d"), (reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        Assert.True(reader.Read());
        Assert.Equal(("f", "z", "g"), (reader.GetString(1), reader.GetString(2), reader.GetString(3)));
    }

    [Fact]
    public void JsonMembers_give_an_object_s_keys_and_its_numbers_alone()
    {
        using var workspace = NewWorkspace();
        var d = workspace.Dialect;
        using var command = workspace.Command(
            $"SELECT {d.JsonMemberKey("e")}, {d.JsonMemberNumber("e")} FROM (VALUES ('{{\"a\": 2, \"b\": \"3\", \"c\": 1.5e3, \"d\": null, \"e\": [1]}}'), (NULL)) AS t(j), " +
            $"{d.JsonMembers("t.j")} e ORDER BY 1");
        using var reader = command.ExecuteReader();
        var members = new List<(string, double?)>();
        while (reader.Read()) members.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetDouble(1)));
        Assert.Equal([("a", 2.0), ("b", null), ("c", 1500.0), ("d", null), ("e", null)], members);
    }

    [Fact]
    public void DayDiff_counts_calendar_days_between_dates_and_timestamps()
    {
        using var workspace = NewWorkspace();
        var d = workspace.Dialect;
        Assert.Equal(3L, workspace.Scalar<long>($"SELECT {d.DayDiff("DATE '2024-02-27'", "TIMESTAMP '2024-03-01 23:00:00'")}"));
        Assert.Equal(-1L, workspace.Scalar<long>($"SELECT {d.DayDiff("TIMESTAMP '2024-03-01 00:30:00'", "TIMESTAMP '2024-02-29 23:30:00'")}"));
    }

    [Fact]
    public void ReplaceTempTable_replaces_a_temporary_table_of_that_name()
    {
        using var workspace = NewWorkspace();
        foreach (var statement in workspace.Dialect.ReplaceTempTable("picked", "SELECT 1 AS x")) workspace.Execute(statement);
        foreach (var statement in workspace.Dialect.ReplaceTempTable("picked", "SELECT 2 AS x UNION ALL SELECT 3")) workspace.Execute(statement);
        Assert.Equal(5L, workspace.Scalar<long>("SELECT CAST(sum(x) AS BIGINT) FROM picked"));
        Assert.Equal(0L, workspace.Scalar<long>("SELECT count(*) FROM customers"));
    }
}
