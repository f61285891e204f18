using System.Globalization;
using System.Text;
using Clientele.Classification.Internal;

namespace Clientele.Classification;

/// <summary>
/// The buying center of each organization (DOMAIN.md section 3, article 003): which of the six buying roles (payer,
/// user, beneficiary, decider, promoter, stimulator) are known, who holds them, and which are missing.
/// </summary>
/// <remarks>
/// <para>Roles come from the recorded roles (<see cref="ContactColumns.Role"/>; a contact's repeated role keeps its highest
/// weight) and, where <see cref="BuyingCenterOptions.InferFromTitles"/>, from contacts' job titles through
/// <see cref="BuyingCenterOptions.TitleRules"/>, marked inferred with the rule's lower weight. One person may hold any
/// number of roles, all six included.</para>
/// <para>Classes, a closed set: <b>complete</b> every required role is known; <b>no decider</b> the decider is not known
/// (whatever else is missing: the one gap that stalls a deal); <b>incomplete</b> the decider is known but another
/// required role is not; <b>no contacts</b> nobody at the organization is on record. Persons get null (roles are for
/// organizations' purchases); so does a party of unknown kind without contacts, while one with contacts is taken as an
/// organization.</para>
/// </remarks>
public static class BuyingCenter
{
    /// <summary>Every required role is known.</summary>
    public const string Complete = "complete";

    /// <summary>The decider is not known.</summary>
    public const string NoDecider = "no decider";

    /// <summary>The decider is known, another required role is not.</summary>
    public const string Incomplete = "incomplete";

    /// <summary>No contact at the organization is on record.</summary>
    public const string NoContacts = "no contacts";

    /// <summary>The dimension's declaration: its name, title, classes and playbook (<see cref="DimensionDeclaration"/>).</summary>
    public static readonly DimensionDeclaration Declaration = new(Dimensions.BuyingCenter, "Buying center")
    {
        Classes = [Complete, NoDecider, Incomplete, NoContacts],
        Playbook = new Dictionary<string, string>
        {
            [Complete] = "Keep every role informed: each has its own reason to buy.",
            [NoDecider] = "Find out who decides before the next proposal.",
            [Incomplete] = "Find the missing roles (who pays, who uses, who pushes).",
            [NoContacts] = "Map the account: find the people around its purchases.",
        },
        Reason = new ReasonDeclaration(
            [
                new ReasonFigure("buying_center_party", "where buying roles do not apply: 1 a person, 0 a party of unknown kind without contacts", (r, i) => r.BuyingCenters.Party[i]),
                new ReasonFigure("buying_center_contacts", "an organization's contacts on record", (r, i) => r.BuyingCenters.Contacts[i]),
                new ReasonFigure("buying_center_missing", "the required roles not known, as bits (1 payer, 2 user, 4 beneficiary, 8 decider, 16 promoter, 32 stimulator)", (r, i) => r.BuyingCenters.Missing[i]),
                ReasonFigure.OfText("buying_center_holders", "the role holders the reason names, per known role the heaviest first: id, title, weight (the others counted)", (r, i) => r.BuyingCenters.Holders(i)),
            ],
            (@class, row, context) => Reason(@class, row.Figures[PartyFigure], row.Figures[ContactsFigure], row.Figures[MissingFigure], row.Texts[HoldersFigure], context.Options.BuyingCenter)),
    };

    // The positions of the figures in Declaration.Reason.
    private const int PartyFigure = 0, ContactsFigure = 1, MissingFigure = 2, HoldersFigure = 3;

    private static readonly string[] Roles = RecordedRoles.Names;

    private const int DeciderBit = 1 << 3;

    /// <summary>The roles <paramref name="title"/> holds by the first matching rule of <paramref name="options"/>, in the rule's order; empty when none matches.</summary>
    public static IReadOnlyList<string> RolesFromTitle(string? title, BuyingCenterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rule = new TitleRoleMatcher(options.TitleRules).Match(title);
        return rule < 0 ? [] : [.. options.TitleRules[rule].Roles.Select(r => Roles[RoleIndex(r, "TitleRules")])];
    }

    /// <summary>Classifies every organization's buying center; see the remarks for the classes.</summary>
    /// <exception cref="ArgumentException">An option names a role that is not one of the six, or a weight outside 0-1.</exception>
    public static BuyingCenterResult Classify(CustomerColumns columns, BuyingCenterOptions options) => Apply(columns, options);

    /// <summary>
    /// Classifies the buying centers of the customers <paramref name="customers"/> (indices into <paramref name="columns"/>; null
    /// for all). Nothing is learned from the base: an organization's class follows from its own contacts
    /// (<see cref="CustomerColumns.Contacts"/> whose customer it is: their recorded roles and titles) alone. The others' entries
    /// stay null and hold no role holders; the notes count the contacts of the customers classified.
    /// </summary>
    /// <exception cref="ArgumentException">An option names a role that is not one of the six, or a weight outside 0-1.</exception>
    public static BuyingCenterResult Apply(CustomerColumns columns, BuyingCenterOptions options, IReadOnlyList<int>? customers = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(options);
        var required = 0;
        foreach (var role in options.RequiredRoles) required |= 1 << RoleIndex(role, "RequiredRoles");
        var ruleMask = new int[options.TitleRules.Count];
        for (var r = 0; r < ruleMask.Length; r++)
        {
            foreach (var role in options.TitleRules[r].Roles) ruleMask[r] |= 1 << RoleIndex(role, "TitleRules");
            if (!(options.TitleRules[r].Weight is >= 0 and <= 1))
            {
                throw new ArgumentException($"Title rule \"{options.TitleRules[r].Name}\" has weight {options.TitleRules[r].Weight}; weights are 0-1.", nameof(options));
            }
        }

        var n = columns.Count;
        var contacts = columns.Contacts;
        var recorded = RecordedRoles.Read(contacts);
        var (start, members, orphans) = ContactsByCustomer(contacts, n);
        var matcher = new TitleRoleMatcher(options.TitleRules);
        var holders = new RoleHolderTable();
        var unmatched = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var classes = new string?[n];
        var (party, contactCounts, missingRoles) = (NaNs(n), NaNs(n), NaNs(n));
        // Where each organization's role holders start in the table (-1: none); their names are told when written (HoldersText).
        var holdersFrom = new int[n];
        Array.Fill(holdersFrom, -1);
        int inferredContacts = 0, personsWithContacts = 0;
        var applied = customers?.Count ?? n;
        for (var q = 0; q < applied; q++)
        {
            var i = customers?[q] ?? q;
            var count = start[i + 1] - start[i];
            var person = PartyKind.IsPerson(columns, i);
            if (person || (count == 0 && !PartyKind.IsOrganization(columns, i)))
            {
                if (person && count > 0) personsWithContacts++;
                party[i] = person ? 1 : 0;
                continue;
            }

            (contactCounts[i], missingRoles[i]) = (count, required);
            if (count == 0)
            {
                classes[i] = NoContacts;
                continue;
            }

            var first = holders.Count;
            var known = 0;
            for (var k = start[i]; k < start[i + 1]; k++)
            {
                var contact = members[k];
                var mask = recorded.Mask[contact];
                var rule = options.InferFromTitles ? matcher.Match(contacts.Title[contact]) : -1;
                if (rule < 0 && options.InferFromTitles && contacts.Title[contact] is { } title && !string.IsNullOrWhiteSpace(title))
                {
                    unmatched[title.Trim()] = unmatched.GetValueOrDefault(title.Trim()) + 1;
                }

                var inferred = rule >= 0 && (mask == 0 || options.InferAlongsideRecorded) ? ruleMask[rule] & ~mask : 0;
                if (inferred != 0) inferredContacts++;
                for (var r = 0; r < Roles.Length; r++)
                {
                    var bit = 1 << r;
                    if ((mask & bit) != 0)
                    {
                        var weight = recorded.Weight(contact, r);
                        holders.Add(i, contact, r, weight, false);
                        if (double.IsNaN(weight) || weight >= options.MinWeight) known |= bit;
                    }
                    else if ((inferred & bit) != 0)
                    {
                        var weight = options.TitleRules[rule].Weight;
                        holders.Add(i, contact, r, weight, true);
                        if (options.InferredCountsAsKnown && weight >= options.MinWeight) known |= bit;
                    }
                }
            }

            var missing = required & ~known;
            classes[i] = missing == 0 ? Complete : (missing & DeciderBit) != 0 ? NoDecider : Incomplete;
            missingRoles[i] = missing;
            if (holders.Count > first) holdersFrom[i] = first;
        }

        var notes = new List<string>();
        if (recorded.UnknownRoles > 0) notes.Add($"{Count(recorded.UnknownRoles)} recorded roles are not one of the six buying roles and were ignored.");
        if (recorded.UnknownContacts > 0) notes.Add($"{Count(recorded.UnknownContacts)} recorded roles name no known contact and were ignored.");
        if (recorded.Repeated > 0) notes.Add($"{Count(recorded.Repeated)} repeated roles of a contact were counted once, at their highest weight.");
        if (orphans > 0) notes.Add($"{Count(orphans)} contacts name no known customer and were ignored.");
        if (personsWithContacts > 0) notes.Add($"{Count(personsWithContacts)} persons have contacts; buying roles are not classified for persons.");
        if (options.InferFromTitles)
        {
            notes.Add($"{Count(holders.InferredCount)} roles of {Count(inferredContacts)} contacts inferred from job titles.");
            if (unmatched.Count > 0)
            {
                var top = unmatched.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(10)
                    .Select(p => $"{p.Key} ({Count(p.Value)})");
                notes.Add($"{Count(unmatched.Values.Sum())} contacts' titles match no title rule; the most common: {string.Join(", ", top)}.");
            }
        }

        var method = options.InferFromTitles
            ? "rules: recorded buying roles plus roles inferred from job titles (the first matching title rule)"
            : "rules: recorded buying roles only";
        var result = new DimensionResult(Dimensions.BuyingCenter, classes, [], method) { Notes = notes };
        return new BuyingCenterResult(result, holders.ToColumns())
        {
            Party = party,
            Contacts = contactCounts,
            Missing = missingRoles,
            HoldersFrom = holdersFrom,
            ContactsOf = contacts,
            Options = options,
        };
    }

    /// <summary>
    /// The reason of a buying center's class from the figures <see cref="Apply"/> gives (<see cref="BuyingCenterResult"/>): the
    /// role holders it names per known role, the contacts on record where none holds a known role, and the required roles missing.
    /// </summary>
    /// <param name="class">The class (the computed one); null where buying roles do not apply.</param>
    /// <param name="party">Where buying roles do not apply: 1 a person, 0 a party of unknown kind without contacts; NaN for an organization.</param>
    /// <param name="contacts">The organization's contacts on record.</param>
    /// <param name="missing">The required roles not known, as bits of the six roles in their order (payer 1 ... stimulator 32).</param>
    /// <param name="holders">The role holders named ("payer C1 (CFO, 0.90), decider ..."); null where no contact holds a known role.</param>
    /// <param name="options">The options the class was applied with.</param>
    public static string? Reason(string? @class, double party, double contacts, double missing, string? holders, BuyingCenterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (@class is null)
        {
            return party switch
            {
                1 => "not an organization: buying roles are for organizations' purchases",
                0 => "not an organization (kind unknown, no contacts): buying roles do not apply",
                _ => null,
            };
        }

        var required = 0;
        foreach (var role in options.RequiredRoles) required |= 1 << RoleIndex(role, "RequiredRoles");
        if (@class == NoContacts) return $"no contacts: nobody at the organization is on record, so none of the {Count(Bits(required))} required buying roles is known";
        var text = new StringBuilder(@class switch
        {
            Complete => "complete: ",
            NoDecider => "no decider known: ",
            _ => "incomplete: ",
        });
        if (holders is not null) text.Append(holders);
        else
        {
            var count = double.IsNaN(contacts) ? 0 : (int)contacts;
            text.Append(Count(count)).Append(count == 1 ? " contact" : " contacts").Append(" but no role recorded or inferred from their titles");
        }

        var bits = double.IsNaN(missing) ? 0 : (int)missing;
        if (bits == 0) return text.Append("; all ").Append(Count(Bits(required))).Append(" required roles known").ToString();
        text.Append("; missing ");
        var listed = 0;
        for (var r = 0; r < Roles.Length; r++)
        {
            if ((bits & (1 << r)) != 0) text.Append(listed++ == 0 ? "" : ", ").Append(Roles[r]);
        }

        return text.ToString();
    }

    /// <summary>
    /// The role holders a reason names, per known role the heaviest first (ties in contact order), from the rows of
    /// <paramref name="holders"/> from <paramref name="first"/> on that are the same customer's; null where none holds a known role.
    /// </summary>
    /// <remarks>Told when a row is written or a reason rendered, not kept per organization: at a million customers the texts were some 150 MB of the analysis's heap.</remarks>
    internal static string? HoldersText(ContactColumns contacts, BuyingRoleHolders holders, int first, BuyingCenterOptions options)
    {
        if (first < 0) return null;
        var end = first;
        while (end < holders.Count && holders.CustomerIndex[end] == holders.CustomerIndex[first]) end++;
        var text = new StringBuilder();
        var shown = 0;
        var size = end - first;
        Span<int> rows = size <= 256 ? stackalloc int[size] : new int[size];
        for (var r = 0; r < Roles.Length; r++)
        {
            var m = 0;
            for (var k = first; k < end; k++)
            {
                if (string.Equals(holders.Role[k], Roles[r], StringComparison.Ordinal) && Counts(holders, k, options)) rows[m++] = k;
            }

            if (m == 0) continue;
            // Heaviest first, ties in contact order (rows are in contact order): an insertion sort, as m is a handful.
            var byWeight = rows[..m];
            for (var x = 1; x < m; x++)
            {
                var row = byWeight[x];
                var y = x - 1;
                for (; y >= 0 && RecordedRoles.Heavier(holders.Weight[row], holders.Weight[byWeight[y]]) > 0; y--) byWeight[y + 1] = byWeight[y];
                byWeight[y + 1] = row;
            }

            text.Append(shown++ == 0 ? "" : ", ").Append(Roles[r]).Append(' ');
            var limit = Math.Max(1, options.HoldersShownPerRole);
            for (var j = 0; j < Math.Min(m, limit); j++)
            {
                var k = byWeight[j];
                if (j > 0) text.Append(" and ");
                text.Append(contacts.ContactId[holders.ContactIndex[k]]).Append(" (")
                    .Append(string.IsNullOrWhiteSpace(contacts.Title[holders.ContactIndex[k]]) ? "no title" : contacts.Title[holders.ContactIndex[k]]!.Trim())
                    .Append(holders.Inferred[k] ? ", inferred from title, " : ", ")
                    .Append(WeightText(holders.Weight[k]))
                    .Append(')');
            }

            if (m > limit) text.Append(" +").Append(Count(m - limit)).Append(" more");
        }

        return shown == 0 ? null : text.ToString();
    }

    private static double[] NaNs(int n)
    {
        var values = new double[n];
        Array.Fill(values, double.NaN);
        return values;
    }

    private static bool Counts(BuyingRoleHolders holders, int k, BuyingCenterOptions options) =>
        holders.Inferred[k]
            ? options.InferredCountsAsKnown && holders.Weight[k] >= options.MinWeight
            : double.IsNaN(holders.Weight[k]) || holders.Weight[k] >= options.MinWeight;

    /// <summary>Contacts grouped by customer, in contact order: those of customer <c>i</c> are <c>members[start[i]..start[i + 1]]</c>.</summary>
    private static (int[] Start, int[] Members, int Orphans) ContactsByCustomer(ContactColumns contacts, int n)
    {
        var start = new int[n + 1];
        var orphans = 0;
        foreach (var customer in contacts.CustomerIndex)
        {
            if ((uint)customer < (uint)n) start[customer + 1]++;
            else orphans++;
        }

        for (var i = 0; i < n; i++) start[i + 1] += start[i];
        var members = new int[start[n]];
        var next = start[..n];
        for (var c = 0; c < contacts.Count; c++)
        {
            var customer = contacts.CustomerIndex[c];
            if ((uint)customer < (uint)n) members[next[customer]++] = c;
        }

        return (start, members, orphans);
    }

    private static int RoleIndex(string role, string option)
    {
        var index = Array.IndexOf(Roles, role?.Trim().ToLowerInvariant());
        return index >= 0
            ? index
            : throw new ArgumentException($"{option} names \"{role}\", which is not a buying role ({string.Join(", ", Roles)}).", nameof(role));
    }

    /// <summary>"0.90"; "no weight" for NaN. Weights of hundredths in 0-1, nearly all of them, come from a table: formatting is the cost of the reasons.</summary>
    private static string WeightText(double weight)
    {
        if (double.IsNaN(weight)) return "no weight";
        var hundredths = Math.Round(weight * 100);
        return hundredths is >= 0 and <= 100 && Math.Abs((weight * 100) - hundredths) < 1e-9
            ? Hundredths[(int)hundredths]
            : weight.ToString("0.00", CultureInfo.InvariantCulture);
    }

    private static readonly string[] Hundredths =
        [.. Enumerable.Range(0, 101).Select(h => (h / 100.0).ToString("0.00", CultureInfo.InvariantCulture))];

    private static int Bits(int mask) => System.Numerics.BitOperations.PopCount((uint)mask);

    private static string Count(int count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
