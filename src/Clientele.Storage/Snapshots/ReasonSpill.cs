using System.Text;
using Clientele.Classification;

namespace Clientele.Storage.Snapshots;

/// <summary>
/// The reasons of an analysis kept on disk beside the workspace from the moment each dimension's are final
/// (<see cref="FinalReasons"/>) until the snapshot's rows are written, one file per dimension and product line read back in
/// customer order: at a million customers eleven reasons each were some 2 GB of text held at once, now at most one dimension's.
/// </summary>
/// <remarks>The files are named like the snapshot's CSV files, so a run killed mid-way leaves nothing that the next open does not delete.</remarks>
internal sealed class ReasonSpill(string folder) : IDisposable
{
    private readonly Dictionary<(string, string?), string> _files = [];

    /// <summary>Writes the reasons of one dimension or product line (<see cref="FinalReasons"/>).</summary>
    public void Take(string dimension, string? productLine, string?[] reasons)
    {
        var path = $"{folder}-reasons-{Guid.NewGuid():N}.bin";
        _files.Add((dimension, productLine), path);
        using var writer = new BinaryWriter(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20), Encoding.UTF8);
        foreach (var reason in reasons)
        {
            writer.Write(reason is not null);
            if (reason is not null) writer.Write(reason);
        }
    }

    /// <summary>Reads back the reasons of one dimension or product line in customer order, one a call; null when none were taken.</summary>
    public Reader? Read(string dimension, string? productLine = null) =>
        _files.TryGetValue((dimension, productLine), out var path) ? new Reader(path) : null;

    public void Dispose()
    {
        foreach (var path in _files.Values) File.Delete(path);
        _files.Clear();
    }

    /// <summary>One file's reasons in customer order.</summary>
    internal sealed class Reader(string path) : IDisposable
    {
        private readonly BinaryReader _reader = new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20), Encoding.UTF8);

        /// <summary>The next customer's reason.</summary>
        public string? Next() => _reader.ReadBoolean() ? _reader.ReadString() : null;

        public void Dispose() => _reader.Dispose();
    }
}
