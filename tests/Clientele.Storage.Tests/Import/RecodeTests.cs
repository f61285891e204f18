using Clientele.Storage.Import;

namespace Clientele.Storage.Tests.Import;

/// <summary><c>--recode field=code:word</c>: a file's codes read as words, for any field, a code not listed being an error.</summary>
public sealed class RecodeTests : IDisposable
{
    private const string Clients = "Channel,Region,Fresh\n2,3,10\n1,1,20\n";
    private readonly TempWorkspace _temp = new();

    private ImportResult Import(string csv, ImportOptions options) =>
        new Importer(_temp.Workspace!).Import("customers", _temp.File("c.csv", csv), options, cancellationToken: TestContext.Current.CancellationToken);

    private static ImportOptions Options(params string[] recodes) => new()
    {
        GenerateIds = "W",
        Map = new Dictionary<string, string> { ["industry"] = "Channel", ["region"] = "Region" },
        Recode = ImportOptionText.Recodes(recodes),
    };

    [Fact]
    public void Codes_are_read_as_their_words_and_a_segment_field_can_come_from_any_column()
    {
        Import(Clients, Options("industry=1:Horeca,2:Retail", "Region=1:Lisbon,2:Oporto,3:Other"));
        using var command = _temp.Workspace!.Connection.CreateCommand();
        command.CommandText = "SELECT customer_id || ' ' || industry || ' ' || region || ' ' || coalesce(channel, '-') FROM customers ORDER BY customer_id";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read()) rows.Add(reader.GetString(0));
        Assert.Equal(["W2 Retail Other -", "W3 Horeca Lisbon -"], rows);
    }

    [Fact]
    public void A_code_not_listed_is_an_error_naming_the_listed_codes()
    {
        var failure = Assert.Throws<ImportFailedException>(() => Import(Clients + "7,3,5\n", Options("industry=1:Horeca,2:Retail")));
        var error = Assert.Single(failure.Errors);
        Assert.Equal((4L, 1, "7"), (error.Line, error.Column, error.Value));
        Assert.EndsWith("'7' is not one of the codes --recode industry lists (1, 2)", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, _temp.Workspace!.Scalar<long>("SELECT count(*) FROM customers"));
    }

    [Fact]
    public void An_empty_cell_takes_the_default_and_codes_match_ignoring_case()
    {
        Import("Channel,Region,kind\n,3,o\n1,3,P\n", Options("industry=1:Horeca") with
        {
            Defaults = new Dictionary<string, string> { ["industry"] = "unknown" },
            Recode = ImportOptionText.Recodes(["industry=1:Horeca", "kind=o:organization,p:person"]),
        });
        Assert.Equal(1, _temp.Workspace!.Scalar<long>("SELECT count(*) FROM customers WHERE industry = 'unknown' AND kind = 'organization'"));
        Assert.Equal(1, _temp.Workspace.Scalar<long>("SELECT count(*) FROM customers WHERE industry = 'Horeca' AND kind = 'person'"));
    }

    [Theory]
    [InlineData("nofield=1:x", "--recode nofield: customers has no field 'nofield'")]
    [InlineData("country=1:x", "--recode country: no file column feeds country (name one with --map country=COLUMN)")]
    [InlineData("kind=1:company", "--recode kind: 'company' is not one of: person, organization")]
    public void A_recode_that_cannot_apply_is_refused(string recode, string message)
    {
        var failure = Assert.Throws<ImportFailedException>(() => Import(Clients, Options(recode) with
        {
            Map = new Dictionary<string, string> { ["industry"] = "Channel", ["kind"] = "Region" },
        }));
        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("industry=1", "--recode industry=1: expected code:word pairs separated by commas (like 1:Horeca,2:Retail), not '1'.")]
    [InlineData("industry=1:a,1:b", "--recode industry=1:a,1:b: the code '1' is given twice.")]
    [InlineData("industry", "--recode expects field=value, not 'industry'.")]
    public void A_malformed_recode_is_refused(string recode, string message) =>
        Assert.Equal(message, Assert.Throws<WorkspaceException>(() => ImportOptionText.Recodes([recode])).Message);

    [Fact]
    public void The_recode_is_part_of_what_makes_an_import_identical()
    {
        var path = _temp.File("c.csv", Clients);
        var importer = new Importer(_temp.Workspace!);
        importer.Import("customers", path, Options("industry=1:Horeca,2:Retail"), cancellationToken: TestContext.Current.CancellationToken);
        var other = importer.Import("customers", path, Options("industry=1:Hotels,2:Retail"), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Null(other.PreviousImport);
        Assert.Equal(1, other.RowsUpdated);
    }

    public void Dispose() => _temp.Dispose();
}
