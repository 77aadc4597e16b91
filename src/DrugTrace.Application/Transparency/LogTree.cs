using System.Collections.Concurrent;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Transparency;

namespace DrugTrace.Application.Transparency;

/// <summary>
/// Roots and RFC 9162 proofs of the log at any size up to the current one, computed from the
/// tiles the store keeps: the proof is planned first, then the few tiles it touches are read.
/// </summary>
public sealed class LogTree(ILogTreeStore store)
{
    // Full tiles above the leaves never change in an append-only log, and every proof and root of a large
    // log reads the same few of them: kept here with their subtrees hashed (16 KiB each), a proof reads and
    // hashes only its leaf tile (and partial edge tiles). 1,024 tiles cover a log of 2^26 leaves.
    private const int MaxCachedTiles = 1_024;
    private readonly ConcurrentDictionary<(int Level, long Index), TileTree> _fullTiles = new();

    public ValueTask<long> SizeAsync(CancellationToken cancellationToken) => store.GetSizeAsync(cancellationToken);

    public async ValueTask<Hash256> RootAsync(long size, CancellationToken cancellationToken)
    {
        if (size == 0) return Rfc6962.EmptyRoot;
        var nodes = await FetchAsync(size, src => MerkleProofs.Root(src, size), cancellationToken);
        return MerkleProofs.Root(nodes, size);
    }

    public async ValueTask<(Hash256 LeafHash, IReadOnlyList<Hash256> Proof)> InclusionAsync(long index, long size, CancellationToken cancellationToken)
    {
        var nodes = await FetchAsync(size, src => { MerkleProofs.Inclusion(src, index, size); src.Node(0, index); }, cancellationToken);
        return (nodes.Node(0, index), MerkleProofs.Inclusion(nodes, index, size));
    }

    public async ValueTask<IReadOnlyList<Hash256>> ConsistencyAsync(long from, long to, CancellationToken cancellationToken)
    {
        var nodes = await FetchAsync(to, src => MerkleProofs.Consistency(src, from, to), cancellationToken);
        return MerkleProofs.Consistency(nodes, from, to);
    }

    private async ValueTask<TileNodes> FetchAsync(long size, Action<INodeSource> plan, CancellationToken cancellationToken)
    {
        var nodes = new TileNodes(size);
        foreach (var (level, index, width) in TileNodes.TilesFor(size, plan))
        {
            var keep = level > 0 && width == LogTiles.Width;
            if (keep && _fullTiles.TryGetValue((level, index), out var cached))
            {
                nodes.Add(level, index, cached);
                continue;
            }
            var hashes = await store.ReadTileAsync(level, index, width, cancellationToken);
            if (hashes.Length < width)
                throw new InvalidOperationException($"The log's tree lacks hashes of tile {level}/{index}: {hashes.Length} of {width}.");
            var tile = new TileTree(hashes);
            if (keep)
            {
                if (_fullTiles.Count >= MaxCachedTiles) _fullTiles.Clear();
                _fullTiles[(level, index)] = tile;
            }
            nodes.Add(level, index, tile);
        }
        return nodes;
    }
}
