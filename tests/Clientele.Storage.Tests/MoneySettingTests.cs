using Clientele.Money;

namespace Clientele.Storage.Tests;

public sealed class MoneySettingTests : IDisposable
{
    private readonly TempWorkspace _temp = new();

    private Workspace Workspace => _temp.Workspace!;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_workspace_names_no_currency_until_one_is_stored_and_again_after_a_reset()
    {
        Assert.Equal(MoneyFormat.Default, MoneySetting.Read(Workspace));
        var euros = MoneyFormat.Parse("EUR", "1.234,5");
        MoneySetting.Store(Workspace, euros);
        Assert.Equal(euros, MoneySetting.Read(Workspace));
        MoneySetting.Reset(Workspace);
        Assert.Equal(MoneyFormat.Default, MoneySetting.Read(Workspace));
    }

    [Fact]
    public void A_stored_format_that_cannot_be_read_is_a_workspace_error_that_says_how_to_set_it_again()
    {
        Workspace.SetMeta(MoneySetting.MetaKey, "{\"currency\":\"EURO\"}");
        var e = Assert.Throws<WorkspaceException>(() => MoneySetting.Read(Workspace));
        Assert.Contains("\"EURO\" is not an ISO 4217 currency code", e.Message);
        Workspace.SetMeta(MoneySetting.MetaKey, "not json");
        Assert.Contains("set it again with `clientele currency`", Assert.Throws<WorkspaceException>(() => MoneySetting.Read(Workspace)).Message);
    }
}
