using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Clientele.Web.Tests.Browser;

/// <summary>Fills the customer page's override form the way a person does: choose the dimension and the class, type the reason, save.</summary>
internal static class OverrideFormFiller
{
    public static async Task FillAsync(IPage page, ILocator form, string dimension, string @class, string reason)
    {
        await ChooseAsync(page, form.Locator("[data-testid=override-dimension]"), dimension);
        await ChooseAsync(page, form.Locator("[data-testid=override-class]"), @class);
        await form.Locator("[data-testid=override-reason]").FillAsync(reason);
        await form.Locator("[data-testid=override-save]").ClickAsync();
    }

    /// <summary>Opens a Radzen drop-down and clicks the item whose text is exactly <paramref name="text"/>.</summary>
    private static async Task ChooseAsync(IPage page, ILocator dropdown, string text)
    {
        await dropdown.ClickAsync();
        await page.Locator(".rz-dropdown-item:visible")
            .Filter(new LocatorFilterOptions { HasTextRegex = new Regex($"^\\s*{Regex.Escape(text)}\\s*$") })
            .First.ClickAsync();
        // The choice reaches the server in its own round trip: wait until the drop-down shows it before the next step.
        await Assertions.Expect(dropdown.Locator(".rz-dropdown-label")).ToHaveTextAsync(text);
    }
}
