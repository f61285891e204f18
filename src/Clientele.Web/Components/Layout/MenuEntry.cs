namespace Clientele.Web.Components.Layout;

/// <summary>One entry of the dashboard's menu: a page's one name (its menu entry, its heading and its browser title), icon and address.</summary>
/// <param name="Name">The page's name, as the menu, the heading and the browser's title show it.</param>
/// <param name="Icon">The Material icon beside it in the menu.</param>
/// <param name="Path">The page's address.</param>
/// <param name="Policy">The policy a user needs to see it in the menu (<see cref="Security.Policies"/>), or null for every signed-in user.</param>
public sealed record MenuEntry(string Name, string Icon, string Path, string? Policy = null)
{
    /// <summary>Every page of the menu, in menu order.</summary>
    public static readonly IReadOnlyList<MenuEntry> All =
    [
        new("Overview", "dashboard", "/"),
        new("Customers", "groups", "/customers"),
        new("Structure map", "account_tree", "/structure"),
        new("Movement", "swap_vert", "/movement"),
        new("Value", "scatter_plot", "/value"),
        new("Influence", "hub", "/influence"),
        new("Referrals", "volunteer_activism", "/referrals"),
        new("Buying centers", "badge", "/buying-centers"),
        new("Churn", "trending_down", "/churn"),
        new("Concerns", "forum", "/concerns"),
        new("Models", "functions", "/models"),
        new("Playbook", "checklist", "/playbook"),
        new("Import and analyze", "upload_file", "/data", Security.Policies.Analyst),
        new("Users and keys", "admin_panel_settings", "/settings", Security.Policies.Admin),
    ];

    /// <summary>The name of the page at <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException">No menu entry has that address.</exception>
    public static string NameOf(string path) =>
        All.FirstOrDefault(e => e.Path == path)?.Name ?? throw new ArgumentException($"no menu entry for {path}", nameof(path));
}
