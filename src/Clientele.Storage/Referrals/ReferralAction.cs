namespace Clientele.Storage.Referrals;

/// <summary>What we did for a customer: thanked it (<c>referral_thanks</c>) or asked it for a referral (<c>referral_ask</c>); see <see cref="ReferralLog.KindOf"/>.</summary>
public enum ReferralAction
{
    /// <summary>Thanked for a referral or other help: an interaction of kind <c>referral_thanks</c>.</summary>
    Thank,

    /// <summary>Asked for a referral: an interaction of kind <c>referral_ask</c>.</summary>
    Ask,
}
