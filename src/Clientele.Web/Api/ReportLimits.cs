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

    /// <summary>The page (from 1) and page size (1 to <paramref name="maxSize"/>) of a paged listing, with their defaults.</summary>
    /// <exception cref="WorkspaceException">Either is out of range; the message says the range.</exception>
    public static (int Number, int Size) Page(int? page, int? pageSize, int defaultSize, int maxSize)
    {
        var number = page ?? 1;
        var size = pageSize ?? defaultSize;
        if (number < 1) throw new WorkspaceException($"page must be 1 or more, not {number}.");
        if (size < 1 || size > maxSize) throw new WorkspaceException($"pageSize must be from 1 to {maxSize}, not {size}.");
        return (number, size);
    }
}
