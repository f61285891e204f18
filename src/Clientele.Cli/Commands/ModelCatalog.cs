using Clientele.Clv;
using Clientele.Clv.BgBb;
using Clientele.Clv.BgNbd;
using Clientele.Clv.GammaGamma;
using Clientele.Clv.MbgNbd;
using Clientele.Clv.ParetoNbd;

namespace Clientele.Cli.Commands;

/// <summary>The models <c>clientele model fit</c> knows: their names, the columns they need, and how to fit each.</summary>
internal static class ModelCatalog
{
    public static IReadOnlyList<string> Names { get; } = ["bgnbd", "pnbd", "gg", "mbgnbd", "bgbb"];

    public static string Title(string name) => name switch
    {
        "bgnbd" => "BG/NBD (Fader, Hardie & Lee 2005)",
        "mbgnbd" => "MBG/NBD (Batislam, Denizel & Filiztekin 2007)",
        "pnbd" => "Pareto/NBD (Schmittlein, Morrison & Colombo 1987)",
        "gg" => "Gamma-Gamma spend model (Fader & Hardie 2013)",
        "bgbb" => "BG/BB for discrete opportunities (Fader, Hardie & Shang 2010)",
        _ => name,
    };

    public static IReadOnlyList<string> Required(string name) => name switch
    {
        "gg" => ["frequency", "monetary_value"],
        "bgbb" => ["frequency", "recency", "periods"],
        _ => ["frequency", "recency", "T"],
    };

    /// <summary>Every model takes a weight per row: how many customers the row stands for (an aggregated summary).</summary>
    public static IReadOnlyList<string> Optional(string name) => ["weight"];

    /// <summary>The other names a summary file's count column goes by (matched ignoring case), used as the weight.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Aliases { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        ["weight"] = ["weights", "count", "custs", "customers"],
    };

    public static (IReadOnlyDictionary<string, double> Parameters, FitReport Report) Fit(string name, ModelInput input, double penalty, FitBudget budget)
    {
        try
        {
            var options = new BgNbdFitOptions { Penalty = penalty, Budget = budget };
            switch (name)
            {
                case "bgnbd":
                    var bg = BgNbdModel.Fit(input.RepeatPurchases(), options);
                    return (Named(BgNbdModel.ParameterNames, bg.R, bg.Alpha, bg.A, bg.B), bg.Report!);
                case "pnbd":
                    var pnbd = ParetoNbdModel.Fit(input.RepeatPurchases(), new ParetoNbdFitOptions { Penalty = penalty, Budget = budget });
                    return (Named(ParetoNbdModel.ParameterNames, pnbd.R, pnbd.Alpha, pnbd.S, pnbd.Beta), pnbd.Report!);
                case "gg":
                    var spend = input.MonetaryValue ?? throw new Storage.WorkspaceException("the Gamma-Gamma model needs monetary_value (the mean spend of repeat purchases).");
                    var gg = GammaGammaModel.Fit(input.Frequency, spend, input.Weight, new GammaGammaFitOptions { Penalty = penalty, Budget = budget });
                    return (Named(GammaGammaModel.ParameterNames, gg.P, gg.Q, gg.Gamma), gg.Report!);
                case "bgbb":
                    var periods = input.Periods ?? throw new Storage.WorkspaceException(
                        "BG/BB counts purchases in discrete opportunities (periods), which a transaction log does not give: fit it on a summary file with frequency, recency and periods (--summary FILE).");
                    var bb = BgBbModel.Fit(input.Frequency, input.Recency, periods, input.Weight, new BgBbFitOptions { Penalty = penalty, Budget = budget });
                    return (Named(BgBbModel.ParameterNames, bb.Alpha, bb.Beta, bb.Gamma, bb.Delta), bb.Report!);
                case "mbgnbd":
                    var mbg = MbgNbdModel.Fit(input.RepeatPurchases(), options);
                    return (Named(MbgNbdModel.ParameterNames, mbg.R, mbg.Alpha, mbg.A, mbg.B), mbg.Report!);
                default:
                    throw new Storage.WorkspaceException($"unknown model '{name}'; the models are {string.Join(", ", Names)}.");
            }
        }
        catch (ClvDataException e) when (e.Row is { } row && e.Field is { } field && input.Source is { } file)
        {
            throw Storage.Import.NumericColumns.Problem(file.Path, file.Problem(row, field, $"{e.Rule}, so {name} cannot be fitted"));
        }
        catch (ClvDataException e)
        {
            throw new Storage.WorkspaceException($"cannot fit {name}: {e.Message}", e);
        }
    }

    private static IReadOnlyDictionary<string, double> Named(IReadOnlyList<string> names, params double[] values) =>
        names.Select((n, i) => (n, values[i])).ToDictionary(p => p.n, p => p.Item2);
}
