using DrugTrace.Domain.Ledger;

namespace DrugTrace.Domain.Transparency;

/// <summary>
/// Answers any perfect-subtree hash from tiles already fetched: node (level l, index k) is the
/// root of 2^(l mod 8) consecutive hashes of tile level l / 8. <see cref="TilesFor"/> says which
/// tiles a computation needs, so that a store can fetch them in one go before running it.
/// </summary>
public sealed class TileNodes(long treeSize) : INodeSource
{
    private readonly Dictionary<(int Level, long Index), TileTree> _tiles = new();

    public long TreeSize { get; } = treeSize;

    /// <summary>The tile (level, index, width) that node (level, index) is computed from.</summary>
    public (int TileLevel, long TileIndex, int Width) TileOf(int level, long index)
    {
        var tileLevel = Math.Min(level / LogTiles.Height, LogTiles.MaxLevel);
        var sub = level - LogTiles.Height * tileLevel;
        var first = index << sub;
        var tileIndex = first >> LogTiles.Height;
        var available = LogTiles.HashesAt(tileLevel, TreeSize) - tileIndex * LogTiles.Width;
        return (tileLevel, tileIndex, (int)Math.Min(LogTiles.Width, available));
    }

    public void Add(int tileLevel, long tileIndex, Hash256[] hashes) => Add(tileLevel, tileIndex, new TileTree(hashes));

    /// <summary>A tile whose subtrees were hashed already (a full tile kept between requests).</summary>
    public void Add(int tileLevel, long tileIndex, TileTree tile) => _tiles[(tileLevel, tileIndex)] = tile;

    public Hash256 Node(int level, long index)
    {
        var (tileLevel, tileIndex, _) = TileOf(level, index);
        if (!_tiles.TryGetValue((tileLevel, tileIndex), out var tile))
            throw new InvalidOperationException($"Tile {tileLevel}/{tileIndex} was not fetched.");
        var sub = level - LogTiles.Height * tileLevel;
        var offset = (int)((index << sub) - tileIndex * LogTiles.Width);
        var count = 1 << sub;
        if (offset + count > tile.Width)
            throw new InvalidOperationException($"Tile {tileLevel}/{tileIndex} holds {tile.Width} hashes, node {level}/{index} needs {offset + count}.");
        return tile.Node(sub, offset);
    }

    /// <summary>Runs <paramref name="computation"/> without data and returns every tile it touches.</summary>
    public static IReadOnlyCollection<(int TileLevel, long TileIndex, int Width)> TilesFor(long treeSize, Action<INodeSource> computation)
    {
        var recorder = new Recorder(new TileNodes(treeSize));
        computation(recorder);
        return recorder.Tiles.Values;
    }

    private sealed class Recorder(TileNodes geometry) : INodeSource
    {
        public Dictionary<(int, long), (int, long, int)> Tiles { get; } = new();

        public Hash256 Node(int level, long index)
        {
            var t = geometry.TileOf(level, index);
            Tiles[(t.TileLevel, t.TileIndex)] = t;
            return Hash256.Zero;
        }
    }
}
