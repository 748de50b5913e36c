using System.Collections;
using System.Collections.Generic;

namespace Amazon.PowerShell.Common;

/// <summary>A bounded list that drops its oldest item when full; enumerates oldest first.</summary>
public class HistoryBuffer<T> : IEnumerable<T>
{
    private readonly LinkedList<T> _items = new();
    private readonly object _gate = new();
    private int _capacity;

    public HistoryBuffer(int capacity) => _capacity = capacity;

    public int Count { get { lock (_gate) return _items.Count; } }

    /// <summary>The newest item, or the default when empty.</summary>
    public T? Last { get { lock (_gate) return _items.Count == 0 ? default : _items.Last!.Value; } }

    public T this[int index]
    {
        get
        {
            lock (_gate)
            {
                if (index < 0 || index >= _items.Count) throw new System.ArgumentOutOfRangeException(nameof(index));
                var node = _items.First!;
                for (var i = 0; i < index; i++) node = node.Next!;
                return node.Value;
            }
        }
    }

    internal int Capacity
    {
        get { lock (_gate) return _capacity; }
        set { lock (_gate) { _capacity = value; Trim(); } }
    }

    internal void Add(T item)
    {
        lock (_gate)
        {
            _items.AddLast(item);
            Trim();
        }
    }

    internal void Clear() { lock (_gate) _items.Clear(); }

    private void Trim()
    {
        while (_items.Count > _capacity && _items.Count > 0) _items.RemoveFirst();
    }

    public IEnumerator<T> GetEnumerator()
    {
        List<T> copy;
        lock (_gate) copy = new List<T>(_items);
        return copy.GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
