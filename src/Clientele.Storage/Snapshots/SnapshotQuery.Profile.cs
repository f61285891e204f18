using System.Globalization;
using Clientele.Classification;

namespace Clientele.Storage.Snapshots;

public static partial class SnapshotQuery
{
    /// <summary>One customer as a snapshot (default: the latest) classified it, with its actions and its history across every snapshot.</summary>
    /// <exception cref="WorkspaceException">No snapshot, or the customer is not in it (the message says which snapshots hold it, if any).</exception>
    public static CustomerProfile Profile(Workspace workspace, string customerId, DateOnly? asOf = null)
    {
        var day = Resolve(workspace, asOf);
        var notes = new List<string>();
        string? name, kind;
        var classes = new List<DimensionClass>();
        var figures = new List<ProfileFigure>();
        var reasons = Dimensions.All.Select(d => $"s.{d}, {SnapshotReasons.Select(workspace, d, "s")}");
        var reasonsOf = SnapshotReasons.Of(workspace, day);
        using (var command = workspace.Command(
                   $"SELECT {string.Join(", ", FigureNames.Select(f => "s." + f))}, {string.Join(", ", reasons)} FROM snapshot_customers s " +
                   "WHERE as_of = CAST($as_of AS DATE) AND customer_id = $id", ("as_of", DayValue(day)), ("id", customerId)))
        {
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                // Closed first: PostgreSQL runs one command at a time on a connection.
                reader.Close();
                throw NotInSnapshot(workspace, customerId, day);
            }
            name = Text(reader, 0);
            kind = Text(reader, 1);
            for (var i = 2; i < FigureNames.Count; i++)
                figures.Add(new ProfileFigure(FigureNames[i], SnapshotSchema.FigureColumns[i].Meaning, Value(reader, i)));
            var estimated = Value(reader, FigureNames.ToList().IndexOf("share_estimated")) as bool?;
            var at = FigureNames.Count;
            foreach (var dimension in Dimensions.All)
            {
                var @class = Text(reader, at);
                var qualifier = dimension == Dimensions.Strategy ? StrategyMatrix.Qualifier(@class, estimated) : null;
                classes.Add(new DimensionClass(dimension, @class, reasonsOf.Read(reader, at + 1, dimension), qualifier));
                at += 1 + SnapshotReasons.Width(dimension);
            }
        }
        var actions = PlaybookOf(workspace, day, notes).ActionsFor(classes.Select(c => KeyValuePair.Create(c.Dimension, c.Class)));
        return new CustomerProfile(day, customerId, name, kind, classes, actions, figures,
            ProductLines(workspace, customerId, day), BuyingRoles(workspace, customerId, day), History(workspace, customerId), notes)
        {
            Live = Live.ClassChanges.Mark(workspace, customerId, day),
        };
    }

    /// <summary>The options an analysis stored, parsed; a message to analyze again when this build cannot read them.</summary>
    /// <exception cref="WorkspaceException">The stored options are not this build's.</exception>
    internal static ClassificationOptions OptionsOf(Workspace workspace, DateOnly asOf)
    {
        using var command = workspace.Command("SELECT options FROM snapshots WHERE as_of = CAST($as_of AS DATE)", ("as_of", DayValue(asOf)));
        var json = command.ExecuteScalar() as string ?? "{}";
        try
        {
            return ClassificationOptions.FromJson(json, string.Create(CultureInfo.InvariantCulture, $"the options of the analysis of {asOf:yyyy-MM-dd}"));
        }
        catch (FormatException e)
        {
            throw new WorkspaceException($"{e.Message} Analyze again to store options this build reads.", e);
        }
    }

    /// <summary>The playbook of a snapshot's options; the default one, with a note, when they cannot be read.</summary>
    internal static Playbook PlaybookOf(Workspace workspace, DateOnly day, List<string> notes)
    {
        using var command = workspace.Command("SELECT options FROM snapshots WHERE as_of = CAST($as_of AS DATE)", ("as_of", DayValue(day)));
        var json = command.ExecuteScalar() as string;
        if (string.IsNullOrWhiteSpace(json)) return new Playbook();
        try
        {
            // Only the playbook: the snapshot's other options may be those of an older version (retired keys).
            using var document = System.Text.Json.JsonDocument.Parse(json);
            if (!document.RootElement.TryGetProperty("playbook", out var playbook)) return new Playbook();
            return System.Text.Json.JsonSerializer.Deserialize<Playbook>(playbook.GetRawText(), ClassificationOptions.Json) ?? new Playbook();
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException)
        {
            notes.Add($"the playbook of the analysis as of {day:yyyy-MM-dd} cannot be read ({e.Message.Split(" Path:")[0]}); the default playbook is shown.");
            return new Playbook();
        }
    }

    private static WorkspaceException NotInSnapshot(Workspace workspace, string customerId, DateOnly day)
    {
        using var command = workspace.Command("SELECT as_of FROM snapshot_customers WHERE customer_id = $id ORDER BY as_of", ("id", customerId));
        using var reader = command.ExecuteReader();
        var days = new List<string>();
        while (reader.Read()) days.Add(Day(reader, 0).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return new NotFoundException(days.Count == 0
            ? $"unknown customer '{customerId}': no analysis holds it (ids are matched exactly; `clientele customers` lists them)."
            : $"customer '{customerId}' is not in the analysis as of {day:yyyy-MM-dd}; it is in the analyses as of {string.Join(", ", days)} (choose one with --as-of).");
    }

    private static List<ProductLineClass> ProductLines(Workspace workspace, string customerId, DateOnly day) =>
        [.. SnapshotReasons.Of(workspace, day).ProductLines(customerId).Select(l => l.Line)];

    private static List<ContactRole> BuyingRoles(Workspace workspace, string customerId, DateOnly day)
    {
        using var command = workspace.Command(
            "SELECT contact_id, contact_name, title, role, weight, inferred FROM snapshot_buying_roles " +
            $"WHERE as_of = CAST($as_of AS DATE) AND customer_id = $id ORDER BY {workspace.Dialect.OrdinalText("role")}, weight DESC, {workspace.Dialect.OrdinalText("contact_id")}",
            ("as_of", DayValue(day)), ("id", customerId));
        using var reader = command.ExecuteReader();
        var roles = new List<ContactRole>();
        while (reader.Read())
            roles.Add(new ContactRole(reader.GetString(0), Text(reader, 1), Text(reader, 2), reader.GetString(3), reader.GetDouble(4), reader.GetBoolean(5)));
        return roles;
    }

    private static List<ClassHistory> History(Workspace workspace, string customerId)
    {
        using var command = workspace.Command($"SELECT as_of, {string.Join(", ", Dimensions.All)} FROM snapshot_customers WHERE customer_id = $id ORDER BY as_of", ("id", customerId));
        using var reader = command.ExecuteReader();
        var history = new List<ClassHistory>();
        while (reader.Read())
        {
            var classes = new string?[Dimensions.All.Count];
            for (var i = 0; i < classes.Length; i++) classes[i] = Text(reader, 1 + i);
            history.Add(new ClassHistory(Day(reader, 0), classes));
        }
        return history;
    }
}
