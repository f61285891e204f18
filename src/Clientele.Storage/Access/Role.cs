namespace Clientele.Storage.Access;

/// <summary>What a user or an API key may do. Each role may do everything the ones below it may.</summary>
public enum Role
{
    /// <summary>Reads everything: customers, classes, segments, models. Changes nothing.</summary>
    Viewer,

    /// <summary>A viewer who also imports files, runs analyses and sets or removes overrides.</summary>
    Analyst,

    /// <summary>An analyst who also manages users, API keys and the classification options.</summary>
    Admin,
}

/// <summary>Role names as stored and shown: admin, analyst, viewer.</summary>
public static class Roles
{
    /// <summary>The role's name in lower case.</summary>
    public static string Name(this Role role) => role.ToString().ToLowerInvariant();

    /// <summary>The role of that name (any case).</summary>
    /// <exception cref="WorkspaceException">No such role; the message lists them.</exception>
    public static Role Parse(string text) =>
        text.Trim() is { Length: > 0 } name && char.IsLetter(name[0]) && Enum.TryParse<Role>(name, ignoreCase: true, out var role)
            ? role
            : throw new WorkspaceException($"unknown role '{text}': choose one of admin, analyst, viewer.");
}
