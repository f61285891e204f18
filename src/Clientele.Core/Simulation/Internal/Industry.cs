namespace Clientele.Simulation.Internal;

/// <summary>An industry and the job titles met at its organizations.</summary>
/// <param name="Name">The industry word written to customers.industry.</param>
/// <param name="DeciderTitles">Titles of people who make the final decision (director, CEO, ...).</param>
/// <param name="HeadTitles">Department heads: they push purchases forward.</param>
/// <param name="UserTitles">People who use the product (doctors, engineers, chefs, ...).</param>
internal sealed record Industry(string Name, string[] DeciderTitles, string[] HeadTitles, string[] UserTitles);
