namespace Clientele.Cli.Output;

/// <summary>An <see cref="IProgress{T}"/> that reports on the calling thread (the BCL's Progress posts to a thread pool).</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
