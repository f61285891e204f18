using System.Globalization;

namespace Clientele.Storage.Tests.Contract;

/// <summary>The contract's bulk load (<see cref="SqlDialect.BulkWriter"/>): DuckDB's appender, PostgreSQL's binary COPY.</summary>
public abstract partial class StorageContractTests
{
    private static readonly string[] OrderColumns = ["order_id", "customer_id", "ordered_at", "amount", "quantity", "status", "import_id", "row_hash"];

    [Fact]
    public void Bulk_loaded_rows_read_back_value_for_value_by_column_name_with_nulls()
    {
        using var workspace = NewWorkspace();
        const int Rows = 5000;
        long stored;
        using (var transaction = workspace.Db.BeginTransaction())
        {
            using (var writer = workspace.Dialect.BulkWriter(workspace.Db, "orders", OrderColumns))
            {
                for (var i = 0; i < Rows; i++)
                {
                    writer.Row().Text(i % 7 == 0 ? null : $"O{i}").Text($"C{i % 100}").Timestamp(Monday.AddMinutes(i)).Number(i * 0.25)
                        .Number(i % 3 == 0 ? null : i).Text(i % 2 == 0 ? "completed" : "returned").Integer(i % 5).Integer(long.MaxValue - i);
                }
                stored = writer.Complete();
            }
            transaction.Commit();
        }
        Assert.Equal(Rows, stored);
        Assert.Equal(Rows, workspace.CountRows().Single(p => p.Key == "orders").Value);
        using var command = workspace.Command(
            "SELECT count(order_id), count(quantity), CAST(sum(amount) AS DOUBLE PRECISION), count(DISTINCT customer_id), min(ordered_at), max(ordered_at), " +
            "CAST(sum(import_id) AS BIGINT), count(*) FILTER (WHERE status = 'returned'), count(margin), CAST(max(row_hash) AS VARCHAR) FROM orders");
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(Rows - (Rows + 6) / 7, reader.GetInt64(0));
        Assert.Equal(Rows - (Rows + 2) / 3, reader.GetInt64(1));
        Assert.Equal(Enumerable.Range(0, Rows).Sum(i => i * 0.25), reader.GetDouble(2));
        Assert.Equal(100, reader.GetInt64(3));
        Assert.Equal((Monday, Monday.AddMinutes(Rows - 1)), (reader.GetDateTime(4), reader.GetDateTime(5)));
        Assert.Equal(Enumerable.Range(0, Rows).Sum(i => i % 5), reader.GetInt64(6));
        Assert.Equal(Rows / 2, reader.GetInt64(7));
        Assert.Equal(0, reader.GetInt64(8));
        Assert.Equal(long.MaxValue.ToString(CultureInfo.InvariantCulture), reader.GetString(9));
        reader.Close();
        Assert.Equal(0L, workspace.Scalar<long>("SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'bulk%'"));
    }

    [Fact]
    public void A_bulk_load_not_completed_stores_nothing()
    {
        using var workspace = NewWorkspace();
        using (var writer = workspace.Dialect.BulkWriter(workspace.Db, "orders", OrderColumns))
        {
            writer.Row().Text("O1").Text("C1").Timestamp(Monday).Number(1).Number(null).Text("completed").Integer(1).Integer(1);
        }
        Assert.Equal(0, workspace.CountRows().Single(p => p.Key == "orders").Value);
        Assert.Equal(0L, workspace.Scalar<long>("SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'bulk%'"));
    }
}
