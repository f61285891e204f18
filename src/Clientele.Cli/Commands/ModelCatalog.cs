using Clientele.Clv;
using Clientele.Clv.BgNbd;
using Clientele.Clv.MbgNbd;
using Clientele.Clv.ParetoNbd;

namespace Clientele.Cli.Commands;

/// <summary>The models <c>clientele model fit</c> knows: their names, the columns they need, and how to fit each.</summary>
internal static class ModelCatalog
{
    public static IReadOnlyList<string> Names { get; } = ["bgnbd", "pnbd", "mbgnbd"];

    public static string Title(string name) => name switch
    {
        "bgnbd" => "BG/NBD (Fader, Hardie & Lee 2005)",
        "mbgnbd" => "MBG/NBD (Batislam, Denizel & Filiztekin 2007)",
        "pnbd" => "Pareto/NBD (Schmittlein, Morrison & Colombo 1987)",
        _ => name,
    };

    public static IReadOnlyList<string> Required(string name) => ["frequency", "recency", "T"];

    public static IReadOnlyList<string> Optional(string name) => ["weight"];

    public static (IReadOnlyDictionary<string, double> Parameters, FitReport Report) Fit(string name, ModelInput input, double penalty)
    {
        try
        {
            var options = new BgNbdFitOptions { Penalty = penalty };
            switch (name)
            {
                case "bgnbd":
                    var bg = BgNbdModel.Fit(input.RepeatPurchases(), options);
                    return (Named(BgNbdModel.ParameterNames, bg.R, bg.Alpha, bg.A, bg.B), bg.Report!);
                case "pnbd":
                    var pnbd = ParetoNbdModel.Fit(input.RepeatPurchases(), new ParetoNbdFitOptions { Penalty = penalty });
                    return (Named(ParetoNbdModel.ParameterNames, pnbd.R, pnbd.Alpha, pnbd.S, pnbd.Beta), pnbd.Report!);
                case "mbgnbd":
                    var mbg = MbgNbdModel.Fit(input.RepeatPurchases(), options);
                    return (Named(MbgNbdModel.ParameterNames, mbg.R, mbg.Alpha, mbg.A, mbg.B), mbg.Report!);
                default:
                    throw new Storage.WorkspaceException($"unknown model '{name}'; the models are {string.Join(", ", Names)}.");
            }
        }
        catch (ClvDataException e)
        {
            throw new Storage.WorkspaceException($"cannot fit {name}: {e.Message}", e);
        }
    }

    private static IReadOnlyDictionary<string, double> Named(IReadOnlyList<string> names, params double[] values) =>
        names.Select((n, i) => (n, values[i])).ToDictionary(p => p.n, p => p.Item2);
}
