using DrugTrace.Domain.Ledger;

namespace DrugTrace.Domain.Transparency;

/// <summary>
/// Every perfect subtree of one tile's hashes, hashed once: node (sub, j) is the root of hashes
/// [j * 2^sub, (j + 1) * 2^sub) of the tile. A proof asks a tile for up to eight subtrees that together
/// cover it, which costs as many hashes as building them all (255 for a full tile); a tile kept for
/// many proofs then answers each by lookup.
/// </summary>
public sealed class TileTree
{
    private readonly Hash256[][] _levels;

    public TileTree(Hash256[] hashes)
    {
        var levels = new List<Hash256[]> { hashes };
        for (var below = hashes; below.Length >= 2;)
        {
            var up = new Hash256[below.Length / 2];
            for (var j = 0; j < up.Length; j++) up[j] = Rfc6962.NodeHash(below[2 * j], below[2 * j + 1]);
            levels.Add(up);
            below = up;
        }
        _levels = [.. levels];
    }

    /// <summary>How many hashes the tile holds.</summary>
    public int Width => _levels[0].Length;

    /// <summary>The root of the 2^<paramref name="sub"/> hashes from <paramref name="offset"/> (a multiple of 2^sub).</summary>
    public Hash256 Node(int sub, int offset)
    {
        var j = offset >> sub;
        if (sub >= _levels.Length || offset != j << sub || j >= _levels[sub].Length)
            throw new ArgumentOutOfRangeException(nameof(offset),
                $"A tile of {Width} hashes has no perfect subtree of 2^{sub} hashes starting at {offset}.");
        return _levels[sub][j];
    }
}
