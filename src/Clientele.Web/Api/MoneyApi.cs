using Clientele.Money;
using Clientele.Storage;
using Clientele.Web.Hosting;
using Clientele.Web.Security;

namespace Clientele.Web.Api;

/// <summary>
/// <c>/api/settings/money</c>: the workspace's currency and number format, which every answer with amounts names in its
/// <c>currency</c> field. Anyone may read it; admins change it (as <c>clientele currency</c> does).
/// </summary>
public static class MoneyApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var money = api.MapGroup("/settings/money").WithTags("Settings");
        money.MapGet("/", Get).WithName("GetMoneyFormat")
            .WithSummary("The currency (ISO 4217 code, or null: none named) and the number format amounts are shown with (e.g. \"1.234,5\").");
        money.MapPut("/", Set).WithName("SetMoneyFormat").RequireAuthorization(Policies.Admin).ProducesProblem(400)
            .WithSummary("Sets the currency and number format; a field left out keeps the default (no currency, \"1,234.5\"). " +
                "Takes effect at once for every analysis, without a new one.");
    }

    /// <summary>The money format in force.</summary>
    public static MoneyView Get(WorkspaceHost workspace) => MoneyView.From(workspace.Money);

    /// <summary>Checks and stores a money format.</summary>
    public static async Task<MoneyView> Set(MoneyChange change, WorkspaceHost workspace, CancellationToken cancellationToken)
    {
        MoneyFormat format;
        try
        {
            format = MoneyFormat.Parse(change.Currency, change.NumberFormat);
        }
        catch (FormatException e)
        {
            throw new WorkspaceException(e.Message, e);
        }
        await workspace.WriteAsync(w => { MoneySetting.Store(w, format); return 0; }, cancellationToken);
        return MoneyView.From(format);
    }
}

/// <summary>How the workspace writes money.</summary>
/// <param name="Currency">The ISO 4217 code, or null when none is named.</param>
/// <param name="NumberFormat">One thousand two hundred thirty-four and a half as written, e.g. "1,234.5" or "1.234,5".</param>
/// <param name="GroupSeparator">The thousands separator ("" for none).</param>
/// <param name="DecimalSeparator">The decimal separator.</param>
public sealed record MoneyView(string? Currency, string NumberFormat, string GroupSeparator, string DecimalSeparator)
{
    internal static MoneyView From(MoneyFormat f) => new(f.Currency, f.NumberFormat, f.GroupSeparator, f.DecimalSeparator);
}

/// <summary>A new money format.</summary>
/// <param name="Currency">An ISO 4217 code such as EUR or USD, or null for none.</param>
/// <param name="NumberFormat">One of "1,234.5", "1.234,5", "1 234,5", "1'234.5", "1234.5", "1234,5", or null for "1,234.5".</param>
public sealed record MoneyChange(string? Currency, string? NumberFormat);
