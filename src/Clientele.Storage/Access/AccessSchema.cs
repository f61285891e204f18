namespace Clientele.Storage.Access;

/// <summary>The tables of who may use a workspace through <c>clientele serve</c>: its users and its API keys, and the keys that sign its sessions.</summary>
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

    /// <summary>
    /// The keys ASP.NET's data protection signs and encrypts sign-in cookies and anti-forgery tokens with, one XML element a
    /// row (<see cref="DataProtectionKeyTable"/>): every server of one workspace accepts the sessions any of them started.
    /// Added in schema 11, after the tables above.
    /// </summary>
    public const string DataProtectionKeysTable = """
        CREATE TABLE data_protection_keys (
            name VARCHAR PRIMARY KEY, xml VARCHAR NOT NULL, stored_at TIMESTAMP NOT NULL)
        """;
}
