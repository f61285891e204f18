using System.Xml.Linq;
using Clientele.Storage.Access;
using Clientele.Web.Hosting;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Clientele.Web.Security;

/// <summary>
/// Keeps ASP.NET's data-protection keys (what signs the sign-in cookie and the anti-forgery tokens) in the workspace
/// (<see cref="DataProtectionKeyTable"/>) instead of the server user's home folder. So a session survives a server moved to
/// another machine or run under another account, and every server of one workspace accepts the sessions of the others.
/// The keys are stored as ASP.NET writes them, not encrypted: whoever can read the workspace can sign a cookie, as whoever
/// can read its file or database can read every customer (docs/dashboard.md).
/// </summary>
public sealed class WorkspaceKeyRepository(WorkspaceHost workspace, TimeProvider time) : IXmlRepository
{
    /// <inheritdoc />
    public IReadOnlyCollection<XElement> GetAllElements() =>
        [.. workspace.Read(DataProtectionKeyTable.All).Select(xml => XElement.Parse(xml))];

    /// <inheritdoc />
    /// <remarks>
    /// Written apart from the changes that take turns (<see cref="WorkspaceHost.WriteApart"/>): a new key is needed by the
    /// first sign-in, which must not wait for an analysis of several minutes; nothing else writes this table.
    /// </remarks>
    public void StoreElement(XElement element, string friendlyName) =>
        workspace.WriteApart(w =>
        {
            DataProtectionKeyTable.Add(w, friendlyName, element.ToString(SaveOptions.DisableFormatting), time.GetUtcNow().UtcDateTime);
            return 0;
        });
}
