using System.Diagnostics;
using Clientele.Shell;

namespace Clientele.Core.Tests.Shell;

public sealed class ShellWordTests
{
    [Theory]
    [InlineData("ladder=customer", "ladder=customer")]
    [InlineData("buying_center=no contacts", "'buying_center=no contacts'")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("", "''")]
    public void A_word_is_bare_only_when_the_shell_leaves_it_as_it_is(string argument, string word) =>
        Assert.Equal(word, ShellWord.Quote(argument));

    [Theory]
    [InlineData("buying_center=no contacts")]
    [InlineData("a'b \"c\" $HOME `x` \\ ; & | * ? ~ ! # ( ) < >")]
    [InlineData("class=größer, ja")]
    [InlineData("")]
    public void Bash_reads_the_quoted_word_back_as_the_argument(string argument)
    {
        var start = new ProcessStartInfo("bash", ["-c", $"printf %s {ShellWord.Quote(argument)}"]) { RedirectStandardOutput = true };
        using var bash = Process.Start(start)!;
        var output = bash.StandardOutput.ReadToEnd();
        bash.WaitForExit();
        Assert.Equal(0, bash.ExitCode);
        Assert.Equal(argument, output);
    }
}
