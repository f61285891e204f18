using Clientele.Storage.Access;

namespace Clientele.Storage.Tests.Contract;

/// <summary>The contract's users, API keys and data-protection keys (<see cref="UserTable"/>, <see cref="ApiKeyTable"/>, <see cref="DataProtectionKeyTable"/>).</summary>
public abstract partial class StorageContractTests
{
    // Whole microseconds: what both engines' TIMESTAMP keeps.
    private static readonly DateTime Monday = new(2025, 3, 3, 9, 30, 15, 123, 456, DateTimeKind.Utc);

    [Fact]
    public void Users_are_added_found_in_any_case_changed_and_removed()
    {
        using var workspace = NewWorkspace();
        var ada = UserTable.Add(workspace, "Ada", Role.Admin, "hash-1", Monday, null, mustChangePassword: true);
        UserTable.Add(workspace, "bolt", Role.Viewer, "hash-2", Monday.AddDays(1), "Ada", mustChangePassword: false);
        Assert.Equal(2, UserTable.Count(workspace));
        Assert.Equal(ada, UserTable.Find(workspace, "ADA"));
        Assert.Equal(["Ada", "bolt"], UserTable.All(workspace).Select(u => u.UserName));
        Assert.Equal(new User("bolt", Role.Viewer, "hash-2", Monday.AddDays(1), "Ada", Monday.AddDays(1), false), UserTable.Find(workspace, "Bolt"));

        Assert.True(UserTable.SetPassword(workspace, "ada", "hash-3", Monday.AddDays(2), mustChange: false));
        Assert.True(UserTable.SetRole(workspace, "BOLT", Role.Analyst));
        Assert.Equal(ada with { PasswordHash = "hash-3", PasswordChangedAt = Monday.AddDays(2), MustChangePassword = false }, UserTable.Find(workspace, "Ada"));
        Assert.Equal(Role.Analyst, UserTable.Find(workspace, "bolt")!.Role);

        Assert.True(UserTable.Remove(workspace, "BOLT"));
        Assert.False(UserTable.Remove(workspace, "bolt"));
        Assert.False(UserTable.SetRole(workspace, "bolt", Role.Admin));
        Assert.Equal(["Ada"], UserTable.All(workspace).Select(u => u.UserName));
    }

    [Fact]
    public void A_user_name_taken_in_another_case_or_width_is_refused()
    {
        using var workspace = NewWorkspace();
        UserTable.Add(workspace, "admin", Role.Admin, "hash", Monday, null, mustChangePassword: false);
        Assert.Contains("already a user named", Assert.Throws<WorkspaceException>(() =>
            UserTable.Add(workspace, "ADMIN", Role.Viewer, "hash", Monday, null, mustChangePassword: false)).Message, StringComparison.Ordinal);
        Assert.Contains("already a user named", Assert.Throws<WorkspaceException>(() =>
            UserTable.Add(workspace, "ａｄｍｉｎ", Role.Viewer, "hash", Monday, null, mustChangePassword: false)).Message, StringComparison.Ordinal);
        Assert.Equal(1, UserTable.Count(workspace));
    }

    [Fact]
    public void An_API_key_is_verified_by_its_secret_only_touched_listed_newest_first_and_revoked()
    {
        using var workspace = NewWorkspace();
        var (first, firstSecret) = ApiKeyTable.Create(workspace, " nightly import ", Role.Analyst, Monday, "Ada");
        var (second, secondSecret) = ApiKeyTable.Create(workspace, "dashboard kiosk", Role.Viewer, Monday.AddHours(1), null);
        Assert.Equal("nightly import", first.Name);
        Assert.Equal(first, ApiKeyTable.Verify(workspace, firstSecret));
        Assert.Equal(second, ApiKeyTable.Verify(workspace, " " + secondSecret + " "));
        Assert.Null(ApiKeyTable.Verify(workspace, firstSecret[..^1] + (firstSecret[^1] == 'A' ? 'B' : 'A')));
        Assert.Null(ApiKeyTable.Verify(workspace, "clk_" + second.KeyId + "." + firstSecret.Split('.')[1]));
        Assert.Null(ApiKeyTable.Verify(workspace, "not a key"));

        ApiKeyTable.Touch(workspace, first.KeyId, Monday.AddDays(1));
        Assert.Equal([second with { }, first with { LastUsedAt = Monday.AddDays(1) }], ApiKeyTable.All(workspace));

        Assert.True(ApiKeyTable.Revoke(workspace, first.KeyId));
        Assert.False(ApiKeyTable.Revoke(workspace, first.KeyId));
        Assert.Null(ApiKeyTable.Verify(workspace, firstSecret));
        Assert.Equal([second], ApiKeyTable.All(workspace));
    }

    [Fact]
    public void Every_change_to_users_and_keys_writes_a_new_access_stamp_and_a_read_a_refusal_or_a_key_used_does_not()
    {
        using var workspace = NewWorkspace();
        var seen = new List<string?> { ChangeStamp.Access.Read(workspace) };
        void Changed(bool expected)
        {
            var stamp = ChangeStamp.Access.Read(workspace);
            Assert.Equal(expected, !seen.Contains(stamp));
            seen.Add(stamp);
        }
        UserTable.Add(workspace, "ada", Role.Admin, "hash-1", Monday, null, mustChangePassword: false);
        Changed(true);
        Assert.Throws<WorkspaceException>(() => UserTable.Add(workspace, "ADA", Role.Viewer, "hash", Monday, null, mustChangePassword: false));
        UserTable.All(workspace);
        Changed(false);
        UserTable.SetPassword(workspace, "ada", "hash-2", Monday, mustChange: false);
        Changed(true);
        UserTable.SetRole(workspace, "ada", Role.Viewer);
        Changed(true);
        var (key, _) = ApiKeyTable.Create(workspace, "kiosk", Role.Viewer, Monday, null);
        Changed(true);
        ApiKeyTable.Touch(workspace, key.KeyId, Monday.AddDays(1));
        Changed(false);
        ApiKeyTable.Revoke(workspace, key.KeyId);
        Changed(true);
        UserTable.Remove(workspace, "ada");
        Changed(true);
    }

    [Fact]
    public void Data_protection_keys_come_back_as_stored_in_the_order_stored_and_a_name_is_stored_once()
    {
        using var workspace = NewWorkspace();
        Assert.Empty(DataProtectionKeyTable.All(workspace));
        const string second = "<key id=\"b\" version=\"1\"><creationDate>2025-03-03T10:30:15Z</creationDate><note>é ✓ &amp; &lt;</note></key>";
        const string first = "<key id=\"a\" version=\"1\"><creationDate>2025-03-03T09:30:15Z</creationDate></key>";
        DataProtectionKeyTable.Add(workspace, "key-b", second, Monday.AddHours(1));
        DataProtectionKeyTable.Add(workspace, "key-a", first, Monday);
        Assert.Equal([first, second], DataProtectionKeyTable.All(workspace));
        Assert.ThrowsAny<System.Data.Common.DbException>(() => DataProtectionKeyTable.Add(workspace, "key-a", "<key id=\"c\"/>", Monday.AddHours(2)));
        Assert.Equal([first, second], DataProtectionKeyTable.All(workspace));
    }
}
