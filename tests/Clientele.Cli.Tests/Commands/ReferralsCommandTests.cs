using System.Text.Json;
using Clientele.Storage.Tests.Snapshots;
using DuckDB.NET.Data;

namespace Clientele.Cli.Tests.Commands;

/// <summary>
/// <c>clientele referrals</c> on the hand-made analyses (as of 2024-12-31: C1 an advocate with P(alive) 0.9, C2 a customer)
/// with a referral, an order, a thank and a complaint imported beside them.
/// </summary>
public sealed class ReferralsCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    private void Analyses(bool withReferrals = true)
    {
        Assert.Equal(0, _cli.Run("init").Code);
        using (var connection = new DuckDBConnection($"Data Source={_cli.Workspace}"))
        {
            connection.Open();
            HandMadeSnapshots.InsertBoth(connection);
        }
        Import("customers", """
            customer_id,name,email
            C1,Ada Lovelace,ada@example.org
            C2,Bolt GmbH,
            C5,Eve Adams,
            """);
        if (!withReferrals) return;
        Import("referrals", """
            referrer_id,referred_id,occurred_at
            C1,C5,2024-02-01
            """);
        Import("orders", """
            customer_id,ordered_at,amount
            C5,2024-03-01,99.5
            C5,2024-11-01,120
            C5,2024-12-01,1120
            C5,2025-01-15,500
            """);
        Import("interactions", """
            customer_id,occurred_at,kind,tag
            C1,2024-03-02,referral_thanks,
            C2,2024-12-01,complaint,delivery
            """);
    }

    private void Import(string table, string content)
    {
        var (code, _, error) = _cli.Run("import", table, _cli.File(table + ".csv", content));
        Assert.True(code == 0, error);
    }

    [Fact]
    public void The_thank_list_names_what_the_referred_customers_bought_since_the_last_thank_and_a_recorded_thank_empties_it()
    {
        Analyses();
        var (code, output, error) = _cli.Run("referrals", "thank");
        Assert.True(code == 0, error);
        Assert.Contains("1 customers to thank as of 2024-12-31", output, StringComparison.Ordinal);
        Assert.Contains("1 referred customer bought 1,240.00 since we last thanked them on 2024-03-02", output, StringComparison.Ordinal);

        (code, output, error) = _cli.Run("referrals", "record", "thank", "C1", "--note", "Sent flowers");
        Assert.True(code == 0, error);
        Assert.Contains("Recorded referral_thanks for C1", output, StringComparison.Ordinal);
        (code, output, _) = _cli.Run("referrals", "thank");
        Assert.Equal(0, code);
        Assert.StartsWith("Nobody to thank: no referred customer bought", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_is_for_a_mail_tool_with_id_name_email_reason_and_value()
    {
        Analyses();
        var (code, output, error) = _cli.Run("referrals", "thank", "--format", "csv");
        Assert.True(code == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("customer_id,name,email,reason,value,referred_bought,helps,last_thanked,counted_from", lines[0]);
        Assert.Equal("C1,Ada Lovelace,ada@example.org,\"1 referred customer bought 1,240.00 since we last thanked them on 2024-03-02\",1240,1,0,2024-03-02,2024-03-03", lines[1]);
        (code, output, error) = _cli.Run("referrals", "ask", "--format", "csv");
        Assert.True(code == 0, error);
        lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("customer_id,name,email,reason,value,ladder,p_alive,churn_status,last_asked", lines[0]);
        Assert.StartsWith("C1,Ada Lovelace,ada@example.org,advocate; P(alive) 0.90 ≥ 0.60; never asked;", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void An_ask_recorded_now_takes_the_customer_off_the_ask_list_for_the_cooldown_and_json_says_why()
    {
        Analyses();
        var (code, output, error) = _cli.Run("referrals", "ask", "--format", "json");
        Assert.True(code == 0, error);
        var list = JsonDocument.Parse(output).RootElement;
        Assert.Equal("C1", Assert.Single(list.GetProperty("candidates").EnumerateArray()).GetProperty("customerId").GetString());
        Assert.Equal(0, _cli.Run("referrals", "record", "ask", "C1").Code);
        (code, output, _) = _cli.Run("referrals", "ask");
        Assert.Equal(0, code);
        Assert.Equal("Nobody to ask: of 1 supporters and advocates, 0 are not alive by P(alive) ≥ 0.60 (model pnbd), 1 were asked within 180 days and 0 have an open complaint.", output.Trim());
    }

    [Fact]
    public void An_ask_recorded_now_is_listed_by_the_results_as_still_in_its_window_and_not_in_their_figures()
    {
        Analyses();
        Assert.Equal(0, _cli.Run("referrals", "record", "ask", "C1").Code);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (code, output, error) = _cli.Run("referrals", "results");
        Assert.True(code == 0, error);
        Assert.Contains("After an ask (2023-10-04 to 2024-10-02, 90 days after each): No customer of the analysis was asked from 2023-10-04 to 2024-10-02 " +
            "(the data has 1 referral_ask interaction, none in that period): nothing to measure.", output, StringComparison.Ordinal);
        Assert.Contains("1 thanks and asks from 2024-10-03 on are still in their window (not in the figures above); what followed each so far:", output, StringComparison.Ordinal);
        Assert.Contains($"  asked C1 on {today}: no referral since", output, StringComparison.Ordinal);

        // --open lists them alone, in every format; the CSV is one row per thank or ask, for a spreadsheet.
        (code, output, error) = _cli.Run("referrals", "results", "--open", "--format", "csv");
        Assert.True(code == 0, error);
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("action,customer_id,name,at,referrals,referred_value", rows[0]);
        Assert.Single(rows[1..]);
        Assert.StartsWith($"ask,C1,", rows[1], StringComparison.Ordinal);
        Assert.EndsWith(",0,0", rows[1], StringComparison.Ordinal);
        Assert.Contains($",{today}", rows[1], StringComparison.Ordinal);
        (code, output, error) = _cli.Run("referrals", "results", "--open");
        Assert.True(code == 0, error);
        Assert.StartsWith("1 thanks and asks from 2024-10-03 on are still in their window; what followed each so far:", output.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("After an ask", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_referrals_or_helps_the_thank_list_says_the_data_has_none_rather_than_print_an_empty_table()
    {
        Analyses(withReferrals: false);
        var (code, output, error) = _cli.Run("referrals", "thank");
        Assert.True(code == 0, error);
        Assert.StartsWith("Nobody to thank: the data has no referrals and no review or suggestion interactions.", output, StringComparison.Ordinal);
        (code, output, error) = _cli.Run("referrals", "results");
        Assert.True(code == 0, error);
        Assert.Contains("After a thank (2023-10-04 to 2024-10-02, 90 days after each): The data has no referral_thanks interactions: nothing to measure.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Recording_for_an_unknown_customer_or_an_unknown_action_fails_with_a_clear_message()
    {
        Analyses();
        var (code, _, error) = _cli.Run("referrals", "record", "thank", "C99");
        Assert.Equal(1, code);
        Assert.Contains("unknown customer 'C99'", error, StringComparison.Ordinal);
        (code, _, error) = _cli.Run("referrals", "record", "hug", "C1");
        Assert.Equal(2, code);
        Assert.Contains("hug", error, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
