using System.Text;

namespace Clientele.Cli;

/// <summary>A <see cref="TextWriter"/> over the context's console, so help texts go where results go.</summary>
internal sealed class SpectreWriter(CliContext context) : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => context.Out.Profile.Out.Writer.Write(value);

    public override void Write(string? value) => context.Out.Profile.Out.Writer.Write(value);

    public override void WriteLine(string? value) => context.Out.Profile.Out.Writer.WriteLine(value);
}
