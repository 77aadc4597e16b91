using DrugTrace.Domain.Ledger;

namespace DrugTrace.Application.Common.Interfaces;

/// <summary>
/// Read side of the log's Merkle tree, as the store keeps it at append: the leaf hashes and the
/// nodes at tree levels 8, 16, 24... (C2SP tlog-tiles of height 8). Hashes only, never events.
/// </summary>
public interface ILogTreeStore
{
    /// <summary>The number of events in the global log: the tree size.</summary>
    ValueTask<long> GetSizeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The hashes of tile <paramref name="tileIndex"/> at tile level <paramref name="tileLevel"/>:
    /// hashes at tree level 8 x tileLevel (leaf hashes at 0), indices [tileIndex x 256, + width).
    /// Fewer than <paramref name="width"/> when the log does not hold them.
    /// </summary>
    ValueTask<Hash256[]> ReadTileAsync(int tileLevel, long tileIndex, int width, CancellationToken cancellationToken);
}
