namespace Clientele.Storage.Access;

/// <summary>The tables of who may use a workspace through <c>clientele serve</c>: its users and its API keys.</summary>
internal static class AccessSchema
{
    public static readonly string[] Tables =
    [
        """
        CREATE TABLE users (
            user_name VARCHAR PRIMARY KEY, role VARCHAR NOT NULL, password_hash VARCHAR NOT NULL,
            created_at TIMESTAMP NOT NULL, created_by VARCHAR, password_changed_at TIMESTAMP NOT NULL, must_change_password BOOLEAN NOT NULL)
        """,
        """
        CREATE TABLE api_keys (
            key_id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, role VARCHAR NOT NULL, key_sha256 VARCHAR NOT NULL,
            created_at TIMESTAMP NOT NULL, created_by VARCHAR, last_used_at TIMESTAMP)
        """,
    ];
}
