using Npgsql;

namespace Clientele.Storage.Postgres;

/// <summary>
/// A PostgreSQL workspace's address, <c>postgres://user[:password]@host[:port]/database[?option=value&amp;...]</c> (or
/// <c>postgresql://</c>), as libpq spells it. The options are Npgsql's connection-string keywords (<c>sslmode=require</c>,
/// <c>timeout=30</c>); a password may also come from <c>PGPASSWORD</c> or a <c>.pgpass</c> file, as for every PostgreSQL client.
/// </summary>
internal sealed class PostgresUrl
{
    private const int DefaultPort = 5432;

    private PostgresUrl(NpgsqlConnectionStringBuilder builder, string display) => (_builder, Display) = (builder, display);

    private readonly NpgsqlConnectionStringBuilder _builder;

    /// <summary>Whether a workspace location is a PostgreSQL URL rather than a file path.</summary>
    public static bool IsUrl(string? location) =>
        location?.TrimStart() is { } text && (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) ||
                                              text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase));

    /// <summary>The address without its password: what messages and <see cref="Workspace.Path"/> show.</summary>
    public string Display { get; }

    /// <summary>The database's name.</summary>
    public string Database => _builder.Database!;

    /// <summary>The connection string Npgsql takes.</summary>
    public string ConnectionString => _builder.ConnectionString;

    /// <summary>The same server and credentials, another database (the server's <c>postgres</c> database, to create this one).</summary>
    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder(_builder.ConnectionString) { Database = database }.ConnectionString;

    /// <summary>Reads a URL.</summary>
    /// <exception cref="WorkspaceException">It is not a PostgreSQL URL with a host and a database, or names an unknown option.</exception>
    public static PostgresUrl Parse(string location)
    {
        location = location.Trim();
        if (!IsUrl(location) || !Uri.TryCreate(location, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
            throw new WorkspaceException($"'{Redact(location)}' is not a PostgreSQL URL: write postgres://user@host:port/database.");
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length == 0 || database.Contains('/', StringComparison.Ordinal))
            throw new WorkspaceException($"'{Redact(location)}' names no database: write postgres://user@host:port/database.");
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host.Trim('[', ']'),
            Port = uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port,
            Database = database,
            ApplicationName = "clientele",
            // Npgsql stops waiting for a statement after 30 s, which a summary or an import of millions of rows takes longer
            // than; a workspace's statements run until they finish (the URL's commandtimeout option sets a bound).
            CommandTimeout = 0,
        };
        string? user = null;
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            builder.Username = user;
            if (colon >= 0) builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            try
            {
                builder[key] = value;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
            {
                throw new WorkspaceException($"'{Redact(location)}': the option {key}={value} is not one Npgsql knows ({e.Message.Split('\n')[0]}).", e);
            }
        }
        var host = uri.HostNameType == UriHostNameType.IPv6 ? $"[{builder.Host}]" : builder.Host;
        var display = $"postgres://{(user is null ? "" : Uri.EscapeDataString(user) + "@")}{host}:{builder.Port}/{Uri.EscapeDataString(database)}";
        return new PostgresUrl(builder, display);
    }

    /// <summary>A URL as given, its password (if any) replaced, for a message.</summary>
    private static string Redact(string location)
    {
        var at = location.LastIndexOf('@');
        var scheme = location.IndexOf("://", StringComparison.Ordinal);
        if (at < 0 || scheme < 0 || at < scheme) return location;
        var colon = location.IndexOf(':', scheme + 3);
        return colon > 0 && colon < at ? location[..(colon + 1)] + "***" + location[at..] : location;
    }
}
