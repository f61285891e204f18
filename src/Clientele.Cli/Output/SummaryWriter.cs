using System.Globalization;
using System.Text;
using System.Text.Json;
using Clientele.Csv;
using Clientele.Customers;
using Clientele.Money;
using Spectre.Console;

namespace Clientele.Cli.Output;

/// <summary>Writes a <see cref="CustomerSummary"/> as CSV, JSON (an array of objects) or a table.</summary>
internal static class SummaryWriter
{
    /// <summary>The output columns, in order: the BTYD four first, then the rest in snake_case.</summary>
    public static IReadOnlyList<string> ColumnNames(CustomerSummary summary) =>
    [
        "customer_id", "frequency", "recency", "T", "monetary_value", "first_purchase", "last_purchase", "orders",
        "purchase_days", "revenue", "margin", "returns", "returned_amount",
        .. summary.InteractionKinds.Select(k => "interactions_" + k), "interactions_other",
        "service_cost", "mean_survey_score", "referrals_made", "referrals_bought",
    ];

    private static IEnumerable<object?> Row(CustomerSummary s, int i)
    {
        yield return s.CustomerId[i];
        yield return s.Frequency[i];
        yield return s.Recency[i];
        yield return double.IsNaN(s.T[i]) ? null : s.T[i];
        yield return s.MonetaryValue[i];
        yield return s.FirstPurchase[i];
        yield return s.LastPurchase[i];
        yield return s.Orders[i];
        yield return s.PurchaseDays[i];
        yield return s.Revenue[i];
        yield return s.Margin[i];
        yield return s.Returns[i];
        yield return s.ReturnedAmount[i];
        foreach (var counts in s.InteractionCounts) yield return counts[i];
        yield return s.OtherInteractions[i];
        yield return s.ServiceCost[i];
        yield return s.MeanSurveyScore[i];
        yield return s.ReferralsMade[i];
        yield return s.ReferralsBought[i];
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        double d => d.ToString("G15", CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        string s => CsvCell.Text(s),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>The value at 15 significant digits, so sums like 11.769999999999996 print as 11.77.</summary>
    private static double Clean(double value) => double.Parse(value.ToString("G15", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static void WriteCsv(CustomerSummary summary, TextWriter writer)
    {
        writer.Write(string.Join(',', ColumnNames(summary)));
        writer.Write('\n');
        var line = new StringBuilder();
        for (var i = 0; i < summary.Count; i++)
        {
            line.Clear();
            foreach (var value in Row(summary, i)) line.Append(Text(value)).Append(',');
            line.Length--;
            line.Append('\n');
            writer.Write(line);
        }
    }

    /// <summary>Writes the JSON array to a text writer, a few thousand customers at a time.</summary>
    public static void WriteJson(CustomerSummary summary, TextWriter writer)
    {
        using var buffer = new MemoryStream();
        WriteJson(summary, buffer, () =>
        {
            writer.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            buffer.SetLength(0);
        });
        writer.WriteLine();
    }

    public static void WriteJson(CustomerSummary summary, Stream stream, Action? flushed = null)
    {
        var names = ColumnNames(summary).Select(n => JsonEncodedText.Encode(n)).ToArray();
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
        json.WriteStartArray();
        for (var i = 0; i < summary.Count; i++)
        {
            json.WriteStartObject();
            var c = 0;
            foreach (var value in Row(summary, i))
            {
                var name = names[c++];
                switch (value)
                {
                    case null: json.WriteNull(name); break;
                    case string s: json.WriteString(name, s); break;
                    case double d: json.WriteNumber(name, Clean(d)); break;
                    case int n: json.WriteNumber(name, n); break;
                    case DateOnly day: json.WriteString(name, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
                    default: json.WriteString(name, value.ToString()); break;
                }
            }
            json.WriteEndObject();
            if ((i & 0xFFF) == 0)
            {
                json.Flush();
                flushed?.Invoke();
            }
        }
        json.WriteEndArray();
        json.Flush();
        flushed?.Invoke();
    }

    /// <summary>A table of the first <paramref name="limit"/> customers with the main columns.</summary>
    /// <remarks>Amounts use the separators of <paramref name="money"/>; their headers name its currency.</remarks>
    public static Table ToTable(CustomerSummary summary, int limit, MoneyFormat money)
    {
        var table = new Table();
        string[] columns = ["customer_id", "frequency", "recency", "T", "monetary_value", "first_purchase", "last_purchase", "orders", "revenue", "margin", "service_cost", "referrals_made"];
        foreach (var column in columns) table.AddColumn(column == "customer_id" ? new TableColumn(column) : new TableColumn(RowsWriter.Header(column, money)).RightAligned());
        for (var i = 0; i < Math.Min(limit, summary.Count); i++)
        {
            table.AddRow(
                Markup.Escape(summary.CustomerId[i]),
                summary.Frequency[i].ToString("0", CultureInfo.InvariantCulture),
                summary.Recency[i].ToString("0.00", CultureInfo.InvariantCulture),
                double.IsNaN(summary.T[i]) ? "" : summary.T[i].ToString("0.00", CultureInfo.InvariantCulture),
                money.Number(summary.MonetaryValue[i], 2),
                Text(summary.FirstPurchase[i]),
                Text(summary.LastPurchase[i]),
                summary.Orders[i].ToString(CultureInfo.InvariantCulture),
                money.Number(summary.Revenue[i], 2),
                summary.Margin[i] is { } margin ? money.Number(margin, 2) : "",
                money.Number(summary.ServiceCost[i], 2),
                summary.ReferralsMade[i].ToString(CultureInfo.InvariantCulture));
        }
        return table;
    }
}
