using System.Globalization;
using Clientele.Classification;
using Clientele.Shell;
using Clientele.Storage;
using Clientele.Storage.Snapshots;

namespace Clientele.Cli.Output;

/// <summary>
/// What <c>clientele demo</c> says about an analysis without <c>--verbose</c>: at most three notes in an analyst's words,
/// each with its playbook action and the command that lists those customers; the model's notes stay in the stored report.
/// </summary>
internal static class DemoSummary
{
    /// <summary>The classes worth a first look, in the order shown, with what holding one means in plain words.</summary>
    private static readonly (string Dimension, string Class, string Words)[] Notes =
    [
        (Dimensions.ChurnStatus, ChurnStatus.AtRisk, "customers are at risk of leaving"),
        (Dimensions.Ladder, RelationshipLadder.Advocate, "customers recommend you to others"),
        (Dimensions.ValueClass, "BZC", "customers cost more than they bring"),
    ];

    /// <summary>Writes the notes of the analysis as of <paramref name="asOf"/>; <paramref name="suffix"/> ends each command (a --workspace).</summary>
    public static void Write(CliContext context, Workspace workspace, DateOnly asOf, string suffix)
    {
        context.Out.WriteLine("Worth a first look:");
        foreach (var (dimension, @class, words) in Notes)
        {
            // The customers the action is for: an advocate who has lapsed gets the churn status's win-back instead.
            var audience = ClassFilter.ForAction(dimension, @class);
            var customers = SnapshotQuery.Customers(workspace, asOf, audience, top: 0).Matching;
            if (customers == 0) continue;
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {customers:N0} {words}. {Playbook.Defaults[dimension][@class]}"));
            context.Out.WriteLine($"    {context.CommandName} customers {string.Join(' ', audience.Select(f => "--where " + ShellWord.Quote(f.ToString())))}{suffix}");
        }
    }
}
