using Clientele.Tables;

namespace Clientele.Storage.Referrals;

/// <summary>
/// Records that we thanked a customer or asked it for a referral: one row of <c>interactions</c> of kind
/// <c>referral_thanks</c> or <c>referral_ask</c>, as an import of such rows would. The lists read the interactions when
/// asked, so the customer leaves the thank list (or enters its ask cooldown) at once.
/// </summary>
public static class ReferralLog
{
    /// <summary>The longest note kept; a longer one is refused.</summary>
    public const int MaxNoteLength = 2_000;

    /// <summary>The interaction kind of an action.</summary>
    public static string KindOf(ReferralAction action) => action switch
    {
        ReferralAction.Thank => CanonicalTables.ReferralThanksKind,
        ReferralAction.Ask => CanonicalTables.ReferralAskKind,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    /// <summary>Writes the interaction and returns it.</summary>
    /// <exception cref="NotFoundException">The customers table has no such id.</exception>
    /// <exception cref="WorkspaceException">An empty customer id, or a note over <see cref="MaxNoteLength"/> characters.</exception>
    public static RecordedReferralAction Record(Workspace workspace, string customerId, ReferralAction action, string? note, DateTime at)
    {
        if (string.IsNullOrWhiteSpace(customerId)) throw new WorkspaceException("the customer id is empty: name the customer thanked or asked.");
        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (text is { Length: > MaxNoteLength })
            throw new WorkspaceException($"the note has {text.Length:N0} characters; at most {MaxNoteLength:N0} are kept.");
        if (ReferralSql.RowCount(workspace, "SELECT count(*) FROM customers WHERE customer_id = $id", ("id", customerId)) == 0)
            throw new NotFoundException($"unknown customer '{customerId}': the customers table has no such id (ids are matched exactly).");
        var kind = KindOf(action);
        var recorded = new RecordedReferralAction($"{kind}-{Guid.NewGuid():N}", customerId, kind, at, text);
        using var command = ReferralSql.Command(workspace,
            // No sentiment: the row is our act, not the customer's mood, and the influence roles count positive interactions.
            "INSERT INTO interactions (interaction_id, customer_id, occurred_at, kind, text) VALUES ($id, $customer, $at, $kind, $text)",
            ("id", recorded.InteractionId), ("customer", customerId), ("at", at), ("kind", kind),
            ("text", text));
        command.ExecuteNonQuery();
        return recorded;
    }
}
