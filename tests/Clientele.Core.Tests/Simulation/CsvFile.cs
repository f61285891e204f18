using System.Text;

namespace Clientele.Core.Tests.Simulation;

/// <summary>A CSV file read by an independent RFC 4180 reader, for asserting on what the simulator wrote.</summary>
internal sealed class CsvFile
{
    private readonly Dictionary<string, int> _columns;

    private CsvFile(string[] header, List<string[]> rows)
    {
        Header = header;
        Rows = rows;
        _columns = header.Select((name, index) => (name, index)).ToDictionary(c => c.name, c => c.index, StringComparer.Ordinal);
    }

    public string[] Header { get; }

    public List<string[]> Rows { get; }

    public bool Has(string column) => _columns.ContainsKey(column);

    /// <summary>The values of one column, row by row.</summary>
    public IEnumerable<string> Column(string column)
    {
        var index = _columns[column];
        return Rows.Select(row => row[index]);
    }

    public string Value(string[] row, string column) => row[_columns[column]];

    public static CsvFile Read(string path)
    {
        var records = Parse(File.ReadAllText(path, new UTF8Encoding(false, true)));
        return new CsvFile(records[0], records.Skip(1).ToList());
    }

    private static List<string[]> Parse(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var k = 0; k < text.Length; k++)
        {
            var c = text[k];
            if (quoted)
            {
                if (c == '"' && k + 1 < text.Length && text[k + 1] == '"')
                {
                    field.Append('"');
                    k++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add([.. fields]);
        }

        return records;
    }
}
