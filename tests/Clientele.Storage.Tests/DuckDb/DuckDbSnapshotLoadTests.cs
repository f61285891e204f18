using System.Globalization;
using Clientele.Storage.DuckDb;
using Clientele.Storage.Snapshots;

namespace Clientele.Storage.Tests.DuckDb;

/// <summary>
/// The snapshot's CSV load formats its rows in chunks on several threads, and a few items' rows go in as statement parameters
/// instead: either way the rows must arrive whole, in item order, each value as written, and an infinite figure must still
/// name its row.
/// </summary>
public sealed class DuckDbSnapshotLoadTests : IDisposable
{
    private readonly TempWorkspace _folder = new();

    private static readonly (string Name, string Type)[] Columns =
        [("item", "INTEGER"), ("copy", "INTEGER"), ("label", "VARCHAR"), ("figure", "DOUBLE"), ("flag", "BOOLEAN")];

    private static readonly string?[] Labels = ["plain", "", null, "say \"hi\", twice", "Zeta 😀 ｚ", "line,with,commas", "ünïcödé"];

    private static readonly double[] Figures = [0.1, 1.0 / 3, -0.0, 1e-300, 123456789.123456789, double.NaN, double.MaxValue, 4708.0, -26216.5];

    private Workspace Workspace => _folder.Workspace!;

    public void Dispose() => _folder.Dispose();

    /// <summary>Item k writes k % 3 rows (none, one or two), so that chunks hold different numbers of rows.</summary>
    private static void Write(SnapshotRow row, long item)
    {
        var k = (int)item;
        for (var copy = 0; copy < k % 3; copy++)
        {
            row.Integer(k).Integer(copy).Text(Labels[k % Labels.Length]).Number(Figures[k % Figures.Length]).Boolean(k % 5 == 0 ? (bool?)null : k % 2 == 0).End();
        }
    }

    /// <summary>Many chunks through the file; the most items that go in as parameters (several statements' rows); one item's row.</summary>
    public static TheoryData<long> ItemCounts => [DuckDbSnapshotLoad.ChunkItems * 3L + 1_234, DuckDbSnapshotLoad.FewItems, DuckDbSnapshotLoad.FewItems + 1, 2];

    [Theory]
    [MemberData(nameof(ItemCounts))]
    public void Rows_arrive_in_item_order_with_every_value_as_written(long items)
    {
        // The table's columns in another order than the load's, and one the load leaves out: the rows are inserted by name.
        Workspace.Execute("CREATE TABLE loaded (flag BOOLEAN, untouched VARCHAR, item INTEGER, copy INTEGER, label VARCHAR, figure DOUBLE)");

        Workspace.Dialect.SnapshotLoad(Workspace).Load("loaded", Columns, items, Write);

        using var command = Workspace.Command("SELECT item, copy, label, figure, flag, untouched FROM loaded ORDER BY rowid");
        using var reader = command.ExecuteReader();
        var read = 0;
        for (var k = 0; k < items; k++)
        {
            for (var copy = 0; copy < k % 3; copy++)
            {
                Assert.True(reader.Read(), $"row {read + 1} (item {k}, copy {copy}) is missing");
                Assert.Equal((k, copy), (reader.GetInt32(0), reader.GetInt32(1)));
                Assert.Equal(Labels[k % Labels.Length], reader.IsDBNull(2) ? null : reader.GetString(2));
                var figure = Figures[k % Figures.Length];
                if (double.IsNaN(figure)) Assert.True(reader.IsDBNull(3));
                else Assert.Equal(figure.ToString("R", CultureInfo.InvariantCulture), reader.GetDouble(3).ToString("R", CultureInfo.InvariantCulture));
                Assert.Equal(k % 5 == 0 ? null : k % 2 == 0, reader.IsDBNull(4) ? (bool?)null : reader.GetBoolean(4));
                Assert.True(reader.IsDBNull(5));
                read++;
            }
        }
        Assert.False(reader.Read());
        Assert.Equal(Enumerable.Range(0, (int)items).Sum(k => k % 3), read);
    }

    [Theory]
    [InlineData(DuckDbSnapshotLoad.ChunkItems * 2L + 77, DuckDbSnapshotLoad.ChunkItems * 4L)]
    [InlineData(DuckDbSnapshotLoad.FewItems - 3L, DuckDbSnapshotLoad.FewItems)]
    public void An_infinite_figure_names_its_row_and_loads_nothing(long bad, long items)
    {
        Workspace.Execute("CREATE TABLE loaded (item INTEGER, figure DOUBLE)");

        var error = Assert.Throws<WorkspaceException>(() => Workspace.Dialect.SnapshotLoad(Workspace).Load("loaded", [("item", "INTEGER"), ("figure", "DOUBLE")],
            items, (row, item) => row.Integer((int)item).Number(item == bad ? double.PositiveInfinity : item).End()));

        Assert.Contains($"infinite figure (row {bad + 1:N0} of loaded)", error.Message, StringComparison.Ordinal);
        using var count = Workspace.Command("SELECT count(*) FROM loaded");
        Assert.Equal(0L, Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture));
        Assert.DoesNotContain(Directory.GetFiles(_folder.Folder), f => f.EndsWith(".csv", StringComparison.Ordinal));
    }
}
