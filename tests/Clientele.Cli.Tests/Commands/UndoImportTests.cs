using System.Text.Json;

namespace Clientele.Cli.Tests.Commands;

/// <summary><c>clientele import --undo N</c> as a user meets it: what it removes first, a confirmation, then the change.</summary>
public sealed class UndoImportTests : IDisposable
{
    private readonly CliRun _cli = new();

    public UndoImportTests()
    {
        Assert.Equal(0, _cli.Run("import", "customers", _cli.File("c.csv", "customer_id,name\nC1,Ada\n")).Code);
        Assert.Equal(0, _cli.Run("import", "orders", _cli.File("o.csv", "customer_id,ordered_at,amount\nC1,2024-01-05,10\nC2,2024-01-06,20\nC3,2024-01-07,5\n")).Code);
    }

    private Dictionary<string, long> Counts() => JsonSerializer.Deserialize<Dictionary<string, long>>(_cli.Run("status", "--format", "json").Out)!;

    [Fact]
    public void Without_yes_and_without_a_terminal_it_shows_what_it_would_remove_and_changes_nothing()
    {
        var before = Counts();
        var (code, output, error) = _cli.Run("import", "--undo", "2");
        Assert.Equal(1, code);
        Assert.Contains("Import #2: orders from ", output);
        Assert.Contains("Undoing it removes:", output);
        Assert.Matches(@"customers\s+2\n", output);
        Assert.Matches(@"orders\s+3\n", output);
        Assert.Contains("nothing was changed: this removes data, and there is no terminal to ask; pass --yes to confirm.", error);
        Assert.Equal(before, Counts());
    }

    [Fact]
    public void With_yes_it_removes_every_row_of_the_import_and_says_so()
    {
        var (code, output, _) = _cli.Run("import", "--undo", "2", "--yes");
        Assert.Equal(0, code);
        Assert.Contains("Undid import #2.", output);
        Assert.Equal(0, Counts()["orders"]);
        Assert.Equal(1, Counts()["customers"]);
        Assert.DoesNotContain("o.csv", _cli.Run("status").Out);
    }

    [Fact]
    public void An_unknown_import_and_a_missing_file_are_clear_problems()
    {
        var (code, _, error) = _cli.Run("import", "--undo", "9", "--yes");
        Assert.Equal(1, code);
        Assert.Contains("error: there is no import #9: the workspace records imports #1, #2", error);
        var usage = _cli.Run("import", "orders");
        Assert.Equal(2, usage.Code);
        Assert.Contains("name the table and the file to import (or --undo N to undo an import).", usage.Error);
    }

    public void Dispose() => _cli.Dispose();
}
