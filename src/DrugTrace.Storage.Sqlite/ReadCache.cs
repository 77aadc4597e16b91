using System.Collections.Concurrent;

namespace DrugTrace.Storage.Sqlite;

/// <summary>
/// Rows found by a read, kept for the next reads of the same key. Only this process writes the file,
/// so its own writes are all the changes there are: a writer calls <see cref="Invalidate()"/> (or
/// <see cref="Invalidate(TKey)"/> for one row) after a change has committed. A read that began before that
/// (and may have seen the old row) offers its row with the generation it started in, and an offer from an
/// older generation is dropped, so a stale row never outlives the invalidation. Nothing is cached for a key
/// that was not found, and at most <paramref name="capacity"/> rows are kept (later ones are not kept).
/// </summary>
internal sealed class ReadCache<TKey, TValue>(int capacity = int.MaxValue) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _found = new();
    private readonly Lock _gate = new();
    private long _generation;
    private int _count;

    /// <summary>Read before the store is read; pass it to <see cref="Offer"/>.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Rows kept.</summary>
    public int Count
    {
        get
        {
            lock (_gate) return _count;
        }
    }

    public bool TryGet(TKey key, out TValue value) => _found.TryGetValue(key, out value!);

    public void Offer(TKey key, TValue value, long generation)
    {
        lock (_gate)
        {
            if (generation != _generation) return;
            if (_found.ContainsKey(key)) _found[key] = value;
            else if (_count < capacity && _found.TryAdd(key, value)) _count++;
        }
    }

    /// <summary>Forgets everything; called after a committed write changed cached rows.</summary>
    public void Invalidate()
    {
        lock (_gate)
        {
            _generation++;
            _found.Clear();
            _count = 0;
        }
    }

    /// <summary>Forgets one row; called after a committed write changed it. Reads of any key begun before are not kept.</summary>
    public void Invalidate(TKey key)
    {
        lock (_gate)
        {
            _generation++;
            if (_found.TryRemove(key, out _)) _count--;
        }
    }
}
