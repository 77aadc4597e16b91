using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Transparency;

namespace DrugTrace.Application.Tests.TestDoubles;

/// <summary>The log's tree as a list of leaf hashes; a tile's hashes are the perfect subtrees of 256^level leaves, as the stores keep them.</summary>
public sealed class InMemoryLogTreeStore
    : ILogTreeStore
{
    private readonly List<Hash256> _leaves = [];

    /// <summary>How many tiles were read, to see the cache of full upper tiles at work.</summary>
    public int TileReads { get; private set; }

    /// <summary>Tiles (level, index) that come back one hash short: a damaged tree.</summary>
    public HashSet<(int Level, long Index)> Damaged { get; } = [];

    public IReadOnlyList<Hash256> Leaves => _leaves;

    /// <summary>Appends <paramref name="count"/> leaves derived from <paramref name="seed"/>.</summary>
    public InMemoryLogTreeStore Grow(int count, int seed = 1)
    {
        var random = new Random(seed * 7919 + _leaves.Count);
        for (var i = 0; i < count; i++)
        {
            var bytes = new byte[32];
            random.NextBytes(bytes);
            _leaves.Add(Rfc6962.LeafHash(Hash256.FromBytes(bytes)));
        }
        return this;
    }

    /// <summary>Appends the leaf of one event hash, as the stores do at append.</summary>
    public void AppendEvent(Hash256 eventHash) => _leaves.Add(Rfc6962.LeafHash(eventHash));

    /// <summary>Replaces leaf <paramref name="index"/>: the log rewritten under the store.</summary>
    public void Rewrite(int index) => _leaves[index] = Rfc6962.LeafHash(Hash256.FromBytes(new byte[32]));

    public void Truncate(int size) => _leaves.RemoveRange(size, _leaves.Count - size);

    public ValueTask<long> GetSizeAsync(CancellationToken cancellationToken) => ValueTask.FromResult((long)_leaves.Count);

    public ValueTask<Hash256[]> ReadTileAsync(int tileLevel, long tileIndex, int width, CancellationToken cancellationToken)
    {
        TileReads++;
        var span = 1L << (LogTiles.Height * tileLevel);
        var hashes = new List<Hash256>();
        for (var i = tileIndex * LogTiles.Width; i < tileIndex * LogTiles.Width + width; i++)
        {
            var begin = i * span;
            if (begin + span > _leaves.Count) break;
            hashes.Add(Rfc6962.Root(_leaves.GetRange((int)begin, (int)span).ToArray()));
        }
        if (Damaged.Contains((tileLevel, tileIndex)) && hashes.Count > 0) hashes.RemoveAt(hashes.Count - 1);
        return ValueTask.FromResult(hashes.ToArray());
    }

    /// <summary>The root over the first <paramref name="size"/> leaves, computed directly.</summary>
    public Hash256 Root(long size) => Rfc6962.Root(_leaves.GetRange(0, (int)size).ToArray());
}
