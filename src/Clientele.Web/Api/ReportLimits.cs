using Clientele.Storage;

namespace Clientele.Web.Api;

/// <summary>Checks the size arguments of the read endpoints, with messages for users.</summary>
internal static class ReportLimits
{
    /// <summary><paramref name="value"/> or the default, when from 1 to <paramref name="max"/>.</summary>
    /// <exception cref="WorkspaceException">Out of range; the message says the range.</exception>
    public static int Check(int? value, int fallback, int max, string name = "limit")
    {
        var n = value ?? fallback;
        if (n < 1 || n > max) throw new WorkspaceException($"{name} {n} is out of range: choose 1 to {max.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        return n;
    }
}
