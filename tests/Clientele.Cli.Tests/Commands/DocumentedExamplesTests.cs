using System.Text.RegularExpressions;
using Clientele.Storage.Tests;

namespace Clientele.Cli.Tests.Commands;

/// <summary>
/// The worked examples of docs/importing.md run as written against ../shared/data, each data set in a
/// fresh workspace, and print what the page says they print. Skipped, saying so, when the data is absent.
/// </summary>
public sealed partial class DocumentedExamplesTests : IDisposable
{
    private readonly CliRun _cli = new();

    public static TheoryData<string> Sections() => [.. Examples().Select(e => e.Section).Distinct()];

    [Theory]
    [MemberData(nameof(Sections))]
    public void A_worked_example_of_the_importing_guide_runs_as_written(string section)
    {
        if (SharedData.Folder is null) SharedData.Require("cdnow/CDNOW_sample.txt");
        foreach (var example in Examples().Where(e => e.Section == section))
        {
            var args = Arguments(example.Command);
            var (code, output, error) = _cli.Run(args);
            Assert.True(code == 0, $"{example.Command}\n{error}");
            foreach (var block in example.Outputs)
            {
                var lines = block.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                if (lines[0].StartsWith("line,column", StringComparison.Ordinal))
                {
                    var rejects = File.ReadAllText(args[Array.IndexOf(args, "--rejects") + 1]);
                    foreach (var line in lines) Assert.Contains(line, rejects);
                }
                else if (!args.Contains("--out"))
                {
                    foreach (var line in lines) AssertPrinted(line, output);
                }
            }
        }
    }

    /// <summary>Checks that one printed line holds the expected line's pieces in order ('...' stands for anything; timings are ignored).</summary>
    private static void AssertPrinted(string expected, string output)
    {
        var pieces = Timing().Replace(expected, " s.").Split("...", StringSplitOptions.RemoveEmptyEntries);
        var found = output.Split('\n').Select(l => Timing().Replace(l.TrimEnd(), " s.")).Any(line =>
        {
            var at = 0;
            foreach (var piece in pieces)
            {
                at = line.IndexOf(piece, at, StringComparison.Ordinal);
                if (at < 0) return false;
                at += piece.Length;
            }
            return true;
        });
        Assert.True(found, $"the guide says\n  {expected}\nbut the command printed\n{output}");
    }

    private string[] Arguments(string command)
    {
        var args = command.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray();
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = args[i].Replace("../shared/data", SharedData.Folder!, StringComparison.Ordinal);
            if (i > 0 && args[i - 1] is "--out" or "--rejects") args[i] = Path.Combine(_cli.Folder, args[i]);
        }
        return args;
    }

    private sealed record Example(string Section, string Command, List<string> Outputs);

    /// <summary>The commands of the guide's worked examples, with the output blocks that follow each.</summary>
    private static List<Example> Examples()
    {
        var guide = File.ReadAllText(Path.Combine(SharedData.Repository, "docs", "importing.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var worked = guide[guide.IndexOf("## Worked examples", StringComparison.Ordinal)..];
        var examples = new List<Example>();
        var variables = new Dictionary<string, string>();
        foreach (var section in worked.Split("\n### ").Skip(1))
        {
            var name = section[..section.IndexOf('\n', StringComparison.Ordinal)];
            var blocks = section.Split("```").Where((_, i) => i % 2 == 1).Select(b => b.Trim('\n'));
            foreach (var block in blocks)
            {
                var joined = block.Replace("\\\n", " ", StringComparison.Ordinal);
                if (joined.StartsWith("clientele ", StringComparison.Ordinal) || joined.StartsWith("M=", StringComparison.Ordinal))
                {
                    foreach (var line in joined.Split('\n'))
                    {
                        if (line.StartsWith("M=", StringComparison.Ordinal)) variables["$M"] = line[2..];
                        else examples.Add(new Example(name, variables.Aggregate(line, (l, v) => l.Replace(v.Key, v.Value, StringComparison.Ordinal)), []));
                    }
                }
                else if (examples.Count > 0 && examples[^1].Section == name)
                {
                    examples[^1].Outputs.Add(block);
                }
            }
        }
        return examples;
    }

    [GeneratedRegex(@" \d+(\.\d+)? s\.")]
    private static partial Regex Timing();

    public void Dispose() => _cli.Dispose();
}
