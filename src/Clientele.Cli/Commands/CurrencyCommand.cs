using System.CommandLine;
using Clientele.Money;
using Clientele.Storage;

namespace Clientele.Cli.Commands;

/// <summary>
/// <c>clientele currency [CODE] [--number-format 1.234,5]</c>: names the workspace's currency and how amounts are written, for
/// the CLI's tables, the API, the dashboard and exports; without arguments prints what is set. <c>--reset</c> forgets it.
/// </summary>
internal static class CurrencyCommand
{
    public static Command Create(CliContext context, Option<string?> workspaceOption)
    {
        var code = new Argument<string?>("code") { Description = "An ISO 4217 currency code such as EUR, USD, GBP or JPY.", Arity = ArgumentArity.ZeroOrOne };
        var numberFormat = new Option<string?>("--number-format")
        {
            Description = $"How amounts are written, shown as one thousand two hundred thirty-four and a half: {string.Join(", ", MoneyFormat.NumberFormats)} (default 1,234.5).",
        };
        var reset = new Option<bool>("--reset") { Description = "Forget the currency and number format: amounts as plain numbers, 1,234.5." };
        var command = new Command("currency",
            "Name the currency of the data's amounts (and how to write them): the CLI's tables, the API's answers, the dashboard and exports then say it. No new analysis needed.")
        {
            code, numberFormat, reset,
        };
        command.SetAction(parsed =>
        {
            using var workspace = context.OpenWorkspace(CliApp.WorkspacePath(context, parsed.GetValue(workspaceOption)));
            if (parsed.GetValue(reset))
            {
                MoneySetting.Reset(workspace);
                context.Out.WriteLine("The workspace names no currency again; amounts are written 1,234.5.");
                return 0;
            }
            var given = parsed.GetValue(code);
            var pattern = parsed.GetValue(numberFormat);
            if (given is null && pattern is null)
            {
                var current = MoneySetting.Read(workspace);
                context.Out.WriteLine(current.Currency is null
                    ? $"No currency named; amounts are written {current.NumberFormat}. Name one with `clientele currency EUR` (any ISO 4217 code)."
                    : $"Currency {current.Currency}; amounts are written {current.Amount(1234.5, 1)}.");
                return 0;
            }
            MoneyFormat format;
            try
            {
                var stored = MoneySetting.Read(workspace);
                format = MoneyFormat.Parse(given ?? stored.Currency, pattern ?? stored.NumberFormat);
            }
            catch (FormatException e)
            {
                throw new WorkspaceException(e.Message, e);
            }
            MoneySetting.Store(workspace, format);
            context.Out.WriteLine(format.Currency is null
                ? $"Stored: amounts are written {format.NumberFormat}, with no currency named."
                : $"Stored: amounts are in {format.Currency}, written {format.Amount(1234.5, 1)}.");
            return 0;
        });
        return command;
    }
}
