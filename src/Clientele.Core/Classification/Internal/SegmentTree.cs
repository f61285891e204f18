namespace Clientele.Classification.Internal;

/// <summary>The nodes of the structure map by path; a node's ancestors are always added before it, so a parent's index is below its children's.</summary>
internal sealed class SegmentTree
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    public List<string> Path { get; } = [];

    public List<int> Parent { get; } = [];

    public int Count => Path.Count;

    /// <summary>The node of <paramref name="path"/> ("a/b/c", already normalised), added with its missing ancestors under <paramref name="root"/>.</summary>
    public int Ensure(string path, string root)
    {
        if (_index.TryGetValue(path, out var found))
        {
            return found;
        }

        var cut = path.LastIndexOf('/');
        var parent = path == root ? -1 : Ensure(cut < 0 ? root : path[..cut], root);
        _index[path] = Path.Count;
        Path.Add(path);
        Parent.Add(parent);
        return Path.Count - 1;
    }

    public int Find(string path) => _index.GetValueOrDefault(path, -1);

    public int Level(int node)
    {
        var level = 0;
        for (var p = Parent[node]; p >= 0; p = Parent[p]) level++;
        return level;
    }

    /// <summary>Orders paths segment by segment (so "a/b" and its children come before "a/b-c"), the root first.</summary>
    public static int Compare(string a, string b, string root)
    {
        if (a == root || b == root)
        {
            return a == b ? 0 : a == root ? -1 : 1;
        }

        var x = a.Split('/');
        var y = b.Split('/');
        for (var k = 0; k < Math.Min(x.Length, y.Length); k++)
        {
            var order = string.CompareOrdinal(x[k], y[k]);
            if (order != 0) return order;
        }

        return x.Length.CompareTo(y.Length);
    }
}
