namespace Clientele.Simulation;

/// <summary>
/// How far a simulation is. Stages, in order: <c>customers</c> (planning the parties and their
/// relations; Done counts parties), <c>orders</c> (writing every per-party file; Done counts parties
/// written) and <c>links</c> (products, supply links, referrals and targets; Done counts files).
/// </summary>
/// <param name="Stage">The stage name.</param>
/// <param name="Done">Units done in this stage.</param>
/// <param name="Total">Units in this stage.</param>
public readonly record struct SimulationProgress(string Stage, long Done, long Total);
