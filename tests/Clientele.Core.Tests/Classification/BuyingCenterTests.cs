using Clientele.Classification;

namespace Clientele.Core.Tests.Classification;

public sealed class BuyingCenterTests
{
    /// <summary>Organizations C1..Cn with the given contacts: (customer index, title, recorded roles as "role:weight").</summary>
    private static CustomerColumns Columns(int organizations, params (int Customer, string? Title, string[] Roles)[] contacts)
    {
        var columns = TestColumns.Create(organizations);
        for (var i = 0; i < organizations; i++) columns.Kind[i] = "organization";
        var roleContact = new List<int>();
        var role = new List<string>();
        var weight = new List<double>();
        for (var c = 0; c < contacts.Length; c++)
        {
            foreach (var entry in contacts[c].Roles)
            {
                var parts = entry.Split(':');
                roleContact.Add(c);
                role.Add(parts[0]);
                weight.Add(parts.Length > 1 ? double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : double.NaN);
            }
        }

        columns.Contacts = new ContactColumns(
            [.. contacts.Select((_, c) => $"K{c + 1}")], [.. contacts.Select(c => c.Customer)], [.. contacts.Select(_ => (string?)null)],
            [.. contacts.Select(c => c.Title)], [.. roleContact], [.. role], [.. weight]);
        return columns;
    }

    /// <summary>The buying centers, and each party's reason as a reader renders it from the stored figures (<see cref="BuyingCenter.Reason"/>).</summary>
    private static Centers Classify(CustomerColumns columns, BuyingCenterOptions? options = null)
    {
        options ??= new BuyingCenterOptions();
        var result = BuyingCenter.Classify(columns, options);
        var reasons = new string?[columns.Count];
        for (var i = 0; i < reasons.Length; i++) reasons[i] = result.Reason(i, options);
        return new Centers(result.Result, result.RoleHolders, reasons);
    }

    private sealed record Centers(DimensionResult Result, BuyingRoleHolders RoleHolders, string?[] Reason);

    [Fact]
    public void One_person_holding_all_six_roles_makes_the_buying_center_complete()
    {
        var columns = Columns(1, (0, "Owner", ["payer:0.9", "user:0.8", "beneficiary:0.7", "decider:1", "promoter:0.6", "stimulator:0.5"]));

        var result = Classify(columns);

        Assert.Equal(BuyingCenter.Complete, result.Result.Class[0]);
        Assert.Equal(
            "complete: payer K1 (Owner, 0.90), user K1 (Owner, 0.80), beneficiary K1 (Owner, 0.70), decider K1 (Owner, 1.00), promoter K1 (Owner, 0.60), stimulator K1 (Owner, 0.50); all 6 required roles known",
            result.Reason[0]);
        Assert.Equal(6, result.RoleHolders.Count);
        Assert.DoesNotContain(true, result.RoleHolders.Inferred);
    }

    [Fact]
    public void A_missing_decider_is_named_and_roles_of_contacts_without_recorded_roles_are_inferred_from_titles()
    {
        var columns = Columns(1, (0, "CFO", ["payer:0.9"]), (0, "Head Chef", []), (0, "Chef", ["user:0.7"]));

        var result = Classify(columns);

        Assert.Equal(BuyingCenter.NoDecider, result.Result.Class[0]);
        Assert.Equal(
            "no decider known: payer K1 (CFO, 0.90), user K3 (Chef, 0.70), beneficiary K2 (Head Chef, inferred from title, 0.50) and K3 (Chef, inferred from title, 0.50), promoter K2 (Head Chef, inferred from title, 0.50); missing decider, stimulator",
            result.Reason[0]);
        Assert.Equal([0, 1, 1, 2, 2], result.RoleHolders.ContactIndex);
        Assert.Equal(["payer", "beneficiary", "promoter", "user", "beneficiary"], result.RoleHolders.Role);
        Assert.Equal([false, true, true, false, true], result.RoleHolders.Inferred);
        Assert.Equal([0.9, 0.5, 0.5, 0.7, 0.5], result.RoleHolders.Weight);
        Assert.Equal(Dimensions.BuyingCenter, result.Result.Dimension);
    }

    [Fact]
    public void A_decider_known_only_from_a_title_counts_unless_the_option_says_inferred_roles_do_not()
    {
        var columns = Columns(1, (0, "Managing Director", []));

        var counted = Classify(columns, new BuyingCenterOptions { RequiredRoles = ["decider"] });
        var notCounted = Classify(columns, new BuyingCenterOptions { RequiredRoles = ["decider"], InferredCountsAsKnown = false });

        Assert.Equal(BuyingCenter.Complete, counted.Result.Class[0]);
        Assert.Equal("complete: beneficiary K1 (Managing Director, inferred from title, 0.50), decider K1 (Managing Director, inferred from title, 0.50); all 1 required roles known", counted.Reason[0]);
        Assert.Equal(BuyingCenter.NoDecider, notCounted.Result.Class[0]);
        Assert.Equal(2, notCounted.RoleHolders.Count);
    }

    [Fact]
    public void A_contact_with_some_recorded_roles_gets_the_rest_of_its_titles_roles_by_default_only()
    {
        var columns = Columns(1, (0, "CEO", ["beneficiary:0.4"]));

        var alongside = Classify(columns);
        var onlyWithoutRecorded = Classify(columns, new BuyingCenterOptions { InferAlongsideRecorded = false });

        Assert.Equal(["beneficiary", "decider"], alongside.RoleHolders.Role);
        Assert.Equal([false, true], alongside.RoleHolders.Inferred);
        Assert.Equal(BuyingCenter.Incomplete, alongside.Result.Class[0]);
        Assert.Equal(["beneficiary"], onlyWithoutRecorded.RoleHolders.Role);
        Assert.Equal(BuyingCenter.NoDecider, onlyWithoutRecorded.Result.Class[0]);
    }

    [Fact]
    public void A_known_decider_with_other_roles_missing_is_incomplete()
    {
        var columns = Columns(1, (0, "Hospital Director", ["decider:0.95"]), (0, "Head of Finance", []));

        var result = Classify(columns);

        Assert.Equal(BuyingCenter.Incomplete, result.Result.Class[0]);
        Assert.Equal(
            "incomplete: payer K2 (Head of Finance, inferred from title, 0.50), beneficiary K1 (Hospital Director, inferred from title, 0.50), decider K1 (Hospital Director, 0.95); missing user, promoter, stimulator",
            result.Reason[0]);
    }

    [Fact]
    public void An_organization_without_contacts_has_no_contacts_and_a_person_gets_no_class()
    {
        var columns = Columns(3);
        columns.Kind[1] = "person";
        columns.Kind[2] = null;

        var result = Classify(columns);

        Assert.Equal([BuyingCenter.NoContacts, null, null], result.Result.Class);
        Assert.Equal("no contacts: nobody at the organization is on record, so none of the 6 required buying roles is known", result.Reason[0]);
        Assert.Equal("not an organization: buying roles are for organizations' purchases", result.Reason[1]);
        Assert.Equal("not an organization (kind unknown, no contacts): buying roles do not apply", result.Reason[2]);
    }

    [Fact]
    public void Contacts_with_no_recorded_role_and_no_known_title_leave_every_role_missing()
    {
        var columns = Columns(1, (0, "Receptionist", []), (0, null, []));

        var result = Classify(columns);

        Assert.Equal(BuyingCenter.NoDecider, result.Result.Class[0]);
        Assert.Equal("no decider known: 2 contacts but no role recorded or inferred from their titles; missing payer, user, beneficiary, decider, promoter, stimulator", result.Reason[0]);
        Assert.Contains("1 contacts' titles match no title rule; the most common: Receptionist (1).", result.Result.Notes);
    }

    [Fact]
    public void A_holder_below_the_minimum_weight_does_not_make_the_role_known()
    {
        var columns = Columns(1, (0, null, ["decider:0.1", "payer:0.8"]));

        var result = Classify(columns, new BuyingCenterOptions { MinWeight = 0.3, RequiredRoles = ["decider", "payer"] });

        Assert.Equal(BuyingCenter.NoDecider, result.Result.Class[0]);
        Assert.Equal("no decider known: payer K1 (no title, 0.80); missing decider", result.Reason[0]);
    }

    [Fact]
    public void Repeated_roles_keep_their_highest_weight_and_unknown_roles_and_contacts_are_ignored_and_reported()
    {
        var columns = Columns(1, (0, null, ["decider:0.3", "decider:0.8", "boss:1"]));
        columns.Contacts = columns.Contacts with
        {
            RoleContact = [.. columns.Contacts.RoleContact, 5],
            Role = [.. columns.Contacts.Role, "payer"],
            RoleWeight = [.. columns.Contacts.RoleWeight, 1],
        };

        var result = Classify(columns);

        Assert.Equal([0.8], result.RoleHolders.Weight);
        Assert.Contains("1 recorded roles are not one of the six buying roles and were ignored.", result.Result.Notes);
        Assert.Contains("1 recorded roles name no known contact and were ignored.", result.Result.Notes);
        Assert.Contains("1 repeated roles of a contact were counted once, at their highest weight.", result.Result.Notes);
    }

    [Fact]
    public void Extra_holders_of_a_role_are_counted_not_named()
    {
        var columns = Columns(1, (0, "Nurse", ["user:0.6"]), (0, "Physician", ["user:0.9"]), (0, "Pharmacist", ["user:0.7"]));

        var result = Classify(columns, new BuyingCenterOptions { InferFromTitles = false, RequiredRoles = ["user"] });

        Assert.Equal("complete: user K2 (Physician, 0.90) and K3 (Pharmacist, 0.70) +1 more; all 1 required roles known", result.Reason[0]);
        Assert.Equal("rules: recorded buying roles only", result.Result.Method);
    }

    [Theory]
    [InlineData("Chief Financial Officer", "payer")]
    [InlineData("Head of Finance", "payer")]
    [InlineData("Controller", "payer")]
    [InlineData("Purchasing Manager", "promoter,payer")]
    [InlineData("Senior Buyer", "promoter,payer")]
    [InlineData("CEO", "decider,beneficiary")]
    [InlineData("General Manager", "decider,beneficiary")]
    [InlineData("Head Teacher", "decider,beneficiary")]
    [InlineData("Principal", "decider,beneficiary")]
    [InlineData("Principal Engineer", "user,beneficiary")]
    [InlineData("Head of Department", "promoter,beneficiary")]
    [InlineData("head chef", "promoter,beneficiary")]
    [InlineData("Chief Physician", "promoter,beneficiary")]
    [InlineData("Health & Safety Officer", "stimulator")]
    [InlineData("Quality Manager", "stimulator")]
    [InlineData("Facilities Manager", "user")]
    [InlineData("Operations  Manager", "user")]
    [InlineData("Process Engineer", "user,beneficiary")]
    [InlineData("Staff Nurse", "user,beneficiary")]
    [InlineData("Receptionist", "")]
    [InlineData("Engineering", "")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void RolesFromTitle_maps_common_english_titles(string? title, string roles)
    {
        var found = BuyingCenter.RolesFromTitle(title, new BuyingCenterOptions());

        Assert.Equal(roles, string.Join(',', found));
    }

    [Fact]
    public void An_edited_title_map_is_used()
    {
        var options = new BuyingCenterOptions
        {
            TitleRules = [new TitleRoleRule { Name = "front desk", Keywords = ["receptionist"], Roles = ["Stimulator"], Weight = 0.2 }],
        };

        Assert.Equal(["stimulator"], BuyingCenter.RolesFromTitle("Receptionist", options));
        Assert.Empty(BuyingCenter.RolesFromTitle("CEO", options));
    }

    [Fact]
    public void The_title_map_round_trips_through_the_options_file()
    {
        var json = new ClassificationOptions().ToJson();

        var read = ClassificationOptions.FromJson(json, "options.json").BuyingCenter;

        Assert.Contains("\"titleRules\"", json, StringComparison.Ordinal);
        Assert.Equal(BuyingCenterOptions.DefaultTitleRules.Count, read.TitleRules.Count);
        Assert.Equal(BuyingCenterOptions.DefaultTitleRules[2].Unless, read.TitleRules[2].Unless);
        Assert.Equal(["promoter", "beneficiary"], BuyingCenter.RolesFromTitle("Head Chef", read));
    }

    [Fact]
    public void An_option_naming_an_unknown_role_is_refused()
    {
        var columns = Columns(1);

        Assert.Throws<ArgumentException>(() => Classify(columns, new BuyingCenterOptions { RequiredRoles = ["boss"] }));
        Assert.Throws<ArgumentException>(() => Classify(columns, new BuyingCenterOptions
        {
            TitleRules = [new TitleRoleRule { Keywords = ["x"], Roles = ["payer"], Weight = 2 }],
        }));
    }

    [Fact]
    public void No_customers_give_an_empty_result()
    {
        var result = Classify(Columns(0));

        Assert.Empty(result.Result.Class);
        Assert.Equal(0, result.RoleHolders.Count);
    }
}
