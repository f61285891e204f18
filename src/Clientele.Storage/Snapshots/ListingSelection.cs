namespace Clientele.Storage.Snapshots;

/// <summary>
/// The smallest <c>wanted</c> of the keys offered, in order: a bounded max-heap when few are wanted (a page near the
/// start of a million matches costs a pass, not a sort), every key sorted when many are.
/// </summary>
internal sealed class ListingSelection(long wanted)
{
    /// <summary>Beyond this many, keeping every key and sorting once is cheaper than a heap's churn.</summary>
    private const int HeapLimit = 50_000;

    private readonly int _wanted = (int)Math.Min(wanted, int.MaxValue);
    private long[] _keys = new long[Math.Min(Math.Min(wanted, HeapLimit), 1024)];
    private int _count;

    public void Offer(long key)
    {
        if (_wanted == 0) return;
        if (_wanted > HeapLimit || _count < _wanted)
        {
            if (_count == _keys.Length) Array.Resize(ref _keys, _keys.Length * 2);
            _keys[_count++] = key;
            if (_wanted <= HeapLimit) Up(_count - 1);
            return;
        }
        if (key >= _keys[0]) return;
        _keys[0] = key;
        Down(0);
    }

    /// <summary>The kept keys, smallest first.</summary>
    public ArraySegment<long> Sorted()
    {
        Array.Sort(_keys, 0, _count);
        return new ArraySegment<long>(_keys, 0, Math.Min(_count, _wanted));
    }

    private void Up(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (_keys[parent] >= _keys[i]) return;
            (_keys[parent], _keys[i]) = (_keys[i], _keys[parent]);
            i = parent;
        }
    }

    private void Down(int i)
    {
        while (true)
        {
            var largest = i;
            var left = 2 * i + 1;
            if (left < _count && _keys[left] > _keys[largest]) largest = left;
            if (left + 1 < _count && _keys[left + 1] > _keys[largest]) largest = left + 1;
            if (largest == i) return;
            (_keys[largest], _keys[i]) = (_keys[i], _keys[largest]);
            i = largest;
        }
    }
}
