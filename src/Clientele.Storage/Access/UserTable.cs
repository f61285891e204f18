namespace Clientele.Storage.Access;

/// <summary>
/// The users of a workspace. Passwords arrive hashed: hashing is the server's job, storing is this one's. Every change writes
/// <see cref="ChangeStamp.Access"/> in its transaction, so every server of the workspace drops the users it keeps in memory.
/// </summary>
public static class UserTable
{
    /// <summary>Every user, by name.</summary>
    public static IReadOnlyList<User> All(Workspace workspace) => Read(workspace, null);

    /// <summary>The user of that name (any case), or null.</summary>
    public static User? Find(Workspace workspace, string userName) => Read(workspace, userName).FirstOrDefault();

    /// <summary>How many users there are.</summary>
    public static long Count(Workspace workspace) => workspace.Scalar<long>("SELECT count(*) FROM users");

    /// <summary>Adds a user.</summary>
    /// <exception cref="WorkspaceException">The name is not a valid user name (<see cref="UserNames.Check"/>) or is taken (in any case).</exception>
    public static User Add(Workspace workspace, string userName, Role role, string passwordHash, DateTime createdAt, string? createdBy, bool mustChangePassword)
    {
        userName = UserNames.Check(userName);
        if (Find(workspace, userName) is not null) throw new WorkspaceException($"there is already a user named '{userName}'.");
        var user = new User(userName, role, passwordHash, createdAt, createdBy, createdAt, mustChangePassword);
        return ChangeStamp.Access.Change(workspace, () =>
        {
            using var command = workspace.Command(
                "INSERT INTO users (user_name, role, password_hash, created_at, created_by, password_changed_at, must_change_password) " +
                "VALUES ($name, $role, $hash, $at, $by, $at, $must)",
                ("name", user.UserName), ("role", role.Name()), ("hash", passwordHash), ("at", createdAt), ("by", createdBy), ("must", mustChangePassword));
            command.ExecuteNonQuery();
            return user;
        });
    }

    /// <summary>Stores a new password hash; <paramref name="mustChange"/> marks it one-time.</summary>
    /// <returns>False when there is no such user.</returns>
    public static bool SetPassword(Workspace workspace, string userName, string passwordHash, DateTime changedAt, bool mustChange) =>
        Update(workspace, "password_hash = $value, password_changed_at = $at, must_change_password = $must", userName, passwordHash, changedAt, mustChange);

    /// <summary>Gives a user another role.</summary>
    /// <returns>False when there is no such user.</returns>
    public static bool SetRole(Workspace workspace, string userName, Role role) =>
        Update(workspace, "role = $value", userName, role.Name(), null, null);

    /// <summary>Removes a user.</summary>
    /// <returns>False when there was no such user.</returns>
    public static bool Remove(Workspace workspace, string userName)
    {
        return ChangeStamp.Access.Change(workspace, () =>
        {
            using var command = workspace.Command("DELETE FROM users WHERE lower(user_name) = lower($name)", ("name", UserNames.Normalize(userName)));
            return command.ExecuteNonQuery() > 0;
        });
    }

    private static bool Update(Workspace workspace, string set, string userName, string value, DateTime? at, bool? must)
    {
        return ChangeStamp.Access.Change(workspace, () =>
        {
            using var command = workspace.Command($"UPDATE users SET {set} WHERE lower(user_name) = lower($name)",
                ("name", UserNames.Normalize(userName)), ("value", value));
            if (at is not null) command.Parameters.Add(workspace.Dialect.Parameter("at", at.Value));
            if (must is not null) command.Parameters.Add(workspace.Dialect.Parameter("must", must.Value));
            return command.ExecuteNonQuery() > 0;
        });
    }

    private static List<User> Read(Workspace workspace, string? userName)
    {
        using var command = workspace.Command(
            "SELECT user_name, role, password_hash, created_at, created_by, password_changed_at, must_change_password FROM users" +
            (userName is null ? "" : " WHERE lower(user_name) = lower($name)") + " ORDER BY lower(user_name)");
        if (userName is not null) command.Parameters.Add(workspace.Dialect.Parameter("name", UserNames.Normalize(userName)));
        using var reader = command.ExecuteReader();
        var users = new List<User>();
        while (reader.Read())
        {
            users.Add(new User(reader.GetString(0), Roles.Parse(reader.GetString(1)), reader.GetString(2), reader.GetDateTime(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetDateTime(5), reader.GetBoolean(6)));
        }
        return users;
    }
}
