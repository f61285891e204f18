namespace Clientele.Simulation.Internal;

/// <summary>The words the files use for the planted enums.</summary>
internal static class Words
{
    public static readonly string[] LostReasons =
        ["", "price", "quality", "service", "delivery", "competitor", "no_follow_up", "need_ended", "unknown"];

    public static string Of(LostReason reason) => LostReasons[(int)reason];

    public static string Of(ProspectOutcome outcome) => outcome switch
    {
        ProspectOutcome.Won => "won",
        ProspectOutcome.Lost => "lost",
        _ => "",
    };
}
