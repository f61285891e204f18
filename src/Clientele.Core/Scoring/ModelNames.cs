namespace Clientele.Scoring;

/// <summary>The display names of the models.</summary>
public static class ModelNames
{
    /// <summary>"BG/NBD" for "bgnbd", and so on; the name itself when unknown.</summary>
    public static string Display(string model) => model switch
    {
        "bgnbd" => "BG/NBD",
        "pnbd" => "Pareto/NBD",
        "mbgnbd" => "MBG/NBD",
        "gg" => "Gamma-Gamma",
        "bgbb" => "BG/BB",
        _ => model,
    };
}
