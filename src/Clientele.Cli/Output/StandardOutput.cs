using System.Text;

namespace Clientele.Cli.Output;

/// <summary>
/// The process's standard output, whose failed writes say that they were the standard output's: a full disk behind
/// <c>clientele customers --format csv &gt; file</c> is then told as the output's, not the workspace's
/// (<see cref="Storage.OutOfResourcesException"/> words it; the failure's code is kept).
/// </summary>
internal sealed class StandardOutput(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    public override string NewLine
    {
#pragma warning disable CS8765 // TextWriter's setter takes null for the default
        get => inner.NewLine;
        set => inner.NewLine = value;
#pragma warning restore CS8765
    }

    // Each write passes its value to a static lambda: no closure allocated per call, which a million-row CSV makes millions of.
    public override void Write(char value) => Guard(value, static (w, v) => w.Write(v));

    public override void Write(string? value) => Guard(value, static (w, v) => w.Write(v));

    public override void Write(char[] buffer, int index, int count) => Guard((buffer, index, count), static (w, v) => w.Write(v.buffer, v.index, v.count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        try
        {
            inner.Write(buffer);
        }
        catch (IOException e)
        {
            throw Told(e);
        }
    }

    public override void WriteLine(string? value) => Guard(value, static (w, v) => w.WriteLine(v));

    public override void WriteLine() => Guard(0, static (w, _) => w.WriteLine());

    public override void Flush() => Guard(0, static (w, _) => w.Flush());

    private void Guard<T>(T value, Action<TextWriter, T> write)
    {
        try
        {
            write(inner, value);
        }
        catch (IOException e)
        {
            throw Told(e);
        }
    }

    private static IOException Told(IOException e) =>
        new($"cannot write the standard output: {e.Message.Split('\n')[0].Trim().TrimEnd('.')}", e) { HResult = e.HResult };
}
