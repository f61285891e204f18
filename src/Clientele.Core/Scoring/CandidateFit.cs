using Clientele.Clv;
using Clientele.Clv.BgNbd;
using Clientele.Clv.ParetoNbd;

namespace Clientele.Scoring;

/// <summary>One of <see cref="ModelChoice.Candidates"/> fitted: the model, its parameters by their names in the paper, and its report.</summary>
internal sealed record CandidateFit(IRepeatPurchaseModel Model, IReadOnlyDictionary<string, double> Parameters, FitReport? Report)
{
    /// <summary>Why the fit must not score customers, in words, or null (<see cref="FitAcceptance"/>).</summary>
    public string? Refusal => FitAcceptance.Refusal(Report, Parameters);

    /// <summary>Fits the candidate named <paramref name="name"/> ("bgnbd" or "pnbd") with its default budget.</summary>
    /// <exception cref="ClvDataException">The data cannot be fitted (the likelihood is not finite where the fit ended, and the like).</exception>
    public static CandidateFit Fit(string name, RepeatPurchases data)
    {
        switch (name)
        {
            case "pnbd":
                var p = ParetoNbdModel.Fit(data);
                return new CandidateFit(p, new Dictionary<string, double> { ["r"] = p.R, ["alpha"] = p.Alpha, ["s"] = p.S, ["beta"] = p.Beta }, p.Report);
            case "bgnbd":
                var b = BgNbdModel.Fit(data);
                return new CandidateFit(b, new Dictionary<string, double> { ["r"] = b.R, ["alpha"] = b.Alpha, ["a"] = b.A, ["b"] = b.B }, b.Report);
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "not a candidate repeat-purchase model");
        }
    }
}
