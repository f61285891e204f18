using Microsoft.Playwright;

namespace Clientele.Web.Tests.Browser;

/// <summary>Fills the customer page's override form the way a person does: choose the dimension and the class, type the reason, save.</summary>
internal static class OverrideFormFiller
{
    public static async Task FillAsync(IPage page, ILocator form, string dimension, string @class, string reason)
    {
        await form.Locator("[data-testid=override-dimension]").SelectOptionAsync(dimension);
        await form.Locator("[data-testid=override-class]").SelectOptionAsync(@class);
        await form.Locator("[data-testid=override-reason]").FillAsync(reason);
        await form.Locator("[data-testid=override-save]").ClickAsync();
    }
}
