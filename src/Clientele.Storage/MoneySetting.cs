using Clientele.Money;

namespace Clientele.Storage;

/// <summary>
/// The workspace's money format (currency and number format), kept in its metadata. A display setting, not an analysis
/// option: it takes effect at once, for every snapshot, without a new analysis.
/// </summary>
public static class MoneySetting
{
    /// <summary>The metadata key.</summary>
    public const string MetaKey = "money_format";

    /// <summary>The stored money format, or <see cref="MoneyFormat.Default"/> (no currency, <c>1,234.5</c>) when none is stored.</summary>
    public static MoneyFormat Read(Workspace workspace)
    {
        if (workspace.Meta(MetaKey) is not { } json) return MoneyFormat.Default;
        try
        {
            return MoneyFormat.FromJson(json);
        }
        catch (FormatException e)
        {
            throw new WorkspaceException(e.Message, e);
        }
    }

    /// <summary>Stores a money format for every later reader.</summary>
    public static void Store(Workspace workspace, MoneyFormat format) => workspace.SetMeta(MetaKey, format.ToJson());

    /// <summary>Forgets the stored format: no currency, <c>1,234.5</c>.</summary>
    public static void Reset(Workspace workspace) => workspace.DeleteMeta(MetaKey);
}
