using System.Globalization;
using System.Text;
using System.Text.Json;
using Clientele.Csv;
using Clientele.Money;
using Clientele.Storage.Snapshots;

namespace Clientele.Cli.Output;

/// <summary>Writes named columns of rows (values double, int, long, bool, string, DateOnly or null) as CSV, JSON or table cells.</summary>
internal static class RowsWriter
{
    /// <summary>The JSON settings of the structured reports: camelCase names, compact.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Figures shown with two decimals as they are, not as amounts: probabilities and shares.</summary>
    private static readonly HashSet<string> Fractions = ["p_alive", "p_alive_previous", "share_of_wallet", "close_probability", "share", "weight"];

    /// <summary>A header line and one line per row; text written as <see cref="CsvCell.Text"/> says (quoted, formulas neutralised).</summary>
    public static void WriteCsv(TextWriter writer, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<object?>> rows)
    {
        writer.Write(string.Join(',', columns));
        writer.Write('\n');
        var line = new StringBuilder();
        foreach (var row in rows)
        {
            line.Clear();
            for (var i = 0; i < row.Count; i++)
            {
                if (i > 0) line.Append(',');
                line.Append(CsvCell.Value(row[i]));
            }
            writer.Write(line.Append('\n'));
        }
    }

    /// <summary>An array with one object per row, keyed by the column names.</summary>
    public static void WriteJson(TextWriter writer, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var row in rows)
            {
                json.WriteStartObject();
                for (var i = 0; i < row.Count; i++)
                {
                    json.WritePropertyName(columns[i]);
                    WriteValue(json, row[i]);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        writer.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    /// <summary>A report object as one line of JSON.</summary>
    public static void WriteJson(TextWriter writer, object report) => writer.WriteLine(JsonSerializer.Serialize(report, Json));

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string s: json.WriteStringValue(s); break;
            case double d: json.WriteNumberValue(double.Parse(d.ToString("G15", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)); break;
            case int n: json.WriteNumberValue(n); break;
            case long n: json.WriteNumberValue(n); break;
            case bool b: json.WriteBooleanValue(b); break;
            case DateOnly day: json.WriteStringValue(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            default: json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    /// <summary>
    /// A value for a table cell (markup escaped): probabilities and shares with two decimals, amounts with thousands separators
    /// (money columns, <see cref="SnapshotSchema.MoneyColumns"/>, with the separators of <paramref name="money"/>; its currency goes in the header).
    /// </summary>
    public static string Cell(string column, object? value, MoneyFormat? money = null) => value switch
    {
        null => "",
        double d when Fractions.Contains(column) => d.ToString("0.00", CultureInfo.InvariantCulture),
        double d when money is not null && SnapshotSchema.MoneyColumns.Contains(column) => money.Number(d, 2),
        double d => d.ToString("N2", CultureInfo.InvariantCulture),
        int or long => ((IFormattable)value).ToString("N0", CultureInfo.InvariantCulture),
        bool b => b ? "yes" : "no",
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Markup.Escape(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    /// <summary>A signed change, "+3" or "-1"; empty when there is nothing to compare with.</summary>
    public static string Change(long? change) => change switch
    {
        null => "",
        > 0 => "+" + change.Value.ToString("N0", CultureInfo.InvariantCulture),
        _ => change.Value.ToString("N0", CultureInfo.InvariantCulture),
    };

    /// <summary>A column's header: a money column names the currency, e.g. <c>value (EUR)</c>.</summary>
    public static string Header(string column, MoneyFormat money) => SnapshotSchema.MoneyColumns.Contains(column) ? money.Label(column) : column;

    /// <summary>Whether a table column holds numbers and is right-aligned.</summary>
    public static TableColumn Column(string name, bool numeric) => numeric ? new TableColumn(name).RightAligned() : new TableColumn(name);
}
