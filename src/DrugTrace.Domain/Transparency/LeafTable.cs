using System.Runtime.CompilerServices;
using DrugTrace.Domain.Ledger;

namespace DrugTrace.Domain.Transparency;

/// <summary>
/// The log's leaf hashes by log index, filled in any order and from several threads at once (an audit that
/// reads chain by chain meets the log out of order), then folded into the RFC 9162 root. Chunks of 65,536
/// leaves are allocated as they are first touched, so the table holds what the log holds, 36 bytes a leaf.
/// </summary>
public sealed class LeafTable
{
    private const int ChunkBits = 16;
    private const int ChunkSize = 1 << ChunkBits;
    private const int MaxChunks = 1 << 16; // 2^32 leaves

    private readonly Chunk?[] _chunks = new Chunk?[MaxChunks];
    private long _maxIndex = -1;

    /// <summary>One more than the highest index set: the size of the log the leaves claim.</summary>
    public long Size => Interlocked.Read(ref _maxIndex) + 1;

    /// <summary>Sets the leaf at <paramref name="index"/>; false when that index was set before (two events claim it).</summary>
    public bool TrySet(long index, Hash256 leaf)
    {
        if (index < 0 || index >= (long)MaxChunks * ChunkSize)
            throw new ArgumentOutOfRangeException(nameof(index), index, "A log index is between 0 and 2^32 - 1.");
        var slot = (int)(index >> ChunkBits);
        var chunk = Volatile.Read(ref _chunks[slot]);
        if (chunk is null)
        {
            Interlocked.CompareExchange(ref _chunks[slot], new Chunk(), null);
            chunk = _chunks[slot]!;
        }
        var offset = (int)(index & (ChunkSize - 1));
        if (Interlocked.Exchange(ref chunk.Set[offset], 1) != 0) return false;
        chunk.Leaves[offset] = leaf;
        // The thread that sets a chunk's last leaf folds the chunk while the others go on reading, so that the
        // root at the end has only the last chunk and the levels above the chunks left to fold. The increment is a
        // full fence: every leaf set before it is seen here.
        if (Interlocked.Increment(ref chunk.Count) == ChunkSize) chunk.Fold();
        for (var max = Interlocked.Read(ref _maxIndex); index > max; max = Interlocked.Read(ref _maxIndex))
            if (Interlocked.CompareExchange(ref _maxIndex, index, max) == max) break;
        return true;
    }

    public bool IsSet(long index)
    {
        if (index < 0 || index > Interlocked.Read(ref _maxIndex)) return false;
        var chunk = _chunks[index >> ChunkBits];
        return chunk is not null && chunk.Set[index & (ChunkSize - 1)] != 0;
    }

    /// <summary>The runs of indexes below <paramref name="size"/> that no leaf was set at, in order, as (first, last).</summary>
    public IEnumerable<(long First, long Last)> Gaps(long size)
    {
        long? start = null;
        for (long i = 0; i < size; i++)
        {
            if (!IsSet(i)) start ??= i;
            else if (start is { } s)
            {
                yield return (s, i - 1);
                start = null;
            }
        }
        if (start is { } open) yield return (open, size - 1);
    }

    /// <summary>
    /// The root of the tree over the first <paramref name="size"/> leaves, every one of which must be set.
    /// The two halves of each large subtree are folded side by side.
    /// </summary>
    public Hash256 Root(long size)
    {
        if (size < 0 || size > Size) throw new ArgumentOutOfRangeException(nameof(size), size, $"The table holds {Size} leaves.");
        return size == 0 ? Rfc6962.EmptyRoot : Fold(0, size);
    }

    // RFC 9162's MTH: a range is split at the largest power of two below its length, so a range starting at a
    // multiple of the chunk size and no longer than one chunk lies in one chunk.
    private Hash256 Fold(long start, long count)
    {
        if (count <= ChunkSize && (start & (ChunkSize - 1)) + count <= ChunkSize)
        {
            var chunk = _chunks[start >> ChunkBits] ?? throw new InvalidOperationException($"No leaf was set at index {start}.");
            if (count == ChunkSize && chunk.Root is { } folded) return folded;
            return Rfc6962.Root(chunk.Leaves.AsSpan((int)(start & (ChunkSize - 1)), (int)count));
        }
        var k = Rfc6962.SplitPoint(count);
        if (count < 4 * ChunkSize)
            return Rfc6962.NodeHash(Fold(start, k), Fold(start + k, count - k));
        Hash256 left = default, right = default;
        Parallel.Invoke(() => left = Fold(start, k), () => right = Fold(start + k, count - k));
        return Rfc6962.NodeHash(left, right);
    }

    private sealed class Chunk
    {
        public readonly Hash256[] Leaves = new Hash256[ChunkSize];
        public readonly int[] Set = new int[ChunkSize];

        /// <summary>Leaves set so far.</summary>
        public int Count;

        private StrongBox<Hash256>? _root;

        /// <summary>The root of all the chunk's leaves once the last was set; null before.</summary>
        public Hash256? Root => Volatile.Read(ref _root)?.Value;

        public void Fold() => Volatile.Write(ref _root, new StrongBox<Hash256>(Rfc6962.Root(Leaves)));
    }
}
