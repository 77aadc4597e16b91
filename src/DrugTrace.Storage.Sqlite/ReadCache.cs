using System.Collections.Concurrent;

namespace DrugTrace.Storage.Sqlite;

/// <summary>
/// Rows found by a read, kept for the next reads of the same key. Only this process writes the file,
/// so its own writes are all the changes there are: a writer calls <see cref="Invalidate"/> after a
/// change has committed. A read that began before that (and may have seen the old row) offers its row
/// with the generation it started in, and an offer from an older generation is dropped, so a stale row
/// never outlives the invalidation. Nothing is cached for a key that was not found.
/// </summary>
internal sealed class ReadCache<TKey, TValue> where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _found = new();
    private readonly Lock _gate = new();
    private long _generation;

    /// <summary>Read before the store is read; pass it to <see cref="Offer"/>.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public bool TryGet(TKey key, out TValue value) => _found.TryGetValue(key, out value!);

    public void Offer(TKey key, TValue value, long generation)
    {
        lock (_gate)
        {
            if (generation == _generation) _found[key] = value;
        }
    }

    /// <summary>Forgets everything; called after a committed write changed cached rows.</summary>
    public void Invalidate()
    {
        lock (_gate)
        {
            _generation++;
            _found.Clear();
        }
    }
}
