using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Clientele.Classification;

namespace Clientele.Cli.Output;

/// <summary>
/// The options file explained for an analyst: every option with its default, its allowed range and what it means, taken
/// from the options' own documentation (the XML docs of Clientele.Core) and their range attributes, so the guide cannot
/// drift from the code. <c>clientele options --explain</c> prints it; docs/options.md is it, checked by a test.
/// </summary>
internal static partial class OptionsGuide
{
    [GeneratedRegex(@"\s+")]
    private static partial Regex Blanks();

    /// <summary>The guide as Markdown.</summary>
    public static string Markdown()
    {
        var docs = Docs();
        var defaults = new ClassificationOptions();
        var sb = new StringBuilder();
        sb.AppendLine("# The options file");
        sb.AppendLine();
        sb.AppendLine("Every threshold of every dimension and the playbook, with its default, its allowed range and what it means.");
        sb.AppendLine("`clientele options --defaults > options.json` writes the defaults; edit the file, then `clientele options --set options.json`");
        sb.AppendLine("checks every value against its range (an error names the file, the key and the allowed range) and stores it for every later");
        sb.AppendLine("`clientele analyze`. A key left out of the file keeps its default. This page is `clientele options --explain`, generated from");
        sb.AppendLine("the code's own documentation (a test keeps it equal).");
        foreach (var (groupKey, groupProperty) in OptionsCheck.Groups())
        {
            var group = groupProperty.GetValue(defaults)!;
            sb.AppendLine();
            sb.AppendLine($"## `{groupKey}`");
            sb.AppendLine();
            sb.AppendLine(Text(docs, groupProperty));
            var type = group.GetType();
            var typeSummary = Text(docs, $"T:{type.FullName}");
            if (typeSummary.Length > 0)
            {
                sb.AppendLine();
                sb.AppendLine(typeSummary);
            }
            var options = OptionsCheck.Options(type).ToList();
            if (options.Count == 0) continue;
            sb.AppendLine();
            sb.AppendLine("| option | default | allowed | what it means |");
            sb.AppendLine("|---|---|---|---|");
            foreach (var (key, option) in options)
            {
                var value = JsonSerializer.Serialize(option.GetValue(group), option.PropertyType, ClassificationOptions.Json).Replace('\n', ' ');
                value = Blanks().Replace(value, " ");
                value = value.Length > 80 ? "see `clientele options --defaults`" : $"`{value}`";
                sb.AppendLine($"| `{groupKey}.{key}` | {value} | {OptionsCheck.RangeText(option) ?? Allowed(option)} | {Text(docs, option).Replace("|", "\\|", StringComparison.Ordinal)} |");
            }
        }
        return sb.ToString();
    }

    private static string Allowed(PropertyInfo option) => option.PropertyType switch
    {
        var t when t == typeof(bool) => "true or false",
        var t when t == typeof(string) => "a word (see the meaning)",
        var t when t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Dictionary<,>) => "an object of words (see the meaning)",
        _ => "a list (see the meaning)",
    };

    private static Dictionary<string, XElement> Docs()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Clientele.Core.xml");
        if (!File.Exists(path)) return [];
        return XDocument.Load(path).Descendants("member")
            .Where(m => m.Attribute("name") is not null)
            .ToDictionary(m => m.Attribute("name")!.Value, m => m);
    }

    private static string Text(Dictionary<string, XElement> docs, PropertyInfo property) =>
        Text(docs, $"P:{property.DeclaringType!.FullName}.{property.Name}");

    private static string Text(Dictionary<string, XElement> docs, string member)
    {
        if (!docs.TryGetValue(member, out var element) || element.Element("summary") is not { } summary) return "";
        var sb = new StringBuilder();
        foreach (var node in summary.DescendantNodes())
        {
            switch (node)
            {
                case XText text when text.Parent?.Name.LocalName is not ("c" or "see" or "paramref"):
                    sb.Append(text.Value);
                    break;
                case XElement { Name.LocalName: "c" } c:
                    sb.Append('`').Append(c.Value).Append('`');
                    break;
                case XElement { Name.LocalName: "see" } see when see.Attribute("cref") is { } cref:
                    var name = cref.Value[(cref.Value.LastIndexOf('.') + 1)..];
                    sb.Append('`').Append(cref.Value.StartsWith("P:", StringComparison.Ordinal) ? OptionsCheck.Key(name) : name).Append('`');
                    break;
                case XElement { Name.LocalName: "paramref" } p:
                    sb.Append('`').Append(p.Attribute("name")?.Value).Append('`');
                    break;
                case XElement { Name.LocalName: "para" }:
                    sb.Append(' ');
                    break;
            }
        }
        return Blanks().Replace(sb.ToString(), " ").Trim();
    }
}
