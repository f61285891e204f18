using System.CommandLine;
using Clientele.Storage;

namespace Clientele.Cli.Serving;

/// <summary>
/// Which command lines only read the workspace (a running <c>clientele serve</c> may run them for the CLI), and for every
/// other one, how to do the same while the server holds the workspace: the dashboard page or API call, else stopping it.
/// Every command of the tree is named here; a new one reads as a writer until it is added.
/// </summary>
internal static class ServedCommands
{
    /// <summary>The commands that only read, whatever their options.</summary>
    public static readonly IReadOnlyList<string> Readers = ["status", "summary", "customers", "customer", "segments", "concerns", "referrals thank", "referrals ask", "referrals results", "transitions", "export", "report"];

    /// <summary>The command's path below <c>clientele</c>, e.g. <c>model fit</c>.</summary>
    public static string PathOf(ParseResult parsed)
    {
        var names = new List<string>();
        for (var result = parsed.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            names.Insert(0, result.Command.Name);
        return string.Join(' ', names.Skip(1));
    }

    /// <summary>Whether the command line only reads the workspace.</summary>
    public static bool Reads(ParseResult parsed) => PathOf(parsed) switch
    {
        var path when Readers.Contains(path) => true,
        "options" => !Given(parsed, "--set") && !Given(parsed, "--reset"),
        "override" => Given(parsed, "--list"),
        "currency" => Value(parsed, "code") is null && !Given(parsed, "--number-format") && !Given(parsed, "--reset"),
        _ => false,
    };

    /// <summary>What to do instead of a command line that changes the workspace the server holds.</summary>
    public static string HowToWrite(ParseResult parsed, ServingRecord serving)
    {
        var url = serving.LocalUrl;
        const string Key = "with an API key, docs/api.md";
        var instead = PathOf(parsed) switch
        {
            "import" when Value(parsed, "--undo") is { } n =>
                $"undo it on the dashboard's Data page ({url}/data, analysts) or with POST {url}/api/imports/{n}/undo ({Key}; GET first shows what it removes)",
            "import" => $"import on the dashboard's Data page ({url}/data, analysts; files up to 100 MB) or with POST {url}/api/imports " +
                        $"(a multipart form with table, file and the same options; {Key})",
            "analyze" => $"analyze on the dashboard's Data page ({url}/data, analysts) or with POST {url}/api/analyses " +
                         $"(body {{\"asOf\", \"horizonDays\", \"model\", \"timeUnit\"}}, all optional; {Key}); the stored options apply, an --options file does not",
            "erase" => $"erase it with DELETE {url}/api/customers/{Value(parsed, "customer")} ({Key}, admins; GET {url}/api/customers/{Value(parsed, "customer")}/erasure first shows what it removes)",
            "override" when Given(parsed, "--remove") =>
                $"remove it on the customer's page ({url}/customers/{Value(parsed, "customer")}, analysts) or with DELETE {url}/api/customers/{Value(parsed, "customer")}/overrides/{Value(parsed, "--dimension")} ({Key})",
            "override" => $"set it on the customer's page ({url}/customers/{Value(parsed, "customer")}, analysts) or with PUT {url}/api/customers/{Value(parsed, "customer")}/overrides/{Value(parsed, "--dimension") ?? "DIMENSION"} " +
                          $"(body {{\"class\": ..., \"reason\": ...}}; {Key})",
            "users reset-password" => $"reset it on the Users and keys page ({url}/settings, admins) or with PUT {url}/api/users/{Value(parsed, "name")} " +
                                      $"(body {{\"resetPassword\": true}}; {Key}); if no admin can sign in, {serving.HowToStop}",
            "currency" => $"set it with PUT {url}/api/settings/money (body {{\"currency\": \"EUR\", \"numberFormat\": \"1.234,5\"}}, either may be left out; {Key}, admins)",
            "referrals record" => $"record it on the dashboard's Referrals page ({url}/referrals, analysts: the Thanked and Asked buttons) or with POST {url}/api/referrals/records " +
                                  $"(body {{\"customerId\": ..., \"action\": \"thank\" or \"ask\", \"note\": ...}}; {Key})",
            "serve" => $"it is served already at {url}; to serve it again",
            _ => null,
        };
        var how = instead is null ? serving.HowToStop
            : instead.EndsWith(serving.HowToStop, StringComparison.Ordinal) ? instead
            : $"{instead}; or {serving.HowToStop}";
        return $"`clientele serve` (process {serving.ProcessId}) holds the workspace and serves it at {string.Join(", ", serving.Urls)}, so " +
               $"`{PathOf(parsed)}` cannot change it now: {how}.";
    }

    /// <summary>Whether an option was given on the command line (not only its default).</summary>
    private static bool Given(ParseResult parsed, string option) =>
        parsed.CommandResult.Command.Options.FirstOrDefault(o => o.Name == option) is { } found && parsed.GetResult(found) is { Implicit: false } result
        && !(result.Tokens.Count == 1 && string.Equals(result.Tokens[0].Value, "false", StringComparison.OrdinalIgnoreCase));

    /// <summary>The first value given for an option or argument, or null.</summary>
    private static string? Value(ParseResult parsed, string name)
    {
        var command = parsed.CommandResult.Command;
        System.CommandLine.Parsing.SymbolResult? result =
            command.Options.FirstOrDefault(o => o.Name == name) is { } option ? parsed.GetResult(option)
            : command.Arguments.FirstOrDefault(a => a.Name == name) is { } argument ? parsed.GetResult(argument)
            : null;
        return result is { Tokens.Count: > 0 } ? result.Tokens[0].Value : null;
    }
}
