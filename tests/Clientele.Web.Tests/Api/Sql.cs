using Clientele.Storage;

namespace Clientele.Web.Tests.Api;

/// <summary>Independent reads of the workspace for the tests' expected values.</summary>
internal static class Sql
{
    /// <summary>Rows per table.</summary>
    public static Dictionary<string, long> Counts(this Workspace workspace) =>
        workspace.CountRows().ToDictionary(p => p.Key, p => p.Value);
}
