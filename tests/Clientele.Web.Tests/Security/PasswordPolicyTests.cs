using Clientele.Web.Security;

namespace Clientele.Web.Tests.Security;

public sealed class PasswordPolicyTests
{
    [Theory]
    [InlineData("", "empty or only spaces")]
    [InlineData("            ", "empty or only spaces")]
    [InlineData("short-pass", "at least 12 characters")]
    [InlineData("password1234", "most common")]
    [InlineData("Password2024!", "most common")]
    [InlineData("P@ssw0rd12345", "most common")]
    [InlineData("iloveyou123456", "most common")]
    [InlineData("qwertyuiop12", "most common")]
    [InlineData("Clientele2026!", "most common")]
    [InlineData("aaaaaaaaaaaaaa", "repeated")]
    [InlineData("abcabcabcabcabc", "repeated")]
    [InlineData("121212121212", "repeated")]
    [InlineData("123456789012", "neighbouring")]
    [InlineData("abcdefghijklm", "neighbouring")]
    [InlineData("987654321098", "neighbouring")]
    [InlineData("margarethe-ross", "contain the user name")]
    [InlineData("MY-NAME-IS-MARGARETHE", "contain the user name")]
    public void A_weak_password_is_refused_with_its_reason(string password, string reason)
    {
        var refusal = PasswordPolicy.Refusal(password, "margarethe");
        Assert.NotNull(refusal);
        Assert.Contains(reason, refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("the-first-chief-passphrase")]
    [InlineData("Tk4v-Pq9m-Wz2r")]
    [InlineData("winter is coming to Leeds")]
    public void A_long_uncommon_password_is_accepted(string password) => Assert.Null(PasswordPolicy.Refusal(password, "margarethe"));

    [Fact]
    public void A_password_too_long_is_refused_and_a_short_name_may_appear_inside_one()
    {
        Assert.Contains("at most", PasswordPolicy.Refusal(new string('x', 100) + new string('y', 200), "bo"), StringComparison.Ordinal);
        Assert.Null(PasswordPolicy.Refusal("bo-and-the-long-river", "bo"));
        Assert.NotNull(PasswordPolicy.Refusal("bo", "bo"));
    }

    [Fact]
    public void The_list_holds_a_few_hundred_lower_case_words_and_generated_one_time_passwords_pass()
    {
        Assert.InRange(PasswordPolicy.CommonWords.Count, 300, 2000);
        Assert.All(PasswordPolicy.CommonWords, word => Assert.Equal(word.ToLowerInvariant(), word));
        for (var i = 0; i < 200; i++) Assert.Null(PasswordPolicy.Refusal(Accounts.OneTimePassword(), "someone-else"));
    }
}
