namespace Clientele.Simulation.Internal;

/// <summary>The known outcome of a prospect's opportunity.</summary>
internal enum ProspectOutcome : byte
{
    /// <summary>No opportunity, or one still open.</summary>
    None,
    Won,
    Lost,
}
